#pragma once
// Messages of the system domain: database probes, supervision status, health.

#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

namespace playclock {

/// Result of one database round trip, plus the pool's counters.
struct db_status {
  bool up = false;
  double latency_ms = 0;
  /// Why the database is down (empty when up).
  std::string error;
  std::int32_t pool_size = 0;
  std::int32_t pool_in_use = 0;
  std::int32_t pool_idle = 0;
  std::uint64_t pool_waits = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, db_status& x) {
  return f(caf::meta::type_name("playclock::db_status"), x.up, x.latency_ms, x.error, x.pool_size,
           x.pool_in_use, x.pool_idle, x.pool_waits);
}

/// One supervised component as its supervisor sees it.
struct component_status {
  /// Path in the supervision tree, e.g. "node/database".
  std::string path;
  /// Kind of child ("database", "game", "supervisor", ...).
  std::string kind;
  /// running, restarting, stopping, stopped or failed.
  std::string state;
  /// Restarts since the node started.
  std::uint32_t restarts = 0;
  /// How many children are grouped in this entry (dynamic children of one
  /// kind are summarised, e.g. 10,000 games are one entry with count 10000).
  std::uint32_t count = 1;
  /// Reason of the last exit that caused a restart (empty if none).
  std::string last_exit;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, component_status& x) {
  return f(caf::meta::type_name("playclock::component_status"), x.path, x.kind, x.state, x.restarts,
           x.count, x.last_exit);
}

/// The status of every component below a supervisor (depth first).
struct supervision_report {
  std::vector<component_status> components;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, supervision_report& x) {
  return f(caf::meta::type_name("playclock::supervision_report"), x.components);
}

/// What GET /api/system/health returns.
struct health_report {
  /// ok, degraded or down.
  std::string status;
  std::string node;
  std::string version;
  std::string started_at;
  double uptime_s = 0;
  db_status database;
  supervision_report supervision;
  /// The job queue, the active model and each source's freshness, a JSON
  /// object (health_sql::operations); empty if the database did not answer.
  std::string operations;
  /// False when operations shows something that needs attention.
  bool operations_ok = true;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, health_report& x) {
  return f(caf::meta::type_name("playclock::health_report"), x.status, x.node, x.version,
           x.started_at, x.uptime_s, x.database, x.supervision, x.operations, x.operations_ok);
}

} // namespace playclock
