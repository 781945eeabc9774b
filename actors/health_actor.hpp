#pragma once
// health_actor: answers "how is this node?" by asking the database actor,
// the root supervisor and the jobs api (the queue, the active model and the
// sources' freshness, from PostgreSQL), each with a timeout, and combining
// their answers. Every snapshot_interval it stores the report in
// health_history (through the jobs api's workers).

#include <chrono>
#include <memory>
#include <string>

#include "messages/actors.hpp"

namespace playclock::sup {
class registry;
} // namespace playclock::sup

namespace playclock {

struct health_config {
  /// Finds the current database actor ("node/database") and root ("node").
  std::shared_ptr<sup::registry> names;
  std::string node_name;
  std::chrono::system_clock::time_point started_at;
  /// Time each part of the report may take.
  std::chrono::milliseconds timeout{2000};
  /// Between stored snapshots; zero = none.
  std::chrono::seconds snapshot_interval{60};
};

health_actor spawn_health_actor(caf::actor_system& sys, health_config cfg);

/// ok when everything runs, degraded when a component is not running or
/// the operations need attention (a stuck job, a failing source), down when
/// the database is unreachable.
std::string overall_status(const health_report& r);

} // namespace playclock
