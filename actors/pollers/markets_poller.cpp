#include "actors/pollers/markets_poller.hpp"

#include <iterator>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <spdlog/logger.h>

#include "actors/pollers/poll_metrics.hpp"
#include "actors/pollers/poller_common.hpp"
#include "actors/timed_request.hpp"
#include "adapters/kalshi/ticker_map.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "adapters/markets/move_order.hpp"
#include "adapters/sources/backoff.hpp"
#include "messages/actors.hpp"
#include "messages/storage.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace {

/// A ticker that left the open list: fetched again until its end is known.
constexpr int max_final_fetches = 5;

// How long a poll's quiet markets (no move near the spike threshold) wait
// before they are handed to their actors, and its snapshots before they are
// noted and handed to storage: long enough for the alerts of the markets
// that may have spiked to be out (well under 20 ms), short against a poll.
constexpr std::chrono::milliseconds quiet_delay{50};

struct tracked_market {
  market_link link;
  /// The last observation stored, to store only changes.
  std::optional<markets::market> stored;
  /// Set when the ticker was missing from the last listing.
  int final_fetches = 0;
};

/// A listing whose snapshots are not yet noted, and whose quiet markets
/// are not yet handed over: sending 2,000 updates took 6-15 ms and noting
/// them 3-8 ms of this thread, and the market actors' work as much of the
/// scheduler's, right after each poll, while that poll's spike alerts
/// travelled.
struct unnoted_listing {
  std::vector<markets::market> markets;
  std::vector<market_link> links;
  std::int64_t observed_ms = 0;
  /// Indexes of the markets not yet handed to their actors.
  std::vector<std::size_t> quiet;
};

struct markets_poller_state {
  static inline const char* name = "markets_poller";
  markets_poller_config cfg;
  std::shared_ptr<spdlog::logger> log;
  std::unique_ptr<sources::backoff> retry;
  std::unique_ptr<kalshi::ticker_mapper> mapper;
  bool polling = false;
  pollers::poll_now_waiters now;
  std::unordered_map<std::string, tracked_market> tracked;
  markets::move_order moves;
  /// Snapshots waiting out quiet_delay (an empty batch sent to itself
  /// hands them over); written at once if the poller stops.
  market_batch delayed;
  bool delayed_armed = false;
  /// Listings whose quiet markets are handed over and whose snapshots are
  /// noted when the delay is over.
  std::vector<unnoted_listing> unnoted;
  /// The row of a round whose quiet markets wait: poll_now is answered
  /// once every market of the round has its update.
  std::optional<sync_entry> round_row;
  prometheus::Histogram* cycle = nullptr;
};

using self_ptr = markets_poller_actor::stateful_pointer<markets_poller_state>;

void deliver(self_ptr self, market_update u) {
  auto& st = self->state;
  const auto& ticker = u.market.ticker;
  if (auto h = st.cfg.names->get_as<market_actor>("node/markets/" + ticker)) {
    self->send(h, std::move(u));
    return;
  }
  if (!markets::is_open(u.market))
    return; // ended before an actor was needed (or after it retired)
  auto sup = st.cfg.names->get_as<supervisor_actor>("node/markets");
  if (!sup) {
    st.log->warn("markets supervisor is restarting; market {} waits for the next poll", ticker);
    return;
  }
  auto cfg = st.cfg.market;
  cfg.ticker = ticker;
  timed_request(self, sup, std::chrono::seconds{5}, start_atom::value, market_child_spec(cfg))
      .then(
          [self, u](caf::actor& h) mutable {
            self->send(caf::actor_cast<market_actor>(h), std::move(u));
          },
          [self, ticker](caf::error& e) {
            self->state.log->warn("cannot start market actor {}: {}", ticker,
                                  self->system().render(e));
          });
}

