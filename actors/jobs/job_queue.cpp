#include "actors/jobs/job_queue.hpp"

#include <map>
#include <vector>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/exit_reason.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <pqxx/connection_base>
#include <spdlog/spdlog.h>

#include "actors/jobs/job_actor.hpp"
#include "actors/storage/db_call.hpp"
#include "adapters/jobs/job_request.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "adapters/pg/pool.hpp"
#include "messages/actors.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace {

struct running_job {
  jobs_sql::claimed_job job;
  std::shared_ptr<job_control> control;
  caf::actor actor;
  /// The queue gave up on the actor (it ignored its time-out) and recorded
  /// the failure itself.
  bool abandoned = false;
};

struct queue_state {
  static inline const char* name = "job_queue";
  job_queue_config cfg;
  std::shared_ptr<spdlog::logger> log;
  std::map<std::int64_t, running_job> running;
  /// Attempts that ended here and are not recorded yet (the next round
  /// writes them with its claim).
  std::vector<jobs_sql::ended_job> ended;
  /// Their run times, for the metrics.
  std::vector<double> ended_run_s;
  /// A claim may find more due jobs (the last one filled every free slot,
  /// or a notification came in since).
  bool more = true;
  /// A claim is queued behind the messages already in the mailbox: jobs
  /// that end together free their slots for one claim, not one claim each.
  bool claim_queued = false;
  /// Operations failing now (logged once per failure streak).
  std::map<std::string, bool> failing;
};

using self_ptr = job_queue_actor::stateful_pointer<queue_state>;

// Runs a queue operation; a failure is counted and logged once per streak.
template <class F>
bool guarded(self_ptr self, const std::string& what, F f) {
  auto& st = self->state;
  try {
    st.cfg.env.pool->run(f);
    if (st.failing[what])
      st.log->info("jobs: {} works again", what);
    st.failing[what] = false;
    return true;
  } catch (const std::exception& e) {
    if (st.cfg.metrics)
      st.cfg.metrics->count_error(what);
    if (!st.failing[what])
      st.log->warn("jobs: {} failed: {} (retrying)", what, db::one_line(e.what()));
    st.failing[what] = true;
    return false;
  }
}

void update_running_gauge(self_ptr self) {
  if (!self->state.cfg.metrics)
    return;
  int simulations = 0;
  for (const auto& [_, r] : self->state.running)
    simulations += r.job.type == "simulation" ? 1 : 0;
  self->state.cfg.metrics->set_running_here(static_cast<double>(self->state.running.size()),
                                            simulations);
}

void claim(self_ptr self, bool take = true);

// A round queued behind the messages already in the mailbox: jobs that end
// together are recorded, and their slots refilled, by one round.
void claim_soon(self_ptr self) {
  if (self->state.claim_queued)
    return;
  self->state.claim_queued = true;
  self->send(self, wake_atom::value);
}

// Queues the end of an attempt for the next round.
void add_end(self_ptr self, const jobs_sql::claimed_job& j, jobs_sql::end_status status,
             std::string result, std::string error, double run_s) {
  auto& st = self->state;
  jobs_sql::job_end e{status, std::move(result), std::move(error), 0};
  if (status == jobs_sql::end_status::failed)
    e.retry_delay_ms = jobs::retry_delay_ms(j.attempt, st.cfg.settings.retry_backoff_initial_ms,
                                            st.cfg.settings.retry_backoff_max_ms);
  st.ended.push_back({j, std::move(e)});
  st.ended_run_s.push_back(run_s);
}

// Records a failure on behalf of a job actor that cannot (it never started,
// died, or ignored its time-out); the lease guard keeps it to one outcome.
void fail_for_actor(self_ptr self, const jobs_sql::claimed_job& j, const std::string& error) {
  add_end(self, j, jobs_sql::end_status::failed, {}, error, 0);
  claim_soon(self);
}

// Counts and logs the ends the last round wrote.
void report_ends(self_ptr self, const std::vector<std::string>& outcomes) {
  auto& st = self->state;
  for (std::size_t i = 0; i < st.ended.size(); ++i) {
    const auto& j = st.ended[i].job;
    const auto& e = st.ended[i].end;
    const auto& outcome = outcomes.at(i);
    if (st.cfg.metrics)
      st.cfg.metrics->count_finished(j.type, outcome.empty() ? "lost" : outcome, st.ended_run_s[i]);
    if (outcome.empty())
      st.log->warn("jobs: job {} attempt {} lost its lease; its outcome was not recorded", j.id,
                   j.attempt);
    else if (e.status == jobs_sql::end_status::completed)
      st.log->info("jobs: job {} ({}) completed", j.id, j.type);
    else
      st.log->warn("jobs: job {} ({}) attempt {} {}: {}", j.id, j.type, j.attempt, outcome,
                   e.error);
  }
  st.ended.clear();
  st.ended_run_s.clear();
}

