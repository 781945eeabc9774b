#pragma once
// fetcher_actor: blocking access to the live sources (HTTP or the simulated
// league). Detached, several behind a round robin, so slow sources never
// stall the scheduler and play-by-play fetches run in parallel.

#include <memory>

#include "messages/games.hpp"

namespace playclock::sources {
class games_source;
class weather_source;
} // namespace playclock::sources

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock {

struct fetcher_config {
  std::shared_ptr<sources::games_source> games;
  /// May be null (weather off).
  std::shared_ptr<sources::weather_source> weather;
  /// For playclock_source_* metrics; may be null.
  std::shared_ptr<metrics::registry> metrics;
  /// Nice value of the fetchers' threads (node.fetcher_nice).
  int nice = 0;
};

/// `n` detached fetchers behind one round-robin handle.
fetcher_actor spawn_fetchers(caf::actor_system& sys, fetcher_config cfg, int n);

} // namespace playclock