// Hands a poll's snapshots to storage in one request (rather than one per
// market: 2,000 requests, replies and timers per poll delayed the alerts of
// the same poll); kept and retried while the storage restarts.
void store_snapshots(self_ptr self, market_batch b) {
  if (b.snapshots.empty())
    return;
  auto retry = [self](market_batch b) {
    self->delayed_send(self, std::chrono::seconds{1}, store_atom::value, std::move(b));
  };
  auto storage = self->state.cfg.names->get_as<storage_actor>("node/storage");
  if (!storage) {
    retry(std::move(b));
    return;
  }
  auto kept = std::make_shared<market_batch>(std::move(b));
  timed_request(self, storage, std::chrono::seconds{30}, store_atom::value, *kept)
      .then([](std::int32_t) {}, [kept, retry](caf::error&) { retry(std::move(*kept)); });
}

// Adds `m` to `out` if it changed since the ticker's last stored observation.
void note_snapshot(self_ptr self, market_batch& out, markets::market m, const market_link& link,
                   std::int64_t observed_ms) {
  auto& t = self->state.tracked[m.ticker];
  if (t.stored && !markets::snapshot_changed(*t.stored, m))
    return;
  t.stored = m;
  out.snapshots.push_back(market_snapshot{std::move(m), link, observed_ms});
  if (const auto& metrics = self->state.cfg.market.metrics; metrics && metrics->snapshots)
    metrics->snapshots->Increment();
}

market_link link_of(self_ptr self, const markets::market& m,
                    const std::vector<sports::game>& games) {
  auto& st = self->state;
  auto& t = st.tracked[m.ticker];
  t.final_fetches = 0;
  if (t.link.game_id.empty()) {
    if (auto match = st.mapper->map(m, games))
      t.link = market_link{match->game_id, match->team, match->home};
  }
  return t.link;
}

// Tickers tracked but absent from this listing: ask for each once more.
void follow_missing(self_ptr self, const std::unordered_map<std::string, bool>& listed,
                    std::int64_t observed_ms) {
  auto& st = self->state;
  auto fetchers = st.cfg.names->get_as<market_fetcher_actor>("node/market_fetchers");
  for (auto it = st.tracked.begin(); it != st.tracked.end();) {
    if (listed.count(it->first) != 0) {
      ++it;
      continue;
    }
    if (++it->second.final_fetches > max_final_fetches) {
      st.log->warn("market {} left the open list and cannot be fetched: forgotten", it->first);
      if (auto h = st.cfg.names->get("node/markets/" + it->first))
        caf::anon_send_exit(h, caf::exit_reason::user_shutdown);
      st.moves.forget(it->first);
      it = st.tracked.erase(it);
      continue;
    }
    if (fetchers) {
      timed_request(self, fetchers, st.cfg.timeout, get_atom::value, it->first)
          .then(
              [self, observed_ms, ticker = it->first](markets_result& r) {
                auto& st = self->state;
                auto t = st.tracked.find(ticker);
                if (!r.ok || r.markets.empty() || t == st.tracked.end())
                  return;
                auto link = t->second.link;
                market_batch b;
                note_snapshot(self, b, r.markets.front(), link, observed_ms);
                if (!markets::is_open(r.markets.front())) {
                  st.moves.forget(ticker);
                  st.tracked.erase(t);
                }
                deliver(self, market_update{std::move(r.markets.front()), link, observed_ms});
                store_snapshots(self, std::move(b));
              },
              [](caf::error&) {});
    }
    ++it;
  }
}