void start_actor(self_ptr self, const jobs_sql::claimed_job& j) {
  auto& st = self->state;
  auto control = std::make_shared<job_control>();
  control->deadline = std::chrono::steady_clock::now() + std::chrono::seconds{j.timeout_s};
  st.running[j.id] = running_job{j, control, {}, false};
  if (st.cfg.metrics)
    st.cfg.metrics->count_started(j.type, j.wait_seconds);
  auto sup = st.cfg.env.names->get_as<supervisor_actor>(st.cfg.supervisor);
  if (!sup) {
    fail_for_actor(self, j, "the jobs supervisor is not running");
    st.running.erase(j.id);
    return;
  }
  job_actor_config jc;
  jc.job = j;
  jc.env = st.cfg.env;
  jc.control = control;
  jc.queue = caf::actor_cast<job_queue_actor>(self);
  jc.metrics = st.cfg.metrics;
  auto id = j.id;
  self->request(sup, std::chrono::seconds{10}, start_atom::value, job_child_spec(std::move(jc)))
      .then(
          [self, id](caf::actor& a) {
            auto it = self->state.running.find(id);
            if (it == self->state.running.end())
              return; // done already
            it->second.actor = a;
            self->monitor(a);
          },
          [self, id](caf::error& e) {
            auto it = self->state.running.find(id);
            if (it == self->state.running.end())
              return;
            fail_for_actor(self, it->second.job,
                           "could not start its actor: " + self->system().render(e));
            self->state.running.erase(it);
            update_running_gauge(self);
          });
}

// One round: records the attempts that ended and claims jobs for the free
// slots (unless `take` is false), in one transaction. A failed round keeps
// the ends for the next.
void claim(self_ptr self, bool take) {
  auto& st = self->state;
  int free = st.cfg.settings.concurrency - static_cast<int>(st.running.size());
  if (!take || st.cfg.env.draining->load())
    free = 0;
  if (free <= 0 && st.ended.empty())
    return;
  jobs_sql::claim_request r;
  r.node = st.cfg.env.node;
  r.want = std::max(free, 0);
  r.max_per_type = st.cfg.settings.max_running_per_type;
  r.max_per_tenant = st.cfg.settings.max_running_per_tenant;
  r.lease_s = st.cfg.settings.lease_s;
  jobs_sql::settled out;
  if (!guarded(self, st.ended.empty() ? "claim" : "finish",
               [&](pqxx::connection_base& c) { out = jobs_sql::finish_and_claim(c, st.ended, r); }))
    return;
  report_ends(self, out.outcomes);
  if (r.want > 0)
    st.more = static_cast<int>(out.claimed.size()) == r.want;
  for (const auto& j : out.claimed)
    start_actor(self, j);
  update_running_gauge(self);
}

// Renews this node's leases, passes on cancellations and lost leases, and
// gives up on actors that overran their time-out by far.
void heartbeat(self_ptr self) {
  auto& st = self->state;
  if (st.running.empty())
    return;
  std::vector<std::int64_t> ids;
  for (const auto& [id, r] : st.running)
    if (!r.abandoned)
      ids.push_back(id);
  std::vector<jobs_sql::lease_state> held;
  if (guarded(self, "renew leases", [&](pqxx::connection_base& c) {
        held = jobs_sql::renew_leases(c, st.cfg.env.node, ids, st.cfg.settings.lease_s);
      })) {
    std::map<std::int64_t, bool> cancel;
    for (const auto& h : held)
      cancel[h.id] = h.cancel_requested;
    for (auto id : ids) {
      auto& r = st.running[id];
      auto it = cancel.find(id);
      if (it == cancel.end())
        r.control->request_stop(stop_reason::lease_lost);
      else if (it->second)
        r.control->request_stop(stop_reason::cancelled);
    }
  }
  // A step that ignores stopping() cannot be pre-empted: past its time-out
  // and a grace period the job is failed here and its actor killed (its
  // thread ends when the step returns; its own write is then refused).
  auto grace = std::max(std::chrono::milliseconds{st.cfg.settings.heartbeat_ms},
                        std::chrono::milliseconds{5000});
  auto now = std::chrono::steady_clock::now();
  for (auto it = st.running.begin(); it != st.running.end();) {
    auto& r = it->second;
    if (!r.abandoned && now > r.control->deadline + grace) {
      r.abandoned = true;
      fail_for_actor(self, r.job,
                     "timed out after " + std::to_string(r.job.timeout_s) +
                         " s and did not stop; its actor was killed");
      if (r.actor)
        self->send_exit(r.actor, caf::exit_reason::kill);
      it = st.running.erase(it);
    } else {
      ++it;
    }
  }
  update_running_gauge(self);
}

