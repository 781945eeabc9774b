#include "actors/correlator.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <prometheus/counter.h>
#include <spdlog/logger.h>

#include "actors/correlation/implied_spread.hpp"
#include "actors/event_hub.hpp"
#include "actors/timed_request.hpp"
#include "adapters/alerts/types.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "adapters/metrics/registry.hpp"
#include "adapters/winprob/from_game.hpp"
#include "messages/storage.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace {

std::int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// A significant play waiting for its second price reading.
struct pending_play {
  play_added play;
  std::vector<std::string> tags;
  std::map<std::string, market_price> before;
  std::int64_t captured_at_ms = 0;
};

/// What the edge check knows of a game.
struct game_view {
  sports::game game;
  /// The spread the markets implied at the first price seen.
  std::optional<double> spread;
};

struct correlator_state {
  static inline const char* name = "correlator";
  correlator_config cfg;
  std::shared_ptr<spdlog::logger> log;
  std::unordered_map<std::string, std::set<std::string>> game_markets;
  std::unordered_map<std::string, market_link> links;
  /// The latest price of each market, as its market actor told it.
  std::unordered_map<std::string, market_price> prices;
  std::unordered_map<std::uint64_t, pending_play> pending;
  std::uint64_t next_id = 1;
  std::unordered_map<std::string, game_view> games;
  /// Markets currently in an edge (published once per crossing).
  std::set<std::string> in_edge;
  prometheus::Family<prometheus::Counter>* correlations = nullptr;
  prometheus::Counter* edges = nullptr;
  prometheus::Counter* plays = nullptr;
};

using self_ptr = correlator_actor::stateful_pointer<correlator_state>;

event_hub_actor hub_of(self_ptr self) {
  return self->state.cfg.names->get_as<event_hub_actor>("node/events");
}

// The known prices of `tickers`, in ticker order (pointers into the table,
// valid until it next changes: the edge check runs on every game update
// and need not copy them).
std::vector<const market_price*> known_prices(const correlator_state& st,
                                              const std::set<std::string>& tickers) {
  std::vector<const market_price*> out;
  for (const auto& t : tickers) {
    auto p = st.prices.find(t);
    if (p != st.prices.end() && p->second.known)
      out.push_back(&p->second);
  }
  return out;
}

bool significant(const correlator_state& st, const play_added& p, std::vector<std::string>& why) {
  for (const auto& t : p.tags)
    if (std::find(st.cfg.tags.begin(), st.cfg.tags.end(), t) != st.cfg.tags.end())
      why.push_back(t);
  return !why.empty();
}

void on_play(self_ptr self, play_added& p) {
  auto& st = self->state;
  std::vector<std::string> why;
  if (!significant(st, p, why))
    return;
  auto markets = st.game_markets.find(p.game_id);
  if (markets == st.game_markets.end() || markets->second.empty())
    return;
  if (st.plays != nullptr)
    st.plays->Increment();
  std::map<std::string, market_price> before;
  for (const auto* p : known_prices(st, markets->second))
    before.emplace(p->ticker, *p);
  if (before.empty())
    return;
  auto id = st.next_id++;
  auto& pend = st.pending[id];
  pend.play = std::move(p);
  pend.tags = std::move(why);
  pend.before = std::move(before);
  pend.captured_at_ms = unix_ms();
  // Urgent: the measurement, and the alert it may become, must not wait
  // behind the scoreboard poll's game updates that arrive at the same time
  // (the default delay equals the scoreboard interval).
  self->delayed_send<caf::message_priority::high>(self, st.cfg.delay, measure_atom::value, id);
}

void measure(self_ptr self, std::uint64_t id) {
  auto& st = self->state;
  auto it = st.pending.find(id);
  if (it == st.pending.end())
    return;
  auto pend = std::move(it->second);
  st.pending.erase(it);
  market_batch batch;
  auto measured_at = unix_ms();
  for (const auto& [ticker, before] : pend.before) {
    auto a = st.prices.find(ticker);
    if (a == st.prices.end() || !a->second.known)
      continue; // closed in between
    correlation_measured c;
    c.game_id = pend.play.game_id;
    c.home = pend.play.home;
    c.away = pend.play.away;
    c.play_id = pend.play.play.id;
    c.play_text = pend.play.play.text;
    c.play_team = pend.play.play.team;
    c.tags = pend.tags;
    c.ticker = ticker;
    c.link = before.link;
    c.before = before.price;
    c.after = a->second.price;
    c.points = (c.after - c.before) * 100.0;
    c.impact = alerts::to_string(alerts::impact_of(c.points));
    c.captured_at_ms = pend.captured_at_ms;
    c.measured_at_ms = measured_at;
    if (st.correlations != nullptr)
      st.correlations->Add({{"impact", c.impact}}).Increment();
    publish(self, hub_of(self), "markets", c);
    batch.correlations.push_back(std::move(c));
  }
  if (batch.correlations.empty())
    return;
  if (auto storage = st.cfg.names->get_as<storage_actor>("node/storage"))
    timed_request(self, storage, std::chrono::seconds{30}, store_atom::value, std::move(batch))
        .then([](std::int32_t) {},
              [self](caf::error& e) {
                self->state.log->warn("correlations not stored: {}", self->system().render(e));
              });
}

