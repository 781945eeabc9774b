#pragma once
// The job API workers ("node/jobs/api"): detached actors behind a linked
// round-robin pool, each making the jobs_sql calls of one HTTP request on
// its own thread, so submissions and reads never wait on the claiming loop.

#include <memory>
#include <string>

#include <caf/fwd.hpp>

#include "messages/jobs.hpp"

namespace playclock::pg {
class pool;
} // namespace playclock::pg

namespace playclock::sup {
class registry;
} // namespace playclock::sup

namespace playclock {

struct jobs_api_config {
  std::shared_ptr<pg::pool> pool;
  /// Finds "node/jobs/queue", woken after an enqueue of a due job.
  std::shared_ptr<sup::registry> names;
  int workers = 2;
};

jobs_api_actor spawn_jobs_api(caf::actor_system& sys, const jobs_api_config& cfg);

} // namespace playclock
