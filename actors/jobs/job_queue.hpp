#pragma once
// The job queue of a node ("node/jobs/queue", detached: it calls
// PostgreSQL). Woken by the listener (NOTIFY), by an enqueue on this node,
// by a finished job and by a slow poll, it runs a round: the outcomes job
// actors handed it since the last round are recorded and due jobs claimed
// for its free slots, in one statement; it starts one job actor per claimed
// job under the jobs supervisor. Its
// heartbeat renews the leases of its jobs, passes on cancellations, rescues
// jobs whose lease expired anywhere in the cluster, and stops a job that
// overran its time-out and ignored it.

#include <chrono>
#include <memory>
#include <string>

#include <caf/fwd.hpp>

#include "actors/jobs/job_metrics.hpp"
#include "actors/jobs/job_runner.hpp"
#include "config/settings.hpp"
#include "messages/jobs.hpp"

namespace playclock {

struct job_queue_config {
  job_env env;
  config::jobs_settings settings;
  std::shared_ptr<job_metrics> metrics;
  /// Registry name of the supervisor the job actors run under.
  std::string supervisor = "node/jobs";
};

job_queue_actor spawn_job_queue(caf::actor_system& sys, job_queue_config cfg);

} // namespace playclock
