#include "actors/jobs/job_metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>

#include "adapters/metrics/registry.hpp"

namespace playclock {

namespace {

// 1 ms to 1 h: a noop job waits milliseconds, a training run minutes.
const prometheus::Histogram::BucketBoundaries& seconds_buckets() {
  static const prometheus::Histogram::BucketBoundaries b{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                         0.1,   0.25,   0.5,   1,    2.5,   5,
                                                         10,    30,     60,    300,  900,   3600};
  return b;
}

} // namespace

void job_metrics::count_started(const std::string& type, double wait_seconds) const {
  if (started != nullptr)
    started->Add({{"type", type}}).Increment();
  if (wait != nullptr)
    wait->Add({{"type", type}}, seconds_buckets()).Observe(wait_seconds);
}

void job_metrics::count_finished(const std::string& type, const std::string& status,
                                 double run_seconds) const {
  if (finished != nullptr)
    finished->Add({{"type", type}, {"status", status}}).Increment();
  if (run != nullptr)
    run->Add({{"type", type}, {"status", status}}, seconds_buckets()).Observe(run_seconds);
}

void job_metrics::count_rescued(const std::string& outcome, int n) const {
  if (rescued != nullptr && n > 0)
    rescued->Add({{"outcome", outcome}}).Increment(n);
}

void job_metrics::count_error(const std::string& what) const {
  if (errors != nullptr)
    errors->Add({{"what", what}}).Increment();
}

void job_metrics::count_scheduled(const std::string& schedule, const std::string& outcome) const {
  if (scheduled != nullptr)
    scheduled->Add({{"schedule", schedule}, {"outcome", outcome}}).Increment();
}

void job_metrics::count_check(const std::string& source, const std::string& check,
                              const std::string& status) const {
  if (checks != nullptr)
    checks->Add({{"source", source}, {"check", check}, {"status", status}}).Increment();
}

void job_metrics::set_depth(double pending, double due, double running) const {
  if (depth == nullptr)
    return;
  depth->Add({{"state", "pending"}}).Set(pending);
  depth->Add({{"state", "due"}}).Set(due);
  depth->Add({{"state", "running"}}).Set(running);
}

void job_metrics::set_running_here(double n, int simulations) const {
  if (running_here != nullptr)
    running_here->Set(n);
  if (simulations_here != nullptr)
    simulations_here->Set(simulations);
}

std::shared_ptr<job_metrics> make_job_metrics(metrics::registry& reg) {
  auto m = std::make_shared<job_metrics>();
  auto& p = reg.prom();
  m->finished = &prometheus::BuildCounter()
                     .Name("playclock_jobs_finished_total")
                     .Help("Job attempts ended, by type and status: completed, failed, retry "
                           "(failed, will run again), cancelled, lost (lease taken over).")
                     .Register(p);
  m->started = &prometheus::BuildCounter()
                    .Name("playclock_jobs_started_total")
                    .Help("Job attempts started on this node, by type.")
                    .Register(p);
  m->rescued = &prometheus::BuildCounter()
                    .Name("playclock_jobs_rescued_total")
                    .Help("Running jobs whose lease expired (their node died), by what became "
                          "of them: requeued, failed (attempts used up), cancelled.")
                    .Register(p);
  m->scheduled = &prometheus::BuildCounter()
                      .Name("playclock_jobs_scheduled_total")
                      .Help("Due cron slots of jobs.schedules, by schedule and outcome: enqueued "
                            "(by this node), taken (another node enqueued it), error.")
                      .Register(p);
  m->checks = &prometheus::BuildCounter()
                   .Name("playclock_pipeline_checks_total")
                   .Help("Data pipeline governance checks by source, check and status: passed, "
                         "warning (a failed warning check), failed (a failed critical check).")
                   .Register(p);
  m->simulations_here = &prometheus::BuildGauge()
                             .Name("playclock_simulations_running")
                             .Help("Tenant simulations running on this node.")
                             .Register(p)
                             .Add({});
  m->depth = &prometheus::BuildGauge()
                  .Name("playclock_jobs_queue_depth")
                  .Help("Jobs in the cluster's queue by state: pending (incl. scheduled), due "
                        "(pending and runnable now), running.")
                  .Register(p);
  m->running_here = &prometheus::BuildGauge()
                         .Name("playclock_jobs_running_here")
                         .Help("Jobs running on this node.")
                         .Register(p)
                         .Add({});
  m->wait = &prometheus::BuildHistogram()
                 .Name("playclock_job_wait_seconds")
                 .Help("Enqueue-to-start latency: from a job being due to its start, by type.")
                 .Register(p);
  m->run = &prometheus::BuildHistogram()
                .Name("playclock_job_run_seconds")
                .Help("Run time of one job attempt, by type and status.")
                .Register(p);
  m->errors = &prometheus::BuildCounter()
                   .Name("playclock_jobs_queue_errors_total")
                   .Help("Queue operations that failed (PostgreSQL unreachable) and are retried, "
                         "by operation.")
                   .Register(p);
  return m;
}

} // namespace playclock
