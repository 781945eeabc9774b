#pragma once
// The job listener ("node/jobs/listener"): LISTENs on the jobs channel on a
// connection of its own and wakes the job queue for every notification, so
// a submitted job starts within milliseconds without tight polling. A lost
// connection is re-opened (with backoff); the queue's slow poll covers the
// gap.

#include <memory>
#include <string>

#include <caf/fwd.hpp>

#include "messages/jobs.hpp"

namespace playclock::sup {
class registry;
} // namespace playclock::sup

namespace playclock {

struct job_listener_config {
  /// libpq connection string (pg::connection_string of the pool's options).
  std::string conninfo;
  /// Finds "node/jobs/queue".
  std::shared_ptr<sup::registry> names;
};

job_listener_actor spawn_job_listener(caf::actor_system& sys, job_listener_config cfg);

} // namespace playclock
