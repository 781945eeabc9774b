#pragma once
// The cron scheduler of a node ("node/jobs/scheduler", detached: it calls
// PostgreSQL). Every node runs one: on its timer it enqueues each
// schedule's latest due slot (within schedule_grace of now) with the
// idempotency key cron:<name>:<slot>, so however many nodes run it, one
// job per slot is enqueued, and a node started late still runs the slot it
// missed by a few minutes.

#include <chrono>
#include <memory>
#include <vector>

#include <caf/fwd.hpp>

#include "actors/jobs/job_metrics.hpp"
#include "config/settings.hpp"
#include "messages/jobs.hpp"

namespace playclock::pg {
class pool;
} // namespace playclock::pg

namespace playclock {

/// How late a slot may still be enqueued (a node restarting, PostgreSQL
/// away for a while); older slots are skipped, not caught up.
inline constexpr std::chrono::minutes schedule_grace{15};

struct job_scheduler_config {
  std::shared_ptr<pg::pool> pool;
  std::vector<config::job_schedule_setting> schedules;
  std::shared_ptr<job_metrics> metrics;
  std::chrono::milliseconds interval{std::chrono::seconds{10}};
};

job_scheduler_actor spawn_job_scheduler(caf::actor_system& sys, job_scheduler_config cfg);

} // namespace playclock
