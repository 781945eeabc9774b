#pragma once
// The markets part of a node's supervision tree, in start order (it goes
// after the live-games part, whose storage and event hub it uses):
//
//   market_fetchers  detached source workers (round robin)
//   markets          supervisor of one market actor per ticker (dynamic, transient)
//   correlator       play-to-price correlations and model edges
//   markets_poller   lists open markets every few seconds (stops first)
//
// The source comes from config: base URL "sim:" is the simulated league's
// markets, an http(s) URL a Kalshi-format API (Kalshi or playclock-feed),
// "" no markets at all.

#include <functional>
#include <memory>
#include <vector>

#include "config/settings.hpp"
#include "messages/supervision.hpp"

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock::sup {
class registry;
struct supervisor_event;
} // namespace playclock::sup

namespace playclock::sources {
class markets_source;
} // namespace playclock::sources

namespace playclock::league {
class simulated_league;
} // namespace playclock::league

namespace playclock {

/// The markets source the settings name; null when markets are off. `league`
/// is required for "sim:".
std::shared_ptr<sources::markets_source>
make_markets_source(const config::kalshi_source_settings& s,
                    std::shared_ptr<league::simulated_league> league);

struct markets_options {
  config::settings settings;
  std::shared_ptr<metrics::registry> metrics;
  std::shared_ptr<sup::registry> names;
  std::shared_ptr<sources::markets_source> source;
  /// Supervision events of the markets supervisor (restart counters).
  std::function<void(const sup::supervisor_event&)> observer;
};

/// The children above, to append to the root supervisor after live games.
std::vector<child_spec> markets_children(const markets_options& opts);

} // namespace playclock
