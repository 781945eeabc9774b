#include "actors/notifier_actor.hpp"

#include <algorithm>
#include <utility>

#include <caf/actor_system.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>
#include <spdlog/spdlog.h>

#include "actors/notify/notifier_state.hpp"
#include "actors/timed_request.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace notifier {

const alert_metrics& state::m() const {
  static const alert_metrics none;
  return cfg.metrics ? *cfg.metrics : none;
}

void state::update_depth() const {
  m().set_queue_depth(channel, static_cast<double>(ready.size() + delayed.size() + in_flight));
}

void maybe_quit(self_ptr self) {
  auto& st = self->state;
  if (st.stopping && st.in_flight == 0 && st.records.empty() && !st.records_in_flight)
    self->quit(caf::exit_reason::user_shutdown);
}

void flush_records(self_ptr self) {
  auto& st = self->state;
  if (st.records_in_flight || st.records.empty())
    return;
  auto retry = [self] {
    auto& st = self->state;
    if (st.records_retry_armed)
      return;
    st.records_retry_armed = true;
    self->delayed_send(self, st.store_retry->next(), flush_atom::value);
  };
  auto store = st.cfg.names->get_as<alert_store_actor>("node/alert_store");
  if (!store) {
    retry();
    return;
  }
  auto batch = std::make_shared<std::vector<delivery_record>>(std::move(st.records));
  st.records.clear();
  st.records_in_flight = true;
  timed_request(self, store, st.cfg.store_timeout, delivered_atom::value, *batch)
      .then(
          [self, batch](std::int32_t) {
            auto& st = self->state;
            st.records_in_flight = false;
            st.store_retry->reset();
            auto now = steady::now();
            for (const auto& r : *batch) {
              if (r.status == "retry")
                continue;
              st.known.erase(r.alert_id);
              if (st.finished.insert(r.alert_id).second)
                st.finished_order.emplace_back(now, r.alert_id);
            }
            // A sweep's read is at most a store timeout old.
            auto keep = st.cfg.store_timeout * 3;
            while (!st.finished_order.empty() && now - st.finished_order.front().first > keep) {
              st.finished.erase(st.finished_order.front().second);
              st.finished_order.pop_front();
            }
            flush_records(self);
            maybe_quit(self);
          },
          [self, batch, retry](caf::error& e) {
            auto& st = self->state;
            st.records_in_flight = false;
            st.records.insert(st.records.begin(), batch->begin(), batch->end());
            st.log->error("notifier {}: cannot record {} outcomes (kept, retried): {}", st.channel,
                          st.records.size(), self->system().render(e));
            st.m().count_store_failure("record_deliveries");
            if (st.stopping)
              self->quit(caf::exit_reason::user_shutdown);
            else
              retry();
          });
}

namespace {

// Loads the channel's pending alerts (start, then every sweep_interval).
void sweep(self_ptr self) {
  auto& st = self->state;
  auto store = st.cfg.names->get_as<alert_store_actor>("node/alert_store");
  if (st.loading || st.stopping || !store)
    return;
  st.loading = true;
  st.overflowed = false;
  timed_request(self, store, st.cfg.store_timeout, load_atom::value, st.channel)
      .then(
          [self](std::vector<alert_delivery>& ds) {
            auto& st = self->state;
            st.loading = false;
            std::size_t n = 0;
            for (auto& d : ds)
              n += enqueue(self, std::move(d)) ? 1 : 0;
            if (n > 0)
              st.log->info("notifier {}: {} pending alerts loaded", st.channel, n);
            pump(self);
          },
          [self](caf::error& e) {
            auto& st = self->state;
            st.loading = false;
            st.log->warn("notifier {}: cannot load pending alerts: {}", st.channel,
                         self->system().render(e));
            st.m().count_store_failure("load_pending");
          });
}

notifier_actor::behavior_type notifier_impl(self_ptr self, notifier_config cfg) {
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.channel = alerts::to_string(st.cfg.via);
  log::name_this_thread("pc-ntf-" + st.channel);
  st.log = log::component("notify");
  st.store_retry = std::make_unique<sources::backoff>(std::chrono::milliseconds{200},
                                                      std::chrono::seconds{10}, 0x0071f1);
  if (st.cfg.rate_per_s > 0 || st.cfg.per_target_per_s > 0)
    st.limiter = std::make_unique<notify::keyed_rate_limiter>(
        st.cfg.rate_per_s, std::max(1, st.cfg.burst), st.cfg.per_target_per_s,
        std::max(1, st.cfg.per_target_burst));
  delivery_worker_config wc{st.cfg.via, st.cfg.telegram, st.cfg.webhook};
  for (int i = 0; i < std::max(1, st.cfg.concurrency); ++i) {
    auto w = self->spawn<caf::detached + caf::linked>(delivery_worker, wc);
    st.workers.push_back(w.address());
    st.idle.push_back(std::move(w));
  }
  self->set_exit_handler([self](caf::exit_msg& em) {
    auto& st = self->state;
    if (std::find(st.workers.begin(), st.workers.end(), em.source) != st.workers.end()) {
      // A worker died: the supervisor restarts the whole notifier.
      self->quit(em.reason);
      return;
    }
    // Shutdown: finish what is in flight and record it; what waits stays
    // pending in the database for the next start.
    st.stopping = true;
    if (em.reason == caf::exit_reason::kill)
      self->quit(em.reason);
    else
      maybe_quit(self);
  });
  self->send(self, load_atom::value);
  return {
      [self](send_atom, alert_delivery& d) {
        if (enqueue(self, std::move(d)))
          pump(self);
      },
      [self](send_atom) {
        wake(self);
        pump(self);
      },
      [self](load_atom) {
        sweep(self);
        if (!self->state.stopping)
          self->delayed_send(self, self->state.cfg.sweep_interval, load_atom::value);
      },
      [self](flush_atom) {
        self->state.records_retry_armed = false;
        flush_records(self);
      },
      [self](get_atom) {
        auto& st = self->state;
        return static_cast<std::int32_t>(st.ready.size() + st.delayed.size() + st.in_flight);
      },
  };
}

} // namespace

} // namespace notifier

notifier_config notifier_config_from(const config::alerts_settings& s, alerts::channel via) {
  notifier_config cfg;
  cfg.via = via;
  cfg.retry.max_attempts = std::max(1, s.max_attempts);
  cfg.retry.initial = std::chrono::milliseconds{std::max(1, s.backoff_initial_ms)};
  cfg.retry.max = std::chrono::milliseconds{std::max(s.backoff_initial_ms, s.backoff_max_ms)};
  cfg.concurrency = std::max(1, s.concurrency);
  cfg.telegram.base_url = s.telegram.base_url;
  cfg.telegram.token = s.telegram.token;
  cfg.telegram.timeout = std::chrono::milliseconds{s.telegram.timeout_ms};
  cfg.webhook.secret = s.webhook.secret;
  cfg.webhook.timeout = std::chrono::milliseconds{s.webhook.timeout_ms};
  if (via == alerts::channel::telegram) {
    cfg.rate_per_s = s.telegram.rate_limit_per_s;
    cfg.burst = std::max(1, static_cast<int>(s.telegram.rate_limit_per_s));
    cfg.per_target_per_s = s.telegram.per_chat_per_s;
    cfg.per_target_burst = 1;
  }
  return cfg;
}

notifier_actor spawn_notifier(caf::actor_system& sys, notifier_config cfg) {
  // Its own thread (see spawn_alert_router).
  return sys.spawn<caf::detached>(notifier::notifier_impl, std::move(cfg));
}

} // namespace playclock
