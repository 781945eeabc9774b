#pragma once
// The HTTP API of a node: routes that parse and validate, then forward to
// actors without ever blocking an HTTP I/O thread (see http/ask.hpp).

#include <chrono>
#include <memory>

#include <caf/fwd.hpp>

namespace playclock::http {
class router;
} // namespace playclock::http

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock::sup {
class registry;
} // namespace playclock::sup

namespace playclock {

struct http_api_context {
  caf::actor_system* sys = nullptr;
  /// Finds the current actor behind each route ("node/health", ...).
  std::shared_ptr<sup::registry> names;
  std::shared_ptr<metrics::registry> metrics;
  /// How long a route waits for an actor before answering 504.
  std::chrono::milliseconds request_timeout{5000};
};

/// Every route of the API.
std::shared_ptr<http::router> make_router(const http_api_context& ctx);

} // namespace playclock
