// Checks of single values against their key's constraints, and of whole settings.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "config/schema.hpp"

namespace playclock::config {
namespace {

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) {
      out += sep;
    }
    out += item;
  }
  return out;
}

bool in_range(const key_spec& k, std::int64_t n) {
  return (!k.min || n >= *k.min) && (!k.max || n <= *k.max);
}

bool in_range(const key_spec& k, std::uint64_t n) {
  // Negative bounds never exclude an unsigned value.
  bool above = !k.min || *k.min <= 0 || n >= static_cast<std::uint64_t>(*k.min);
  bool below = !k.max || (*k.max >= 0 && n <= static_cast<std::uint64_t>(*k.max));
  return above && below;
}

bool in_range(const key_spec& k, double n) {
  return (!k.min || n >= static_cast<double>(*k.min)) &&
         (!k.max || n <= static_cast<double>(*k.max));
}

bool valid_host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
}

bool valid_ipv6_char(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
}

std::optional<std::string> kind_checks(const key_spec& k, const setting_value& v) {
  const std::string must_be_range = "must be " + range_text(k);
  switch (k.kind) {
  case value_kind::integer:
    if (auto n = std::get_if<std::int64_t>(&v)) {
      return in_range(k, *n) ? std::nullopt : std::optional{must_be_range};
    }
    break;
  case value_kind::size:
    if (auto n = std::get_if<std::uint64_t>(&v)) {
      return in_range(k, *n) ? std::nullopt : std::optional{must_be_range};
    }
    break;
  case value_kind::number:
    if (auto n = std::get_if<double>(&v)) {
      if (!std::isfinite(*n)) {
        return std::string{"must be a finite number"};
      }
      return in_range(k, *n) ? std::nullopt : std::optional{must_be_range};
    }
    break;
  case value_kind::boolean:
    if (std::holds_alternative<bool>(v)) {
      return std::nullopt;
    }
    break;
  case value_kind::enumeration:
    if (auto s = std::get_if<std::string>(&v)) {
      if (std::find(k.allowed.begin(), k.allowed.end(), *s) != k.allowed.end()) {
        return std::nullopt;
      }
      return "must be one of " + join(k.allowed, ", ");
    }
    break;
  case value_kind::address:
    if (auto s = std::get_if<std::string>(&v)) {
      return check_address(*s);
    }
    break;
  case value_kind::string:
  case value_kind::json:
    if (std::holds_alternative<std::string>(v)) {
      return std::nullopt;
    }
    break;
  case value_kind::string_list:
    if (std::holds_alternative<std::vector<std::string>>(v)) {
      return std::nullopt;
    }
    break;
  }
  return "holds a value of the wrong type for " + std::string{to_string(k.kind)};
}

} // namespace

std::string_view to_string(value_kind k) {
  switch (k) {
  case value_kind::string:
    return "string";
  case value_kind::integer:
    return "integer";
  case value_kind::size:
    return "unsigned integer";
  case value_kind::number:
    return "number";
  case value_kind::boolean:
    return "boolean";
  case value_kind::enumeration:
    return "enum";
  case value_kind::address:
    return "host:port";
  case value_kind::string_list:
    return "list of strings";
  case value_kind::json:
    return "JSON";
  }
  return "unknown";
}

std::string key_spec::env_name() const {
  std::string out = "PLAYCLOCK_";
  for (char c : path) {
    if (c == '.') {
      out += "__";
    } else {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

const key_spec* find_key(std::string_view path) {
  for (const auto& k : keys()) {
    if (k.path == path) {
      return &k;
    }
  }
  return nullptr;
}

std::string range_text(const key_spec& k) {
  if (k.min && k.max) {
    return "between " + std::to_string(*k.min) + " and " + std::to_string(*k.max);
  }
  if (k.min) {
    return *k.min == 1 ? std::string{"> 0"} : ">= " + std::to_string(*k.min);
  }
  if (k.max) {
    return "<= " + std::to_string(*k.max);
  }
  return {};
}

std::string number_text(double v) {
  // The shortest text that reads back exactly; fixed (100000, 0.25) unless the
  // number is very large or very small (1e+20, 1e-07).
  auto magnitude = std::fabs(v);
  auto format = v == 0 || (magnitude >= 1e-4 && magnitude < 1e15) ? std::chars_format::fixed
                                                                  : std::chars_format::general;
  char buffer[400];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v, format);
  return ec == std::errc{} ? std::string{buffer, end} : std::to_string(v);
}

std::optional<std::string> check_address(std::string_view text) {
  const std::string bad = "must be host:port";
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return bad;
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
    if (host.empty() || !std::all_of(host.begin(), host.end(), valid_ipv6_char)) {
      return bad;
    }
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos) {
      return bad;
    }
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.empty() || !std::all_of(host.begin(), host.end(), valid_host_char)) {
      return bad;
    }
  }
  auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), is_digit)) {
    return bad;
  }
  auto number = std::stoi(std::string{port});
  if (number < 1 || number > 65535) {
    return std::string{"port must be between 1 and 65535"};
  }
  return std::nullopt;
}

std::optional<std::string> check_value(const key_spec& k, const setting_value& v) {
  if (auto msg = kind_checks(k, v)) {
    return msg;
  }
  if (k.check) {
    return k.check(v);
  }
  return std::nullopt;
}

std::vector<config_error> validate(const settings& s) {
  std::vector<config_error> errors;
  for (const auto& k : keys()) {
    if (auto msg = check_value(k, k.get(s))) {
      errors.push_back({k.path, *msg});
    }
  }
  for (const auto& c : cross_checks()) {
    if (auto msg = c.check(s)) {
      errors.push_back({c.path, *msg});
    }
  }
  return errors;
}

} // namespace playclock::config