void on_listing(self_ptr self, markets_result& r, const std::vector<sports::game>& games,
                std::int64_t started_ms) {
  auto& st = self->state;
  store_batch sync;
  sync.sync.push_back(pollers::sync_row(st.cfg.source + ".markets", started_ms, r.seconds, r.ok,
                                        static_cast<std::int32_t>(r.markets.size()), r.error));
  if (auto storage = st.cfg.names->get_as<storage_actor>("node/storage"))
    caf::anon_send(storage, store_atom::value, sync);
  if (!r.ok) {
    st.now.round_ends(sync.sync.back());
    auto wait = st.retry->next();
    if (r.retry_after_s > 0)
      wait = std::max(wait, std::chrono::milliseconds{std::chrono::seconds{r.retry_after_s}});
    st.log->warn("markets poll failed ({}), retry in {} ms: {}", r.error_kind, wait.count(),
                 r.error);
    self->delayed_send(self, st.now.next_wait(wait), tick_atom::value, st.now.gen);
    return;
  }
  if (st.retry->failures() > 0)
    st.log->info("markets polls work again");
  st.retry->reset();
  auto observed = pollers::unix_ms();
  // The markets that may have spiked first, biggest price moves first and
  // each linked to its game as it goes; the quiet rest and the bookkeeping
  // a moment later, when those alerts are out.
  std::vector<market_link> links(r.markets.size());
  std::vector<std::size_t> quiet;
  for (const auto& m : st.moves.order(r.markets)) {
    links[m.index] = link_of(self, r.markets[m.index], games);
    if (markets::may_spike(m, st.cfg.market.spike_threshold_pts))
      deliver(self, market_update{r.markets[m.index], links[m.index], observed});
    else
      quiet.push_back(m.index);
  }
  // The snapshots of the markets that changed, in one write, a moment
  // later: thousands of rows written at once would hold up the alerts of
  // this very poll at the database (and noting them would hold up this
  // thread).
  st.unnoted.push_back(
      unnoted_listing{std::move(r.markets), std::move(links), observed, std::move(quiet)});
  if (!st.unnoted.back().quiet.empty())
    st.round_row = sync.sync.back();
  else
    st.now.round_ends(sync.sync.back());
  if (!st.delayed_armed) {
    st.delayed_armed = true;
    self->delayed_send(self, quiet_delay, store_atom::value, market_batch{});
  }
}

// Hands the quiet markets of the listings since the last time to their
// actors, and answers the round's poll_now callers.
void hand_over_quiet(self_ptr self) {
  auto& st = self->state;
  for (auto& l : st.unnoted) {
    for (auto i : l.quiet)
      deliver(self, market_update{l.markets[i], l.links[i], l.observed_ms});
    l.quiet.clear();
  }
  if (st.round_row)
    st.now.round_ends(*std::exchange(st.round_row, std::nullopt));
}

// Notes the snapshots of the listings handed over since the last time, and
// (unless stopping) follows the tickers they no longer list.
void note_listings(self_ptr self, bool follow) {
  auto& st = self->state;
  hand_over_quiet(self);
  auto listings = std::exchange(st.unnoted, {});
  for (auto& l : listings) {
    std::unordered_map<std::string, bool> listed;
    listed.reserve(l.markets.size());
    for (std::size_t i = 0; i < l.markets.size(); ++i) {
      listed[l.markets[i].ticker] = true;
      note_snapshot(self, st.delayed, std::move(l.markets[i]), l.links[i], l.observed_ms);
    }
    if (follow)
      follow_missing(self, listed, l.observed_ms);
  }
}

// Lists every series in turn, then hands the markets over.
void list_series(self_ptr self, std::size_t i, markets_result acc, std::vector<sports::game> games,
                 std::chrono::steady_clock::time_point started, std::int64_t started_ms) {
  auto& st = self->state;
  auto finish = [self, started, started_ms](markets_result& r,
                                            const std::vector<sports::game>& games) {
    auto& st = self->state;
    st.polling = false;
    bool ok = r.ok;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    on_listing(self, r, games, started_ms);
    auto took = std::chrono::steady_clock::now() - started;
    if (st.cycle != nullptr)
      st.cycle->Observe(std::chrono::duration<double>(took).count());
    if (ok) {
      auto wait = pollers::next_poll_wait(st.cfg.interval, st.cfg.phase, took);
      self->delayed_send(self, st.now.next_wait(wait), tick_atom::value, st.now.gen);
    }
  };
  auto series = st.cfg.series.empty() ? std::vector<std::string>{""} : st.cfg.series;
  if (i >= series.size()) {
    acc.ok = true;
    finish(acc, games);
    return;
  }
  auto fetchers = st.cfg.names->get_as<market_fetcher_actor>("node/market_fetchers");
  if (!fetchers) {
    markets_result r;
    r.error = "market fetchers are restarting";
    r.error_kind = "network";
    finish(r, games);
    return;
  }
  timed_request(self, fetchers, st.cfg.timeout, markets_atom::value, series[i])
      .then(
          [=](markets_result& r) mutable {
            if (!r.ok) {
              finish(r, games);
              return;
            }
            acc.markets.insert(acc.markets.end(), std::make_move_iterator(r.markets.begin()),
                               std::make_move_iterator(r.markets.end()));
            acc.rejected += r.rejected;
            if (!r.error.empty())
              acc.error += (acc.error.empty() ? "" : "; ") + r.error;
            list_series(self, i + 1, std::move(acc), std::move(games), started, started_ms);
          },
          [=](caf::error& e) mutable {
            markets_result r;
            r.error = self->system().render(e);
            r.error_kind = e == caf::sec::request_timeout ? "timeout" : "network";
            finish(r, games);
          });
}

