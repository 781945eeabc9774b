#pragma once
// markets_poller: lists the open markets every few seconds (cursor paging,
// every configured series), maps each ticker to its game (config rules, then
// teams and date against the scoreboard poller's open games), starts a market
// actor per ticker the first time it is seen (under the markets supervisor)
// and hands each its observation. A ticker that left the open list is
// fetched once more so its actor learns how it ended (closed, settled) and
// retires. A failing source backs off with jitter; each poll writes a
// sync-log row. It answers with the tickers it tracks.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "actors/market_actor.hpp"
#include "config/settings.hpp"

namespace playclock::sup {
class registry;
} // namespace playclock::sup

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock {

struct markets_poller_config {
  /// Finds the market fetchers ("node/market_fetchers"), the storage, the
  /// markets supervisor ("node/markets"), the market actors and the
  /// scoreboard poller ("node/pollers/scoreboard"), at each use.
  std::shared_ptr<sup::registry> names;
  /// Template for new market actors (ticker filled in per market).
  market_actor_config market;
  /// Series to list; empty = every open market.
  std::vector<std::string> series;
  std::vector<config::ticker_rule_setting> rules;
  std::chrono::milliseconds interval{5000};
  /// Polls start at phase + k * interval on the steady clock (after the
  /// first, at once): half the scoreboard's interval, so a markets poll's
  /// burst of updates does not meet a scoreboard poll's.
  std::chrono::milliseconds phase{2500};
  std::chrono::milliseconds timeout{30000};
  std::chrono::milliseconds backoff_initial{1000};
  std::chrono::milliseconds backoff_max{60000};
  std::string source = "kalshi";
  std::shared_ptr<metrics::registry> metrics;
};

markets_poller_actor spawn_markets_poller(caf::actor_system& sys, markets_poller_config cfg);

} // namespace playclock
