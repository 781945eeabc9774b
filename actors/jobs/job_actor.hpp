#pragma once
// One running job ("node/jobs/job-<id>", detached: job steps block). It runs
// its type's runner a step at a time, hands its outcome to the queue
// (completed, failed -> retried with backoff while attempts remain,
// cancelled, timed out = failed), which records it, and ends. Stopped by its
// supervisor (node shutdown) it gives the job back to the queue.

#include <memory>

#include <caf/fwd.hpp>

#include "actors/jobs/job_metrics.hpp"
#include "actors/jobs/job_runner.hpp"
#include "messages/jobs.hpp"
#include "messages/supervision.hpp"

namespace playclock {

struct job_actor_config {
  jobs_sql::claimed_job job;
  job_env env;
  std::shared_ptr<job_control> control;
  job_queue_actor queue;
  std::shared_ptr<job_metrics> metrics;
};

/// The child spec of a job actor (temporary: a job is never restarted by its
/// supervisor; a failed attempt is retried through the queue).
child_spec job_child_spec(job_actor_config cfg);

} // namespace playclock
