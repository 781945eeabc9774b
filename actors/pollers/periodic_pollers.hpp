#pragma once
// The slow pollers of the live-games sources:
// - schedule_poller: every hour, the games of the coming days, stored as
//   scheduled games;
// - injury_poller: every 5 minutes, the injury lists of games not yet final
//   (from their summaries), handed to their game actors, which report what is
//   new (a new "Out" is an event);
// - weather_poller: every 30 minutes, the forecast at kick-off for games not
//   yet final at outdoor venues, stored per game.
// Each poll writes a sync-log row; a failing source only delays its own poller.

#include <chrono>
#include <memory>
#include <string>

#include "messages/games.hpp"

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock::sup {
class registry;
} // namespace playclock::sup

namespace playclock {

struct periodic_poller_config {
  /// Finds the fetchers, the storage and the game actors at each use.
  std::shared_ptr<sup::registry> names;
  std::chrono::milliseconds interval{std::chrono::minutes{5}};
  std::chrono::milliseconds timeout{std::chrono::seconds{30}};
  std::string source = "espn";
  /// schedule_poller: days ahead.
  int days = 7;
  /// playclock_poll_duration_seconds; may be null.
  std::shared_ptr<metrics::registry> metrics;
};

poller_actor spawn_schedule_poller(caf::actor_system& sys, periodic_poller_config cfg);
poller_actor spawn_injury_poller(caf::actor_system& sys, periodic_poller_config cfg);
poller_actor spawn_weather_poller(caf::actor_system& sys, periodic_poller_config cfg);

} // namespace playclock
