#include "actors/jobs/job_actor.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/exit_reason.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <pqxx/connection_base>
#include <spdlog/spdlog.h>

#include "actors/storage/db_call.hpp"
#include "adapters/jobs/job_request.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "adapters/pg/pool.hpp"

namespace playclock {

namespace {

struct job_state {
  static inline const char* name = "job";
  std::unique_ptr<job_context> ctx;
  std::unique_ptr<job_runner> runner;
  job_actor_config cfg;
  std::shared_ptr<spdlog::logger> log;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  bool ended = false;
};

using self_ptr = job_actor::stateful_pointer<job_state>;

// Hands the attempt's end to the queue, which records it (under the lease)
// with the ends of other jobs and its next claim.
void end(self_ptr self, jobs_sql::end_status status, std::string result, std::string error) {
  auto& st = self->state;
  if (st.ended)
    return;
  st.ended = true;
  job_outcome o;
  o.status = static_cast<std::int32_t>(status);
  o.result = std::move(result);
  o.error = std::move(error);
  o.run_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - st.started).count();
  self->send(st.cfg.queue, done_atom::value, st.cfg.job.id, std::move(o));
  self->quit();
}

void end_stopped(self_ptr self, stop_reason r) {
  auto& st = self->state;
  switch (r) {
  case stop_reason::cancelled:
    end(self, jobs_sql::end_status::cancelled, {}, "cancelled while running");
    return;
  case stop_reason::timed_out:
    end(self, jobs_sql::end_status::failed, {},
        "timed out after " + std::to_string(st.cfg.job.timeout_s) + " s");
    return;
  case stop_reason::lease_lost:
    st.ended = true;
    st.log->warn("jobs: job {} lost its lease; stopping without recording", st.cfg.job.id);
    if (st.cfg.metrics)
      st.cfg.metrics->count_finished(
          st.cfg.job.type, "lost",
          std::chrono::duration<double>(std::chrono::steady_clock::now() - st.started).count());
    self->send(st.cfg.queue, done_atom::value, st.cfg.job.id);
    self->quit();
    return;
  case stop_reason::shutdown:
  case stop_reason::none:
    self->quit(caf::exit_reason::user_shutdown);
    return;
  }
}

job_actor::behavior_type job_impl(self_ptr self, job_actor_config cfg) {
  log::name_this_thread("pc-job");
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.log = log::component("jobs");
  st.ctx = std::make_unique<job_context>(st.cfg.job, st.cfg.env, st.cfg.control);
  // Stopped by the supervisor (the node stops): the job goes back to the
  // queue, this attempt not counted, so another node can take it at once.
  self->set_exit_handler([self](caf::exit_msg& m) {
    auto& s = self->state;
    if (m.reason == caf::exit_reason::user_shutdown)
      s.cfg.env.draining->store(true);
    if (!s.ended) {
      s.ended = true;
      try {
        s.cfg.env.pool->run([&](pqxx::connection_base& c) {
          return jobs_sql::release(c, s.cfg.job, s.cfg.env.node);
        });
        s.log->info("jobs: released job {} (node stopping)", s.cfg.job.id);
        self->send(s.cfg.queue, done_atom::value, s.cfg.job.id);
      } catch (const std::exception& e) {
        s.log->warn("jobs: cannot release job {}: {}; its lease will run out", s.cfg.job.id,
                    db::one_line(e.what()));
      }
    }
    self->quit(m.reason);
  });
  try {
    st.runner = make_runner(st.cfg.job);
  } catch (const std::exception& e) {
    end(self, jobs_sql::end_status::failed, {}, e.what());
    return {[](step_atom) {}};
  }
  self->send(self, step_atom::value);
  return {
      [self](step_atom) {
        auto& s = self->state;
        if (s.ended)
          return;
        if (auto r = s.ctx->reason(); r != stop_reason::none)
          return end_stopped(self, r);
        bool done = false;
        try {
          done = s.runner->step(*s.ctx);
        } catch (const std::exception& e) {
          return end(self, jobs_sql::end_status::failed, {}, db::one_line(e.what()));
        }
        if (done)
          return end(self, jobs_sql::end_status::completed, s.runner->result(), {});
        self->send(self, step_atom::value);
      },
  };
}

} // namespace

child_spec job_child_spec(job_actor_config cfg) {
  child_spec spec;
  spec.name = "job-" + std::to_string(cfg.job.id);
  spec.kind = "job";
  spec.restart = restart_type::temporary;
  spec.dynamic = true;
  spec.shutdown_timeout = std::chrono::seconds{5};
  spec.start = [cfg = std::move(cfg)](caf::actor_system& sys) {
    return caf::actor_cast<caf::actor>(sys.spawn<caf::detached>(job_impl, cfg));
  };
  return spec;
}

} // namespace playclock
