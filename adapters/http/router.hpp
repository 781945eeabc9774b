#pragma once
// Maps (method, path) to a handler. Built once at start-up, then shared
// read-only by every I/O thread.

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters/http/message.hpp"

namespace playclock::http {

/// Captured path segments in pattern order: {"id","42"} from "/api/games/{id}".
using path_params = std::vector<std::pair<std::string, std::string>>;

/// Answers a request. Call it exactly once, from any thread; later calls are
/// ignored, and so is a call after the server answered 504 or stopped.
using responder = std::function<void(response)>;

/// Handles one request on an I/O thread: must not block; answers through the
/// responder, now or later. The request is only valid during the call.
/// An exception thrown here becomes a 500 problem response.
using handler = std::function<void(const request&, const path_params&, responder)>;

/// The routes of a server.
class router {
 public:
  /// Adds a route. `pattern` starts with '/'; a segment "{name}" captures one
  /// non-empty path segment. `route_name` is the metric label (the pattern by
  /// default). Where several patterns match, literal segments win over captures,
  /// leftmost first. A GET route also answers HEAD unless a HEAD route exists.
  /// Throws std::invalid_argument on a malformed pattern or a duplicate route.
  void add(std::string method, std::string pattern, handler h, std::string route_name = {});

  /// The outcome of a lookup.
  struct match_result {
    enum class kind { found, not_found, method_not_allowed } what = kind::not_found;
    /// The handler when found; points into the router.
    const handler* h = nullptr;
    path_params params;
    /// The metric label of the matched route (also set for 405), empty for 404.
    std::string route;
    /// The allowed methods for 405, "GET, HEAD, POST".
    std::string allow;
  };

  /// Looks up a percent-decoded path such as "/api/games/42".
  match_result match(std::string_view method, std::string_view path) const;

  /// How many routes were added.
  std::size_t size() const { return routes_.size(); }

  /// "GET /api/games/{id}" for every route, in the order they were added.
  std::vector<std::string> describe() const;

 private:
  struct segment {
    std::string text;
    bool capture = false;
  };
  struct route {
    std::string method;
    std::string pattern;
    std::string name;
    std::vector<segment> segments;
    handler h;
  };

  static bool captures(const route& r, const std::vector<std::string_view>& parts,
                       path_params* out);
  static bool more_specific(const route& a, const route& b);

  std::vector<route> routes_;
};

} // namespace playclock::http