void check_edges(self_ptr self, const std::string& game_id,
                 const std::vector<const market_price*>& prices) {
  auto& st = self->state;
  auto g = st.games.find(game_id);
  if (g == st.games.end())
    return;
  auto& view = g->second;
  auto state = winprob::from_game(view.game, 0);
  if (!view.spread) {
    // The first home-team price fixes the spread the market implies.
    for (const auto* p : prices)
      if (!p->link.team.empty()) {
        double home_p = p->link.home ? p->price : 1 - p->price;
        view.spread = correlation::implied_home_spread(st.cfg.model, state, home_p);
        st.log->debug("game {}: markets imply a home spread of {:.1f}", game_id, *view.spread);
        break;
      }
    return; // nothing to compare against in the very reading that set it
  }
  state.home_spread = *view.spread;
  double home_p = winprob::home_win_probability(st.cfg.model, state);
  for (const auto* p : prices) {
    if (p->link.team.empty())
      continue;
    const auto& ticker = p->ticker;
    double model_p = p->link.home ? home_p : 1 - home_p;
    double points = (model_p - p->price) * 100.0;
    bool was = st.in_edge.count(ticker) != 0;
    if (std::fabs(points) > st.cfg.edge_threshold_pts && !was) {
      st.in_edge.insert(ticker);
      edge_detected ev{
          ticker,   p->link, p->price, model_p, points, st.cfg.model.name, st.cfg.model.version,
          unix_ms()};
      publish(self, hub_of(self), "markets", ev);
      if (st.edges != nullptr)
        st.edges->Increment();
    } else if (was && std::fabs(points) < st.cfg.edge_threshold_pts / 2) {
      st.in_edge.erase(ticker); // re-armed: the gap closed
    }
  }
}

void on_game(self_ptr self, game_updated& u) {
  auto& st = self->state;
  auto markets = st.game_markets.find(u.game.id);
  if (markets == st.game_markets.end() || markets->second.empty())
    return;
  if (u.game.state == sports::game_state::post) {
    // An update may overtake the game's (urgent) game_final.
    st.games.erase(u.game.id);
    return;
  }
  auto id = u.game.id;
  st.games[id].game = std::move(u.game);
  check_edges(self, id, known_prices(st, markets->second));
}

// Files `ticker` under its game (moving it if the link changed).
void link_market(correlator_state& st, const std::string& ticker, const market_link& link) {
  auto& known = st.links[ticker];
  if (known.game_id == link.game_id && known.team == link.team && known.home == link.home)
    return;
  if (!known.game_id.empty()) {
    auto g = st.game_markets.find(known.game_id);
    if (g != st.game_markets.end()) {
      g->second.erase(ticker);
      if (g->second.empty())
        st.game_markets.erase(g);
    }
  }
  known = link;
  st.game_markets[link.game_id].insert(ticker);
}

void forget_market(correlator_state& st, const std::string& ticker) {
  st.prices.erase(ticker);
  st.in_edge.erase(ticker);
  auto l = st.links.find(ticker);
  if (l == st.links.end())
    return;
  auto g = st.game_markets.find(l->second.game_id);
  if (g != st.game_markets.end()) {
    g->second.erase(ticker);
    if (g->second.empty())
      st.game_markets.erase(g);
  }
  st.links.erase(l);
}

void subscribe(self_ptr self) {
  auto hub = hub_of(self);
  if (!hub) {
    self->delayed_send(self, std::chrono::milliseconds{200}, get_atom::value);
    return;
  }
  auto me = caf::actor_cast<caf::actor>(self);
  for (const char* topic : {"games", "markets", "game_updates"})
    subscribe_to(hub, topic, me);
  // A restarted hub forgets its subscribers: subscribe again.
  self->monitor(hub);
}

correlator_actor::behavior_type correlator_impl(self_ptr self, correlator_config cfg) {
  log::name_this_thread("pc-correlator");
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.log = log::component("correlator");
  if (st.cfg.metrics) {
    auto& p = st.cfg.metrics->prom();
    st.correlations = &prometheus::BuildCounter()
                           .Name("playclock_correlations_total")
                           .Help("Play-to-price correlations measured, by impact level.")
                           .Register(p);
    st.edges = &prometheus::BuildCounter()
                    .Name("playclock_market_edges_total")
                    .Help("Markets whose price crossed the edge threshold against the model.")
                    .Register(p)
                    .Add({});
    st.plays = &prometheus::BuildCounter()
                    .Name("playclock_correlation_plays_total")
                    .Help("Significant plays of games with markets (correlations started).")
                    .Register(p)
                    .Add({});
  }
  // Events of other kinds on the subscribed topics are of no interest here.
  self->set_default_handler(caf::drop);
  self->set_down_handler([self](caf::down_msg&) {
    self->delayed_send(self, std::chrono::milliseconds{200}, get_atom::value);
  });
  subscribe(self);
  return {
      [self](play_added& p) { on_play(self, p); },
      [self](market_listed& m) {
        if (!m.link.game_id.empty())
          link_market(self->state, m.ticker, m.link);
      },
      [self](market_price& p) {
        auto& st = self->state;
        if (p.link.game_id.empty())
          return;
        link_market(st, p.ticker, p.link);
        st.prices[p.ticker] = std::move(p);
      },
      [self](market_closed& m) { forget_market(self->state, m.ticker); },
      [self](game_final& g) { self->state.games.erase(g.game_id); },
      [self](game_updated& u) { on_game(self, u); },
      [self](measure_atom, std::uint64_t id) { measure(self, id); },
      [self](get_atom) { subscribe(self); },
  };
}

} // namespace

correlator_actor spawn_correlator(caf::actor_system& sys, correlator_config cfg) {
  // Its own thread: a correlation due while a scoreboard poll keeps the
  // scheduler busy with 1,000 game actors must not queue behind them.
  return sys.spawn<caf::detached>(correlator_impl, std::move(cfg));
}

} // namespace playclock
