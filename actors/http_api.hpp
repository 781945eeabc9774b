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

namespace playclock::auth {
class directory;
} // namespace playclock::auth

namespace prometheus {
class Counter;
template <typename T>
class Family;
} // namespace prometheus

namespace playclock {

struct http_api_context {
  caf::actor_system* sys = nullptr;
  /// Finds the current actor behind each route ("node/health", ...).
  std::shared_ptr<sup::registry> names;
  std::shared_ptr<metrics::registry> metrics;
  /// How long a route waits for an actor before answering 504.
  std::chrono::milliseconds request_timeout{5000};
  /// Who may act on which tenant (node::directory()); null refuses every
  /// tenant and admin route.
  std::shared_ptr<auth::directory> auth;
  /// Set by make_router.
  prometheus::Family<prometheus::Counter>* auth_denied = nullptr;
};

/// Every route of the API.
std::shared_ptr<http::router> make_router(const http_api_context& ctx);

} // namespace playclock
