#pragma once
// The live-games part of a node's supervision tree, in start order:
//
//   storage    detached, batched upserts         (stops after the ones below)
//   events     event hub (topic "games")
//   fetchers   detached source workers (round robin)
//   games      supervisor of one game actor per game (dynamic, transient)
//   pollers    supervisor: scoreboard, schedule, injuries, weather (stop first)
//
// Sources come from config: base URL "sim:" runs the simulated league in the
// node, an http(s) URL polls an ESPN-format feed (the real ESPN or
// playclock-feed).

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/settings.hpp"
#include "messages/supervision.hpp"

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock::pg {
class pool;
} // namespace playclock::pg

namespace playclock::sup {
class registry;
struct restart_policy;
struct supervisor_event;
} // namespace playclock::sup

namespace playclock::sources {
class games_source;
class markets_source;
class weather_source;
} // namespace playclock::sources

namespace playclock::league {
class simulated_league;
} // namespace playclock::league

namespace playclock {

struct live_sources {
  std::shared_ptr<sources::games_source> games;
  /// Null when weather polling is off (base_url "").
  std::shared_ptr<sources::weather_source> weather;
  /// Null when markets are off (base_url "").
  std::shared_ptr<sources::markets_source> markets;
  /// The league when any source is "sim:" (shared by all).
  std::shared_ptr<league::simulated_league> league;
};

/// Builds the sources the settings name.
live_sources make_live_sources(const config::sources_settings& s);

struct live_games_options {
  config::settings settings;
  std::shared_ptr<pg::pool> pool;
  std::shared_ptr<metrics::registry> metrics;
  std::shared_ptr<sup::registry> names;
  std::string node_name;
  live_sources sources;
  /// Supervision events of the games and pollers supervisors (restart
  /// counters).
  std::function<void(const sup::supervisor_event&)> observer;
};

/// The children above, to append to the root supervisor after the database.
std::vector<child_spec> live_games_children(const live_games_options& opts);

} // namespace playclock