void poll(self_ptr self) {
  auto& st = self->state;
  if (st.polling)
    return;
  st.polling = true;
  // A round asked for before the last one's quiet markets were handed over
  // (poll_now): they go first, so no actor sees its updates out of order.
  hand_over_quiet(self);
  st.now.round_starts();
  auto started = std::chrono::steady_clock::now();
  auto started_ms = pollers::unix_ms();
  auto board = st.cfg.names->get_as<scoreboard_poller_actor>("node/pollers/scoreboard");
  if (!board) {
    // No live games here (or restarting): rules still map.
    list_series(self, 0, markets_result{}, {}, started, started_ms);
    return;
  }
  timed_request(self, board, std::chrono::seconds{5}, scoreboard_atom::value)
      .then(
          [=](scoreboard_result& open) {
            list_series(self, 0, markets_result{}, std::move(open.games), started, started_ms);
          },
          [=](caf::error&) { list_series(self, 0, markets_result{}, {}, started, started_ms); });
}

markets_poller_actor::behavior_type poller_impl(self_ptr self, markets_poller_config cfg) {
  log::name_this_thread("pc-mkt-poller");
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.log = log::component("markets_poller");
  st.retry = std::make_unique<sources::backoff>(st.cfg.backoff_initial, st.cfg.backoff_max,
                                                reinterpret_cast<std::uintptr_t>(self));
  std::vector<kalshi::mapping_rule> rules;
  for (const auto& r : st.cfg.rules)
    rules.push_back(kalshi::mapping_rule{r.ticker_prefix, r.game_id, r.team});
  st.mapper = std::make_unique<kalshi::ticker_mapper>(std::move(rules));
  st.cycle = pollers::poll_duration(st.cfg.metrics.get(), st.cfg.source, "markets");
  self->set_exit_handler([self](caf::exit_msg& m) {
    // Stopping: the delayed snapshots go to storage now (it stops after
    // the pollers and writes what it holds); quiet updates are dropped (no
    // market actor should start for them now).
    auto& st = self->state;
    for (auto& l : st.unnoted)
      l.quiet.clear();
    note_listings(self, false);
    if (!st.delayed.snapshots.empty())
      if (auto storage = st.cfg.names->get_as<storage_actor>("node/storage"))
        caf::anon_send(storage, store_atom::value, std::move(st.delayed));
    self->quit(m.reason);
  });
  self->send(self, tick_atom::value, std::uint64_t{0});
  return {
      [self](tick_atom, std::uint64_t gen) {
        if (gen == self->state.now.gen)
          poll(self);
      },
      [self](poll_now_atom) {
        return pollers::ask_poll_now(self, self->state.now, self->state.polling,
                                     [self] { poll(self); });
      },
      [self](store_atom, market_batch& b) {
        auto& st = self->state;
        if (b.snapshots.empty() && b.correlations.empty()) {
          // The delay is over.
          st.delayed_armed = false;
          note_listings(self, true);
          b = std::exchange(st.delayed, market_batch{});
        }
        store_snapshots(self, std::move(b));
      },
      [self](markets_atom) {
        std::vector<std::string> out;
        out.reserve(self->state.tracked.size());
        for (const auto& kv : self->state.tracked)
          out.push_back(kv.first);
        return out;
      },
  };
}

} // namespace

markets_poller_actor spawn_markets_poller(caf::actor_system& sys, markets_poller_config cfg) {
  return sys.spawn<caf::detached>(poller_impl, std::move(cfg));
}

} // namespace playclock
