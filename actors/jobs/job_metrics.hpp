#pragma once
// The job queue's metrics, registered once per node (jobs_children) and
// shared by every incarnation of the queue. Labels are job types and
// outcomes only: never a tenant or job id (unbounded).

#include <memory>
#include <string>

namespace prometheus {
class Counter;
class Gauge;
class Histogram;
template <class T>
class Family;
} // namespace prometheus

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock {

struct job_metrics {
  /// playclock_jobs_finished_total{type,status}: completed, failed, retry
  /// (failed with attempts left), cancelled, lost (lease taken over).
  prometheus::Family<prometheus::Counter>* finished = nullptr;
  /// playclock_jobs_started_total{type}.
  prometheus::Family<prometheus::Counter>* started = nullptr;
  /// playclock_jobs_rescued_total{outcome}: requeued, failed, cancelled.
  prometheus::Family<prometheus::Counter>* rescued = nullptr;
  /// playclock_jobs_queue_depth{state}: pending, due, running (cluster).
  prometheus::Family<prometheus::Gauge>* depth = nullptr;
  /// playclock_jobs_running_here: jobs this node runs.
  prometheus::Gauge* running_here = nullptr;
  /// playclock_simulations_running: tenant simulations this node runs (no
  /// tenant label: tenants are unbounded).
  prometheus::Gauge* simulations_here = nullptr;
  /// playclock_job_wait_seconds{type}: from due to started.
  prometheus::Family<prometheus::Histogram>* wait = nullptr;
  /// playclock_job_run_seconds{type,status}: one attempt's run time.
  prometheus::Family<prometheus::Histogram>* run = nullptr;
  /// playclock_jobs_queue_errors_total{what}: claims, heartbeats ... that
  /// failed (PostgreSQL away) and are retried.
  prometheus::Family<prometheus::Counter>* errors = nullptr;
  /// playclock_jobs_scheduled_total{schedule,outcome}: a due cron slot
  /// enqueued by this node, taken (another node's enqueue was first), or
  /// error. Schedules come from config, so the label is bounded.
  prometheus::Family<prometheus::Counter>* scheduled = nullptr;
  /// playclock_pipeline_checks_total{source,check,status}: the data
  /// pipeline's governance checks: passed, warning, failed (critical).
  prometheus::Family<prometheus::Counter>* checks = nullptr;

  void count_started(const std::string& type, double wait_seconds) const;
  void count_finished(const std::string& type, const std::string& status, double run_seconds) const;
  void count_rescued(const std::string& outcome, int n) const;
  void count_error(const std::string& what) const;
  void count_scheduled(const std::string& schedule, const std::string& outcome) const;
  void count_check(const std::string& source, const std::string& check,
                   const std::string& status) const;
  void set_depth(double pending, double due, double running) const;
  void set_running_here(double n, int simulations) const;
};

/// Registers the families on `reg`.
std::shared_ptr<job_metrics> make_job_metrics(metrics::registry& reg);

} // namespace playclock
