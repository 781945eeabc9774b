#include "actors/alert_router.hpp"

#include <iterator>
#include <utility>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>
#include <spdlog/spdlog.h>

#include "actors/alerts/candidates.hpp"
#include "actors/alerts/router_state.hpp"
#include "actors/event_hub.hpp"
#include "actors/timed_request.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace router {

const alert_metrics& state::m() const {
  static const alert_metrics none;
  return cfg.metrics ? *cfg.metrics : none;
}

void state::rebuild_index() {
  for (auto& v : by_type)
    v.clear();
  for (const auto& kv : rules)
    by_type[static_cast<std::size_t>(kv.second.type)].push_back(kv.second);
}

std::chrono::system_clock::time_point state::now() const {
  return cfg.clock ? cfg.clock() : std::chrono::system_clock::now();
}

} // namespace router

namespace {

using router::self_ptr;

void apply_bootstrap(self_ptr self, alert_bootstrap& b) {
  auto& st = self->state;
  for (std::size_t i = 0; i < b.tenants.size() && i < b.daily_limits.size(); ++i)
    st.policy.set_daily_limit(b.tenants[i], b.daily_limits[i]);
  // Rules added while loading are kept; deleted ones stay deleted.
  for (auto& r : b.rules)
    if (st.deleted_while_loading.count(r.id) == 0)
      st.rules.emplace(r.id, std::move(r));
  st.deleted_while_loading.clear();
  st.rebuild_index();
  for (const auto& s : b.recent) {
    auto rule = st.rules.find(s.alert.rule_id);
    int cooldown = rule != st.rules.end() ? rule->second.cooldown_s : 86400;
    auto at = std::chrono::system_clock::time_point{std::chrono::milliseconds{s.sent_at_ms}};
    st.policy.restore_sent(s.alert, at, cooldown);
  }
  st.loaded = true;
  st.log->info("alert_router: {} rules, {} recent alerts restored; {} events waited",
               st.rules.size(), b.recent.size(), st.waiting.size());
  while (!st.waiting.empty()) {
    router::route(self, st.waiting.front().c, st.waiting.front().at);
    st.waiting.pop_front();
  }
  router::schedule_flush(self);
}

void load(self_ptr self) {
  auto& st = self->state;
  if (st.loaded || st.loading)
    return;
  auto store = st.cfg.names->get_as<alert_store_actor>("node/alert_store");
  if (!store)
    return; // the next tick tries again
  st.loading = true;
  timed_request(self, store, st.cfg.store_timeout, load_atom::value)
      .then(
          [self](alert_bootstrap& b) {
            self->state.loading = false;
            apply_bootstrap(self, b);
          },
          [self](caf::error& e) {
            auto& st = self->state;
            st.loading = false;
            if (!st.load_failing)
              st.log->warn("alert_router: cannot load rules yet (retrying): {}",
                           self->system().render(e));
            st.load_failing = true;
            st.m().count_store_failure("load_bootstrap");
          });
}

// Subscribes to the hub the registry names now (a restarted hub has lost
// its subscribers).
void check_hub(self_ptr self) {
  auto& st = self->state;
  auto hub = st.cfg.names->get("node/events");
  if (!hub || hub == st.hub)
    return;
  auto me = caf::actor_cast<caf::actor>(self);
  auto typed = caf::actor_cast<event_hub_actor>(hub);
  subscribe_to(typed, "games", me);
  subscribe_to(typed, "markets", me);
  self->monitor(hub);
  st.hub = hub;
}

// When a happening was detected: market events carry the arrival of the
// poll response (or the measurement); the others are detected as they come.
template <class Event>
std::int64_t detected_ms_of(const Event&) {
  return 0;
}
std::int64_t detected_ms_of(const price_moved& e) {
  return e.observed_at_ms;
}
std::int64_t detected_ms_of(const correlation_measured& e) {
  return e.measured_at_ms;
}
std::int64_t detected_ms_of(const edge_detected& e) {
  return e.at_ms;
}

template <class Event>
auto on_event(self_ptr self) {
  return [self](const Event& e) {
    router::on_candidates(self, alert_candidates::of(e), detected_ms_of(e));
  };
}

alert_router_actor::behavior_type router_impl(self_ptr self, alert_router_config cfg) {
  log::name_this_thread("pc-alert-router");
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.log = log::component("alerts");
  st.policy = alerts::alert_policy{st.cfg.daily_limit};
  st.store_retry = std::make_unique<sources::backoff>(std::chrono::milliseconds{200},
                                                      std::chrono::seconds{10}, 0xa1e47);
  // Other events of the topics (game_state_changed, market_listed, ...).
  self->set_default_handler(caf::drop);
  self->set_down_handler([self](caf::down_msg& dm) {
    if (self->state.hub && dm.source == self->state.hub.address())
      self->state.hub = caf::actor{};
  });
  self->set_exit_handler([self](caf::exit_msg& em) {
    auto& st = self->state;
    // Whatever is buffered goes to the store; its alerts stay pending there
    // and the notifiers pick them up.
    auto store = st.cfg.names->get_as<alert_store_actor>("node/alert_store");
    if (store && !st.buffer.empty())
      caf::anon_send(store, store_atom::value,
                     make_decision_batch(
                         std::vector<alert_decision>(std::make_move_iterator(st.buffer.begin()),
                                                     std::make_move_iterator(st.buffer.end()))));
    self->quit(em.reason);
  });
  check_hub(self);
  load(self);
  self->delayed_send(self, st.cfg.tick_interval, tick_atom::value);
  return {
      on_event<score_changed>(self),
      on_event<play_added>(self),
      on_event<injury_reported>(self),
      on_event<price_moved>(self),
      on_event<correlation_measured>(self),
      on_event<edge_detected>(self),
      [self](rules_atom, alerts::rule& r) -> caf::result<alerts::rule> {
        auto store = self->state.cfg.names->get_as<alert_store_actor>("node/alert_store");
        if (!store)
          return make_error(query_errc::database_unavailable, "alert store not running");
        auto rp = self->make_response_promise<alerts::rule>();
        timed_request(self, store, self->state.cfg.store_timeout, rules_atom::value, std::move(r))
            .then(
                [self, rp](alerts::rule& stored) mutable {
                  auto& st = self->state;
                  st.rules[stored.id] = stored;
                  st.rebuild_index();
                  rp.deliver(std::move(stored));
                },
                [rp](caf::error& e) mutable { rp.deliver(std::move(e)); });
        return rp;
      },
      [self](delete_atom, std::string& tenant, std::int64_t id) -> caf::result<bool> {
        auto store = self->state.cfg.names->get_as<alert_store_actor>("node/alert_store");
        if (!store)
          return make_error(query_errc::database_unavailable, "alert store not running");
        auto rp = self->make_response_promise<bool>();
        timed_request(self, store, self->state.cfg.store_timeout, delete_atom::value, tenant, id)
            .then(
                [self, rp, id](bool existed) mutable {
                  auto& st = self->state;
                  if (existed) {
                    st.rules.erase(id);
                    st.rebuild_index();
                    st.policy.forget_rule(id);
                    if (!st.loaded)
                      st.deleted_while_loading.insert(id);
                  }
                  rp.deliver(existed);
                },
                [rp](caf::error& e) mutable { rp.deliver(std::move(e)); });
        return rp;
      },
      [self](flush_atom) {
        self->state.flush_armed = false;
        router::flush(self);
      },
      [self](tick_atom) {
        check_hub(self);
        load(self);
        self->delayed_send(self, self->state.cfg.tick_interval, tick_atom::value);
      },
      [self](get_atom) { return self->state.decisions; },
  };
}

} // namespace

alert_router_actor spawn_alert_router(caf::actor_system& sys, alert_router_config cfg) {
  // Its own thread, like the event hub and the notifiers: detect-to-deliver
  // latency must not include a poll's burst on the shared scheduler.
  return sys.spawn<caf::detached>(router_impl, std::move(cfg));
}

} // namespace playclock
