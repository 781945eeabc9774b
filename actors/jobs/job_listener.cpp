#include "actors/jobs/job_listener.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <pqxx/connection>
#include <pqxx/notification>
#include <spdlog/spdlog.h>

#include "actors/jobs/jobs_sql.hpp"
#include "actors/storage/db_call.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace {

class counter_receiver final : public pqxx::notification_receiver {
 public:
  counter_receiver(pqxx::connection_base& c, int& count)
      : pqxx::notification_receiver(c, jobs_sql::channel), count_(count) {}
  void operator()(const std::string&, int) override { ++count_; }

 private:
  int& count_;
};

struct listener_state {
  static inline const char* name = "job_listener";
  job_listener_config cfg;
  std::shared_ptr<spdlog::logger> log;
  std::unique_ptr<pqxx::connection> conn;
  std::unique_ptr<counter_receiver> receiver;
  int count = 0;
  std::chrono::milliseconds retry{250};
  std::chrono::steady_clock::time_point next_try;
  bool warned = false;
};

using self_ptr = job_listener_actor::stateful_pointer<listener_state>;

constexpr long wait_us = 250000;

void wake_queue(self_ptr self) {
  if (auto q = self->state.cfg.names->get_as<job_queue_actor>("node/jobs/queue"))
    self->send(q, wake_atom::value);
}

void listen_once(self_ptr self) {
  auto& st = self->state;
  try {
    if (!st.conn) {
      if (std::chrono::steady_clock::now() < st.next_try) {
        // Waiting to reconnect, in slices short enough to see an exit message.
        std::this_thread::sleep_for(std::chrono::microseconds{wait_us});
        return;
      }
      st.conn = std::make_unique<pqxx::connection>(st.cfg.conninfo);
      st.receiver = std::make_unique<counter_receiver>(*st.conn, st.count);
      st.conn->get_notifs(); // issues the LISTEN
      if (st.warned)
        st.log->info("jobs: listening for job notifications again");
      st.warned = false;
      st.retry = std::chrono::milliseconds{250};
      // Jobs may have been enqueued while nobody listened.
      wake_queue(self);
    }
    st.count = 0;
    st.conn->await_notification(0, wait_us);
    if (st.count > 0)
      wake_queue(self);
  } catch (const std::exception& e) {
    if (!st.warned)
      st.log->warn("jobs: cannot listen for job notifications ({}); polling until it can",
                   db::one_line(e.what()));
    st.warned = true;
    st.receiver.reset();
    st.conn.reset();
    st.next_try = std::chrono::steady_clock::now() + st.retry;
    st.retry = std::min(st.retry * 2, std::chrono::milliseconds{5000});
  }
}

job_listener_actor::behavior_type listener_impl(self_ptr self, job_listener_config cfg) {
  log::name_this_thread("pc-job-listen");
  self->state.cfg = std::move(cfg);
  self->state.log = log::component("jobs");
  self->send(self, listen_atom::value);
  return {
      [self](listen_atom) {
        listen_once(self);
        self->send(self, listen_atom::value);
      },
  };
}

} // namespace

job_listener_actor spawn_job_listener(caf::actor_system& sys, job_listener_config cfg) {
  return sys.spawn<caf::detached>(listener_impl, std::move(cfg));
}

} // namespace playclock
