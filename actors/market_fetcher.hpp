#pragma once
// market_fetcher: blocking access to the markets source (Kalshi's API,
// playclock-feed or the simulated league). Detached, behind a round robin, so
// a slow source never stalls the scheduler.

#include <memory>

#include "messages/markets.hpp"

namespace playclock::sources {
class markets_source;
} // namespace playclock::sources

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock {

struct market_fetcher_config {
  std::shared_ptr<sources::markets_source> source;
  /// For playclock_source_* metrics; may be null.
  std::shared_ptr<metrics::registry> metrics;
  /// Markets per page asked for, and pages followed per listing at most.
  int page_limit = 1000;
  int max_pages = 50;
  /// Nice value of the fetchers' threads (node.fetcher_nice).
  int nice = 0;
};

/// `n` detached market fetchers behind one round-robin handle.
market_fetcher_actor spawn_market_fetchers(caf::actor_system& sys, market_fetcher_config cfg,
                                           int n);

} // namespace playclock
