#pragma once
// URL and request-target parsing shared by the server, the client and tests.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/http/message.hpp"

namespace playclock::http {

/// An absolute http(s) URL.
struct url {
  /// "http" or "https", lower-cased.
  std::string scheme;
  /// Host name or address, without IPv6 brackets.
  std::string host;
  /// The explicit port, else 80 or 443.
  std::uint16_t port = 0;
  /// Path and query, "/" at least; the fragment is dropped.
  std::string target;
};

/// Parses "http://host[:port][/path][?query]"; nullopt for anything else
/// (another scheme, user info, an empty host, a bad port).
std::optional<url> parse_url(std::string_view text);

/// Percent-encodes everything but RFC 3986 unreserved characters (for a
/// query value or a path segment).
std::string percent_encode(std::string_view text);

/// Decodes %XX escapes (and '+' as a space if asked); nullopt on a bad escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);

/// Decodes "a=1&b=x+y" into pairs in order; nullopt on a bad escape.
std::optional<header_list> parse_query(std::string_view query);

} // namespace playclock::http
