#pragma once
// game_actor: one per live game, spawned under the games supervisor the first
// time a game is seen and retired (normal exit, not restarted) once it is
// final and its last plays are stored. It rebuilds its state from PostgreSQL
// when (re)started, so a crash neither duplicates nor misses plays.
//
//   loading --record--> tracking --state post + final plays stored--> (exit)
//      (updates received while loading wait for the record)

#include <chrono>
#include <memory>
#include <string>

#include "messages/games.hpp"
#include "messages/supervision.hpp"

namespace prometheus {
class Counter;
template <class T>
class Family;
} // namespace prometheus

namespace playclock::sup {
class registry;
} // namespace playclock::sup

namespace playclock {

/// Counters shared by all game actors (registered once by the node).
struct game_metrics {
  prometheus::Counter* plays_ingested = nullptr;
  prometheus::Family<prometheus::Counter>* tags = nullptr;
  prometheus::Family<prometheus::Counter>* events = nullptr;
};

struct game_actor_config {
  std::string game_id;
  /// Where the storage ("node/storage"), the fetchers ("node/fetchers") and
  /// the event hub ("node/events") are found, at each use, so a restarted
  /// one is picked up.
  std::shared_ptr<sup::registry> names;
  int rolling_window = 10;
  int big_play_yards = 20;
  std::shared_ptr<game_metrics> metrics;
};

game_actor spawn_game_actor(caf::actor_system& sys, game_actor_config cfg);

/// The child spec the scoreboard poller hands to the games supervisor.
child_spec game_child_spec(game_actor_config cfg);

} // namespace playclock
