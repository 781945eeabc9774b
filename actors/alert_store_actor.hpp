#pragma once
// alert_store_actor: PostgreSQL access of the alerts domain. Detached workers
// (pqxx blocks) behind a round-robin front, as query_actor does it: each
// request is one transaction; a database failure is a query_errc error
// (database_unavailable, database_error), never a crash. Before it first
// touches tenants, each worker upserts the configured tenants (settings
// `tenants`: name, daily_alert_limit), so a configured tenant exists before
// the router loads its limits or a rule names it.
//
//   front (alert_store, event-based, linked to its workers)
//   ├── worker 1 (detached)
//   └── worker n (detached)

#include <memory>
#include <vector>

#include "config/settings.hpp"
#include "messages/alerts.hpp"

namespace playclock::pg {
class pool;
} // namespace playclock::pg

namespace playclock {

struct alert_store_config {
  std::shared_ptr<pg::pool> pool;
  /// Detached workers (at least 1).
  int workers = 2;
  /// Created or updated before the first read of tenants.
  std::vector<config::tenant_setting> tenants;
};

/// Spawns the workers and the front; returns the front. Stopping the front
/// stops the workers.
alert_store_actor spawn_alert_store(caf::actor_system& sys, alert_store_config cfg);

} // namespace playclock
