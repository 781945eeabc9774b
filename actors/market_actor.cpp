#include "actors/market_actor.hpp"

#include <cmath>
#include <deque>

#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <spdlog/logger.h>

#include "actors/event_hub.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/metrics/registry.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace {

struct observation {
  std::int64_t at_ms = 0;
  double price = 0;
};

struct market_state {
  static inline const char* name = "market";
  market_actor_config cfg;
  std::shared_ptr<spdlog::logger> log;
  std::optional<markets::market> last;
  market_link link;
  std::int64_t last_ms = 0;
  std::deque<observation> history;
  bool listed = false;
  bool done = false;
  /// The correlator last told, and what it was told.
  correlator_actor told;
  double told_price = -1;
  std::string told_game;
};

using self_ptr = market_actor::stateful_pointer<market_state>;

event_hub_actor hub_of(self_ptr self) {
  return self->state.cfg.names->get_as<event_hub_actor>("node/events");
}

void count(prometheus::Counter* c) {
  if (c != nullptr)
    c->Increment();
}

void spike_check(self_ptr self, double price, std::int64_t at_ms) {
  auto& st = self->state;
  if (st.history.empty())
    return;
  const auto& prev = st.history.back();
  double points = (price - prev.price) * 100.0;
  if (std::fabs(points) <= st.cfg.spike_threshold_pts)
    return;
  price_moved ev;
  ev.ticker = st.cfg.ticker;
  ev.title = st.last ? st.last->title : std::string{};
  ev.link = st.link;
  ev.before = prev.price;
  ev.after = price;
  ev.points = points;
  ev.seconds_between = static_cast<double>(at_ms - prev.at_ms) / 1000.0;
  ev.observed_at_ms = at_ms;
  publish(self, hub_of(self), "markets", ev);
  count(st.cfg.metrics ? st.cfg.metrics->spikes : nullptr);
  st.log->info("market {} moved {:+.1f} points ({:.2f} -> {:.2f})", st.cfg.ticker, points,
               prev.price, price);
}

market_price price_of(const market_state& st) {
  market_price p;
  p.ticker = st.cfg.ticker;
  p.link = st.link;
  if (!st.history.empty()) {
    p.known = true;
    p.price = st.history.back().price;
    p.observed_at_ms = st.history.back().at_ms;
  }
  p.status = st.last ? st.last->status : std::string{};
  return p;
}

// Only changes travel (most markets keep their price across most polls),
// plus everything once to a correlator that restarted.
void tell_correlator(self_ptr self) {
  auto& st = self->state;
  if (st.history.empty() || st.link.game_id.empty())
    return;
  auto c = st.cfg.names->get_as<correlator_actor>("node/correlator");
  if (!c)
    return;
  double price = st.history.back().price;
  if (c == st.told && price == st.told_price && st.link.game_id == st.told_game)
    return;
  st.told = c;
  st.told_price = price;
  st.told_game = st.link.game_id;
  self->send(c, price_of(st));
}

void on_update(self_ptr self, market_update& u) {
  auto& st = self->state;
  if (st.done)
    return;
  auto* m = st.cfg.metrics.get();
  count(m ? m->updates : nullptr);
  // A mapping, once known, is kept: the game may leave the poller's list
  // before its markets close.
  bool relinked = !u.link.game_id.empty() && u.link.game_id != st.link.game_id;
  if (relinked)
    st.link = u.link;
  if (!st.listed || relinked) {
    st.listed = true;
    publish(self, hub_of(self), "markets", market_listed{st.cfg.ticker, u.market.title, st.link});
  }
  // Snapshots are stored by the poller, one batch per poll.
  if (auto p = markets::probability(u.market)) {
    spike_check(self, *p, u.observed_at_ms);
    st.history.push_back(observation{u.observed_at_ms, *p});
    while (st.history.size() > static_cast<std::size_t>(std::max(2, st.cfg.history)))
      st.history.pop_front();
  }
  st.last = std::move(u.market);
  st.last_ms = u.observed_at_ms;
  if (!markets::is_open(*st.last)) {
    st.done = true;
    market_closed ev{st.cfg.ticker, st.link, st.last->status, st.last->result,
                     st.history.empty() ? 0.0 : st.history.back().price};
    publish(self, hub_of(self), "markets", ev);
    count(m ? m->closed : nullptr);
    st.log->debug("market {} {} ({}): retired", st.cfg.ticker, st.last->status,
                  st.last->result.empty() ? "unsettled" : st.last->result);
    self->quit();
    return;
  }
  tell_correlator(self);
}

market_actor::behavior_type market_impl(self_ptr self, market_actor_config cfg) {
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.log = log::component("market");
  if (st.cfg.metrics && st.cfg.metrics->tracked != nullptr) {
    st.cfg.metrics->tracked->Increment();
    self->attach_functor([m = st.cfg.metrics] { m->tracked->Decrement(); });
  }
  return {
      [self](market_update& u) { on_update(self, u); },
      [self](get_atom) { return price_of(self->state); },
  };
}

} // namespace

std::shared_ptr<market_metrics> make_market_metrics(metrics::registry* reg) {
  auto m = std::make_shared<market_metrics>();
  if (reg == nullptr)
    return m;
  auto& p = reg->prom();
  m->tracked = &prometheus::BuildGauge()
                    .Name("playclock_markets_tracked")
                    .Help("Markets with a live market actor.")
                    .Register(p)
                    .Add({});
  m->updates = &prometheus::BuildCounter()
                    .Name("playclock_market_price_polls_total")
                    .Help("Market observations handed to market actors (one per market per poll).")
                    .Register(p)
                    .Add({});
  m->spikes = &prometheus::BuildCounter()
                   .Name("playclock_market_spikes_total")
                   .Help("Price moves above the spike threshold between two polls.")
                   .Register(p)
                   .Add({});
  m->closed = &prometheus::BuildCounter()
                   .Name("playclock_markets_closed_total")
                   .Help("Markets that stopped trading (their actor retired).")
                   .Register(p)
                   .Add({});
  m->snapshots = &prometheus::BuildCounter()
                      .Name("playclock_market_snapshots_total")
                      .Help("Market snapshots handed to storage by the poller (only changed "
                            "markets).")
                      .Register(p)
                      .Add({});
  return m;
}

market_actor spawn_market_actor(caf::actor_system& sys, market_actor_config cfg) {
  return sys.spawn(market_impl, std::move(cfg));
}

child_spec market_child_spec(market_actor_config cfg) {
  child_spec spec;
  spec.name = cfg.ticker;
  spec.kind = "market";
  spec.restart = restart_type::transient;
  spec.dynamic = true;
  spec.shutdown_timeout = std::chrono::seconds{2};
  spec.start = [cfg = std::move(cfg)](caf::actor_system& sys) {
    return caf::actor_cast<caf::actor>(spawn_market_actor(sys, cfg));
  };
  return spec;
}

} // namespace playclock