void rescue_and_count(self_ptr self) {
  auto& st = self->state;
  jobs_sql::rescued rs;
  if (guarded(self, "rescue",
              [&](pqxx::connection_base& c) { rs = jobs_sql::rescue_expired(c); })) {
    if (rs.requeued + rs.failed + rs.cancelled > 0) {
      st.log->warn("jobs: rescued {} job(s) whose lease expired: {} requeued, {} failed, {} "
                   "cancelled",
                   rs.requeued + rs.failed + rs.cancelled, rs.requeued, rs.failed, rs.cancelled);
      st.more = true;
    }
    if (st.cfg.metrics) {
      st.cfg.metrics->count_rescued("requeued", rs.requeued);
      st.cfg.metrics->count_rescued("failed", rs.failed);
      st.cfg.metrics->count_rescued("cancelled", rs.cancelled);
    }
  }
  jobs_sql::queue_counts n;
  if (st.cfg.metrics &&
      guarded(self, "count", [&](pqxx::connection_base& c) { n = jobs_sql::counts(c); }))
    st.cfg.metrics->set_depth(static_cast<double>(n.pending), static_cast<double>(n.due),
                              static_cast<double>(n.running));
}

job_queue_actor::behavior_type queue_impl(self_ptr self, job_queue_config cfg) {
  log::name_this_thread("pc-job-queue");
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.log = log::component("jobs");
  self->set_down_handler([self](caf::down_msg& m) {
    auto& s = self->state;
    for (auto it = s.running.begin(); it != s.running.end(); ++it) {
      if (it->second.actor && it->second.actor.address() == m.source) {
        // Ended without a done message: it died (an exception in CAF, a kill).
        fail_for_actor(self, it->second.job,
                       "its actor ended unexpectedly: " + self->system().render(m.reason));
        s.running.erase(it);
        update_running_gauge(self);
        return;
      }
    }
  });
  // Stopping (the job actors were stopped first): the ends they handed
  // over are recorded before the queue goes.
  self->set_exit_handler([self](caf::exit_msg& m) {
    claim(self, false);
    self->quit(m.reason);
  });
  if (st.cfg.settings.concurrency > 0)
    st.log->info("jobs: this node runs up to {} job(s) at once as {}", st.cfg.settings.concurrency,
                 st.cfg.env.node);
  rescue_and_count(self);
  claim(self);
  self->delayed_send(self, std::chrono::milliseconds{st.cfg.settings.poll_interval_ms},
                     jobs_poll_atom::value);
  self->delayed_send(self, std::chrono::milliseconds{st.cfg.settings.heartbeat_ms},
                     jobs_beat_atom::value);
  return {
      [self](wake_atom) {
        // A notification, an enqueue here, or claim_soon(): one claim for
        // every free slot.
        self->state.claim_queued = false;
        self->state.more = true;
        claim(self);
      },
      [self](tick_atom) { heartbeat(self); },
      [self](done_atom, std::int64_t id, job_outcome& o) {
        auto& s = self->state;
        auto it = s.running.find(id);
        if (it == s.running.end())
          return; // given up on (abandoned): its failure is recorded
        if (it->second.actor)
          self->demonitor(it->second.actor);
        add_end(self, it->second.job, static_cast<jobs_sql::end_status>(o.status),
                std::move(o.result), std::move(o.error), o.run_s);
        s.running.erase(it);
        update_running_gauge(self);
        claim_soon(self);
      },
      [self](done_atom, std::int64_t id) {
        auto& s = self->state;
        auto it = s.running.find(id);
        if (it == s.running.end())
          return;
        if (it->second.actor)
          self->demonitor(it->second.actor);
        s.running.erase(it);
        update_running_gauge(self);
        if (s.more)
          claim_soon(self);
      },
      [self](jobs_poll_atom) {
        self->state.more = true;
        claim(self);
        self->delayed_send(self,
                           std::chrono::milliseconds{self->state.cfg.settings.poll_interval_ms},
                           jobs_poll_atom::value);
      },
      [self](jobs_beat_atom) {
        heartbeat(self);
        rescue_and_count(self);
        self->delayed_send(self, std::chrono::milliseconds{self->state.cfg.settings.heartbeat_ms},
                           jobs_beat_atom::value);
      },
  };
}

} // namespace

job_queue_actor spawn_job_queue(caf::actor_system& sys, job_queue_config cfg) {
  return sys.spawn<caf::detached>(queue_impl, std::move(cfg));
}

} // namespace playclock
