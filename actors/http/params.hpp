#pragma once
// Validation of route parameters shared by the HTTP routes: a rejected
// parameter, the 400/422 problem that names it (RFC 9457 `invalid_params`),
// and the checks every route repeats (names, numbers, limit, cursor).

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/http/message.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/router.hpp"

namespace playclock::http_params {

/// Rows per page when `limit` is absent, and the most a route allows.
inline constexpr std::int32_t default_limit = 50;
inline constexpr std::int32_t max_limit = 500;

/// A rejected query parameter, path segment or body field.
struct bad_param {
  std::string name;
  std::string reason;
  /// The parameter is not one the route takes (`reason` unused).
  bool unknown = false;

  /// "unknown parameter: x" or "x: reason", the problem's detail.
  std::string detail() const {
    return unknown ? "unknown parameter: " + name : name + ": " + reason;
  }
};

/// A `code` problem naming `p` in detail and in an `invalid_params` member
/// ([{"name":...,"reason":...}], RFC 9457's example extension).
http::response invalid(http::ec code, const bad_param& p, const std::string& instance);

/// invalid() with 400.
http::response bad_request(const bad_param& p, const std::string& instance);

/// The first query parameter not in `allowed`, or given more than once, in
/// wire order.
std::optional<bad_param> check_names(const http::request& req,
                                     std::initializer_list<std::string_view> allowed);

/// A plain decimal number (no sign, no spaces) of at most 18 digits.
std::optional<std::int64_t> parse_digits(const std::string& s);

/// Query parameter `name` as an integer in [1, most] (plain digits) into
/// `out`; `fallback` when absent.
std::optional<bad_param> parse_count(const http::request& req, const char* name,
                                     std::int32_t fallback, std::int32_t most, std::int32_t& out);

/// parse_count() of `limit`: default_limit, at most max_limit.
std::optional<bad_param> parse_limit(const http::request& req, std::int32_t& out);

/// The `cursor` query parameter into `out` if `decode(cursor)` accepts it
/// (a decoder returning an optional); unchanged when absent.
template <class Decode>
std::optional<bad_param> parse_cursor(const http::request& req, Decode decode, std::string& out) {
  auto v = req.query_param("cursor");
  if (!v)
    return std::nullopt;
  if (!decode(*v))
    return bad_param{"cursor", "malformed"};
  out = *v;
  return std::nullopt;
}

/// The captured path segment `name`, "" if none.
std::string path_param(const http::path_params& params, std::string_view name);

/// Rejects `id` (reported as parameter `name`) unless it is a game id: 1 to
/// 32 characters of A-Z, a-z, 0-9, _ or -.
std::optional<bad_param> check_game_id(const char* name, const std::string& id);

/// True when the request has no Content-Type or a JSON one
/// (application/json or any +json, parameters ignored).
bool json_content_type(const http::request& req);

/// check_names(req, allowed), then the path segment "tenant" into `tenant`
/// if it is a tenant id (^[a-z0-9][a-z0-9_-]{0,62}$).
std::optional<bad_param> check_tenant_request(const http::request& req,
                                              const http::path_params& params,
                                              std::initializer_list<std::string_view> allowed,
                                              std::string& tenant);

} // namespace playclock::http_params
