// describe_markdown(): the table of settings embedded in the README.
#include "config/describe.hpp"

#include <type_traits>
#include <variant>

#include "config/loader.hpp"
#include "config/schema.hpp"

namespace playclock::config {
namespace {

std::string code(const std::string& text) {
  return "`" + text + "`";
}

std::string kind_text(const key_spec& k) {
  switch (k.kind) {
  case value_kind::integer:
  case value_kind::size:
  case value_kind::number: {
    auto range = range_text(k);
    return std::string{to_string(k.kind)} + (range.empty() ? "" : ", " + range);
  }
  case value_kind::enumeration: {
    std::string out = "one of ";
    for (std::size_t i = 0; i < k.allowed.size(); ++i) {
      out += (i == 0 ? "" : ", ") + code(k.allowed[i]);
    }
    return out;
  }
  default:
    return std::string{to_string(k.kind)};
  }
}

std::string type_text(const key_spec& k) {
  return kind_text(k) + (k.is_secret() ? ", secret" : "");
}

std::string default_text(const key_spec& k) {
  return std::visit(
      [&](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) {
          return code(v ? "true" : "false");
        } else if constexpr (std::is_same_v<T, std::string>) {
          if (v.empty()) {
            return "(empty)";
          }
          if (k.secret == secrecy::url_password) {
            return code(redact_url(v));
          }
          if (k.secret == secrecy::json_tokens) {
            return code(v); // a default holds no token
          }
          return code(k.is_secret() ? "***" : v);
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          std::string out;
          for (const auto& item : v) {
            out += (out.empty() ? "\"" : ", \"") + item + "\"";
          }
          return code(k.is_secret() && !v.empty() ? "***" : "[" + out + "]");
        } else if constexpr (std::is_same_v<T, double>) {
          return code(number_text(v));
        } else {
          return code(std::to_string(v));
        }
      },
      k.default_value);
}

std::string env_text(const key_spec& k) {
  auto out = code(k.env_name());
  if (!k.env_alias.empty()) {
    out += ", " + code(k.env_alias);
  }
  return out;
}

/// Escapes the cell separator.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

} // namespace

std::string describe_markdown() {
  std::string out = "| Key | Environment variable | Type | Default | Description |\n"
                    "|---|---|---|---|---|\n";
  for (const auto& k : keys()) {
    out += "| " + cell(code(k.path)) + " | " + cell(env_text(k)) + " | " + cell(type_text(k)) +
           " | " + cell(default_text(k)) + " | " + cell(k.doc) + " |\n";
  }
  return out;
}

} // namespace playclock::config
