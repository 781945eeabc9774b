#pragma once
// The request and response of the HTTP adapter, free of Beast so that route
// handlers (and the actors behind them) never compile it.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace playclock::http {

/// Name/value pairs in wire order (headers, query parameters).
using header_list = std::vector<std::pair<std::string, std::string>>;

/// The value of the first entry named `name`, compared case-insensitively.
std::optional<std::string> find_header(const header_list& fields, std::string_view name);

/// A parsed request as handed to a route handler.
struct request {
  /// "GET", "POST", ... as sent (methods are case-sensitive).
  std::string method;
  /// The raw request target, "/api/x?a=1".
  std::string target;
  /// The percent-decoded path, "/api/x".
  std::string path;
  /// Decoded query parameters in order ('+' is a space).
  header_list query;
  /// Header fields with lower-cased names, in order.
  header_list headers;
  std::string body;
  /// The peer, "127.0.0.1:5555" or "[::1]:5555".
  std::string remote;

  /// The first header named `name` (case-insensitive).
  std::optional<std::string> header(std::string_view name) const;
  /// The first value of query parameter `name` (case-sensitive).
  std::optional<std::string> query_param(std::string_view name) const;
};

/// What a handler answers. The server adds Server, Content-Length and Connection.
struct response {
  int status = 200;
  std::string content_type = "application/json";
  /// Extra headers (Location, Allow, Retry-After, ...); framing headers are ignored.
  header_list headers;
  std::string body;
};

} // namespace playclock::http
