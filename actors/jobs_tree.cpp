#include "actors/jobs_tree.hpp"

#include <algorithm>

#include <caf/actor_system.hpp>

#include "actors/jobs/job_listener.hpp"
#include "actors/jobs/job_metrics.hpp"
#include "actors/jobs/job_queue.hpp"
#include "actors/jobs/job_scheduler.hpp"
#include "actors/jobs/jobs_api.hpp"
#include "actors/node.hpp"
#include "actors/simple_child.hpp"
#include "adapters/metrics/registry.hpp"
#include "adapters/pg/pool.hpp"
#include "supervisors/supervisor.hpp"

namespace playclock {

child_spec jobs_child(const jobs_options& opts) {
  const auto& s = opts.settings;
  auto pool_opts = opts.pool->options();
  // The api workers, the queue and the scheduler, besides the jobs.
  pool_opts.size = s.jobs.concurrency + 4;
  pool_opts.application_name = "playclockd-jobs";
  auto pool = std::make_shared<pg::pool>(pool_opts);
  std::shared_ptr<job_metrics> m;
  if (opts.metrics)
    m = make_job_metrics(*opts.metrics);

  sup::supervisor_config jobs;
  jobs.path = "node/jobs";
  jobs.policy = restart_policy_from(s.supervision);
  jobs.names = opts.names;
  jobs.observer = opts.observer;

  jobs_api_config api;
  api.pool = pool;
  api.names = opts.names;
  api.workers = 2;
  jobs.children.push_back(simple_child<jobs_api_actor>(
      "api", [api](caf::actor_system& sys) { return spawn_jobs_api(sys, api); }));

  job_listener_config listener;
  listener.conninfo = pg::connection_string(pool_opts);
  listener.names = opts.names;
  jobs.children.push_back(
      simple_child<job_listener_actor>("listener", [listener](caf::actor_system& sys) {
        return spawn_job_listener(sys, listener);
      }));

  job_queue_config queue;
  queue.env.pool = pool;
  queue.env.names = opts.names;
  queue.env.node = opts.node_name;
  queue.env.metrics = m;
  queue.env.llm.url = s.simulations.llm_url;
  queue.env.llm.model = s.simulations.llm_model;
  queue.env.llm.api_key = s.simulations.llm_api_key;
  queue.env.llm.timeout = std::chrono::milliseconds{s.simulations.llm_timeout_ms};
  queue.settings = s.jobs;
  queue.metrics = m;
  jobs.children.push_back(
      simple_child<job_queue_actor>("queue", [queue](caf::actor_system& sys) mutable {
        queue.env.sys = &sys;
        return spawn_job_queue(sys, queue);
      }));

  if (!s.jobs.schedules.empty()) {
    job_scheduler_config scheduler;
    scheduler.pool = pool;
    scheduler.schedules = s.jobs.schedules;
    scheduler.metrics = m;
    jobs.children.push_back(
        simple_child<job_scheduler_actor>("scheduler", [scheduler](caf::actor_system& sys) {
          return spawn_job_scheduler(sys, scheduler);
        }));
  }
  return sup::supervisor_child("jobs", jobs);
}

} // namespace playclock
