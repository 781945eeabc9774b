#include "adapters/http/message.hpp"

#include <algorithm>
#include <cctype>

namespace playclock::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

} // namespace

std::optional<std::string> find_header(const header_list& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (iequals(key, name)) {
      return value;
    }
  }
  return std::nullopt;
}

std::optional<std::string> request::header(std::string_view name) const {
  return find_header(headers, name);
}

std::optional<std::string> request::query_param(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) {
      return value;
    }
  }
  return std::nullopt;
}

} // namespace playclock::http
