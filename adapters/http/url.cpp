#include "adapters/http/url.hpp"

#include <algorithm>
#include <cctype>

namespace playclock::http {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

std::string lower(std::string_view s) {
  std::string out{s};
  for (auto& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<std::uint16_t> parse_port(std::string_view s) {
  if (s.empty() || s.size() > 5) {
    return std::nullopt;
  }
  unsigned value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value == 0 || value > 65535) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(value);
}

} // namespace

std::optional<url> parse_url(std::string_view text) {
  auto sep = text.find("://");
  if (sep == std::string_view::npos) {
    return std::nullopt;
  }
  url u;
  u.scheme = lower(text.substr(0, sep));
  if (u.scheme == "http") {
    u.port = 80;
  } else if (u.scheme == "https") {
    u.port = 443;
  } else {
    return std::nullopt;
  }
  text.remove_prefix(sep + 3);
  if (auto hash = text.find('#'); hash != std::string_view::npos) {
    text = text.substr(0, hash);
  }
  auto end = text.find_first_of("/?");
  auto authority = text.substr(0, end);
  auto rest = end == std::string_view::npos ? std::string_view{} : text.substr(end);
  if (authority.find('@') != std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    u.host = std::string{authority.substr(1, close - 1)};
    auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        return std::nullopt;
      }
      port_text = after.substr(1);
      if (port_text.empty()) {
        return std::nullopt;
      }
    }
  } else {
    auto colon = authority.find(':');
    u.host = std::string{authority.substr(0, colon)};
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) {
        return std::nullopt;
      }
    }
  }
  if (u.host.empty() ||
      std::any_of(u.host.begin(), u.host.end(), [](unsigned char c) { return c <= ' '; })) {
    return std::nullopt;
  }
  if (!port_text.empty()) {
    auto port = parse_port(port_text);
    if (!port) {
      return std::nullopt;
    }
    u.port = *port;
  }
  if (std::any_of(rest.begin(), rest.end(), [](unsigned char c) { return c <= ' '; })) {
    return std::nullopt;
  }
  u.target = rest.empty() || rest.front() == '?' ? "/" + std::string{rest} : std::string{rest};
  return u;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) {
        return std::nullopt;
      }
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) {
        return std::nullopt;
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<header_list> parse_query(std::string_view query) {
  header_list out;
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) {
      continue;
    }
    auto eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(
        eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
    if (!key || !value) {
      return std::nullopt;
    }
    out.emplace_back(std::move(*key), std::move(*value));
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0x0F];
    }
  }
  return out;
}

} // namespace playclock::http
