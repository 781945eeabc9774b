#pragma once
// The alerts part of a node's supervision tree, in start order:
//
//   alert_store    detached PostgreSQL workers (rules, alerts, history)
//   notifiers      supervisor: telegram, webhook, log (node/notifiers/<channel>)
//   alert_router   subscribes to the hub's "games" and "markets" topics
//
// Append these to the root supervisor after the event hub ("node/events")
// and the live-games and markets children; they stop in reverse order (the
// router first, the store last, so outcomes are still written).

#include <functional>
#include <memory>
#include <vector>

#include "config/settings.hpp"
#include "messages/supervision.hpp"

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock::pg {
class pool;
} // namespace playclock::pg

namespace playclock::sup {
class registry;
struct supervisor_event;
} // namespace playclock::sup

namespace playclock {

struct alerts_options {
  config::settings settings;
  std::shared_ptr<pg::pool> pool;
  std::shared_ptr<metrics::registry> metrics;
  std::shared_ptr<sup::registry> names;
  /// Supervision events of the notifiers supervisor (restart counters).
  std::function<void(const sup::supervisor_event&)> observer;
};

/// The children above. The store upserts settings.tenants before it first
/// reads tenants (the router's bootstrap, a rule request), so configured
/// tenants exist before anything uses them.
std::vector<child_spec> alerts_children(const alerts_options& opts);

} // namespace playclock
