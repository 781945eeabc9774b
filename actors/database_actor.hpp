#pragma once
// database_actor: the node's blocking access to PostgreSQL for probes. It runs
// detached (its own thread), so a slow database never stalls the scheduler.

#include <chrono>
#include <memory>

#include "messages/actors.hpp"

namespace prometheus {
class Gauge;
} // namespace prometheus

namespace playclock::pg {
class pool;
} // namespace playclock::pg

namespace playclock {

struct database_config {
  std::shared_ptr<pg::pool> pool;
  /// Interval of the background probe that keeps the gauges current and
  /// notices an outage (and the recovery) without waiting for a request.
  std::chrono::milliseconds probe_interval{5000};
  /// playclock_db_up (1/0) and playclock_db_ping_seconds; may be null.
  prometheus::Gauge* up_gauge = nullptr;
  prometheus::Gauge* ping_gauge = nullptr;
};

/// Spawns the actor detached.
database_actor spawn_database_actor(caf::actor_system& sys, database_config cfg);

} // namespace playclock
