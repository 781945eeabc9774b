#include "actors/jobs/job_scheduler.hpp"

#include <ctime>
#include <map>
#include <optional>
#include <variant>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <pqxx/connection_base>
#include <spdlog/spdlog.h>

#include "actors/jobs/jobs_sql.hpp"
#include "actors/storage/db_call.hpp"
#include "adapters/jobs/job_request.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "adapters/pg/pool.hpp"
#include "adapters/sports/timestamp.hpp"
#include "config/cron.hpp"

namespace playclock {

namespace {

struct schedule {
  config::job_schedule_setting setting;
  config::cron_spec spec;
  /// The last slot enqueued (or found taken), Unix seconds.
  std::int64_t done = -1;
  bool failing = false;
};

struct scheduler_state {
  static inline const char* name = "job_scheduler";
  job_scheduler_config cfg;
  std::shared_ptr<spdlog::logger> log;
  std::vector<schedule> schedules;
};

using self_ptr = job_scheduler_actor::stateful_pointer<scheduler_state>;

job_submission submission(const config::job_schedule_setting& s, std::int64_t slot) {
  jobs::job_request r;
  r.type = s.type;
  r.params = s.params;
  r.priority = s.priority;
  r.run_at_ms = slot * 1000;
  r.max_attempts = s.max_attempts;
  r.timeout_s = s.timeout_s;
  r.tenant = s.tenant;
  job_submission j;
  j.type = r.type;
  j.params = r.params;
  j.tenant = r.tenant;
  j.priority = r.priority;
  j.run_at_ms = *r.run_at_ms;
  j.max_attempts = r.max_attempts;
  j.timeout_s = r.timeout_s;
  j.idempotency_key = "cron:" + s.name + ":" + sports::utc_timestamp(slot);
  // Every node computes the same request for a slot, so a second node's
  // enqueue is a replay, not a mismatch.
  j.request_hash = jobs::request_hash(r);
  return j;
}

void enqueue_due(self_ptr self) {
  auto& st = self->state;
  auto now = static_cast<std::int64_t>(std::time(nullptr));
  auto grace = std::chrono::duration_cast<std::chrono::seconds>(schedule_grace).count();
  for (auto& s : st.schedules) {
    auto slot = config::latest_slot(s.spec, now, grace);
    if (!slot || *slot <= s.done)
      continue;
    auto job = submission(s.setting, *slot);
    try {
      auto r =
          st.cfg.pool->run([&](pqxx::connection_base& c) { return jobs_sql::enqueue(c, job); });
      s.done = *slot;
      if (s.failing)
        st.log->info("schedule {}: enqueues work again", s.setting.name);
      s.failing = false;
      std::string outcome = r.replayed || r.mismatch ? "taken" : "enqueued";
      if (r.unknown_tenant) {
        outcome = "error";
        st.log->error("schedule {}: tenant {} does not exist; slot {} skipped", s.setting.name,
                      s.setting.tenant, sports::utc_timestamp(*slot));
      } else if (outcome == "enqueued") {
        st.log->info("schedule {}: enqueued job {} ({}) for {}", s.setting.name, r.id,
                     s.setting.type, sports::utc_timestamp(*slot));
      }
      if (st.cfg.metrics)
        st.cfg.metrics->count_scheduled(s.setting.name, outcome);
    } catch (const std::exception& e) {
      // Tried again on the next tick while the slot is within the grace.
      if (!s.failing)
        st.log->warn("schedule {}: cannot enqueue the slot of {} ({}); retrying", s.setting.name,
                     sports::utc_timestamp(*slot), db::one_line(e.what()));
      s.failing = true;
      if (st.cfg.metrics)
        st.cfg.metrics->count_scheduled(s.setting.name, "error");
    }
  }
}

job_scheduler_actor::behavior_type scheduler_impl(self_ptr self, job_scheduler_config cfg) {
  log::name_this_thread("pc-job-sched");
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.log = log::component("job_scheduler");
  auto now = static_cast<std::int64_t>(std::time(nullptr));
  for (const auto& setting : st.cfg.schedules) {
    // Checked when the configuration was loaded.
    auto spec = config::parse_cron(setting.cron);
    if (const auto* c = std::get_if<config::cron_spec>(&spec)) {
      st.schedules.push_back(schedule{setting, *c});
      auto next = config::next_slot(*c, now);
      st.log->info("schedule {}: {} \"{}\", next slot {}", setting.name, setting.type, setting.cron,
                   next ? sports::utc_timestamp(*next) : std::string{"never"});
    }
  }
  if (!st.schedules.empty())
    self->send(self, tick_atom::value);
  return {
      [self](tick_atom) {
        enqueue_due(self);
        self->delayed_send(self, self->state.cfg.interval, tick_atom::value);
      },
  };
}

} // namespace

job_scheduler_actor spawn_job_scheduler(caf::actor_system& sys, job_scheduler_config cfg) {
  return sys.spawn<caf::detached>(scheduler_impl, std::move(cfg));
}

} // namespace playclock
