#pragma once
// correlator: measures how markets react to plays. On a significant play
// (tags touchdown, turnover, big_play by default) it captures the prices of
// the game's markets, re-reads them after a delay (a delayed message, never
// a sleep), computes the change in percentage points and its impact level,
// stores the correlation and publishes it (topic "markets"). On each game
// update it also compares each market's price with the win-probability
// model and publishes an edge when they differ by more than a threshold
// (once per crossing). The prices are the ones market actors tell it after
// each poll that changes them: asking every market on every game update cost
// two request/response pairs and timers per game in each scoreboard poll,
// and held up that poll's alerts.
//
// The model needs the pre-game spread, which a feed does not give: the
// correlator takes the spread the market implies at the first price it sees
// for the game (the spread at which the model matches the market), so an
// edge is an in-game divergence, not a disagreement about the teams.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "adapters/winprob/model.hpp"
#include "messages/markets.hpp"

namespace playclock::sup {
class registry;
} // namespace playclock::sup

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock {

struct correlator_config {
  /// Finds the storage and the event hub, at each use.
  std::shared_ptr<sup::registry> names;
  std::chrono::milliseconds delay{5000};
  /// Play tags that make a play significant.
  std::vector<std::string> tags{"touchdown", "turnover", "big_play"};
  double edge_threshold_pts = 15;
  winprob::coefficients model = winprob::builtin();
  std::shared_ptr<metrics::registry> metrics;
};

correlator_actor spawn_correlator(caf::actor_system& sys, correlator_config cfg);

} // namespace playclock
