#pragma once
// scoreboard_poller: polls the scoreboard every few seconds, starts a game
// actor for each game the first time it is seen (under the games supervisor)
// and hands every game its scoreboard entry. Each poll writes a sync-log row.
// A failing source backs off with jitter; the other pollers go on. It
// answers with the open games of its last poll (for the slower pollers).

#include <chrono>
#include <memory>

#include "actors/game_actor.hpp"

namespace playclock::sup {
class registry;
} // namespace playclock::sup

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock {

struct scoreboard_poller_config {
  /// Finds the fetchers, the storage, the games supervisor ("node/games")
  /// and the game actors, at each use.
  std::shared_ptr<sup::registry> names;
  /// Template for new game actors (game_id filled in per game).
  game_actor_config game;
  std::chrono::milliseconds interval{5000};
  std::chrono::milliseconds timeout{10000};
  std::chrono::milliseconds backoff_initial{1000};
  std::chrono::milliseconds backoff_max{60000};
  std::string source = "espn";
  std::shared_ptr<metrics::registry> metrics;
};

scoreboard_poller_actor spawn_scoreboard_poller(caf::actor_system& sys,
                                                scoreboard_poller_config cfg);

} // namespace playclock
