#pragma once
// Training data for the win-probability model from the project's NFL game
// engine (adapters/sim): games between teams of random strength, every
// scoreboard state along the way labelled with the final result. The spread
// of a matchup is the engine's expected home margin for the two teams'
// ratings, measured by calibrate_spread().

#include <cstdint>
#include <vector>

#include "adapters/sim/teams.hpp"
#include "adapters/winprob/model.hpp"

namespace playclock::winprob {

/// Expected home margin = points_per_rating * rating_gap + intercept.
struct spread_calibration {
  double points_per_rating = 0;
  double intercept = 0;
  /// Standard deviation of the margin around that expectation.
  double margin_sd = 0;
  int games = 0;
};

/// Two teams with random ratings (normal, sd `rating_sd`, clamped to
/// +-1.5), names and stadiums of two different real teams.
struct matchup {
  sim::team_profile home;
  sim::team_profile away;
};

/// (home offense - away defense) - (away offense - home defense): what the
/// engine's play outcomes depend on.
double rating_gap(const matchup& m);

/// The matchup number `index` of a series seeded with `seed`.
matchup random_matchup(std::uint64_t seed, std::uint64_t index, double rating_sd);

/// Simulates `games` random matchups and fits the final margin on the
/// rating gap by least squares.
spread_calibration calibrate_spread(int games, std::uint64_t seed, double rating_sd);

struct engine_sample_options {
  int games = 1000;
  std::uint64_t seed = 2025;
  double rating_sd = 0.45;
  /// Seasons drawn uniformly (they pick kickoff and overtime rules).
  int first_season = 2020;
  int last_season = 2025;
  spread_calibration spread;
};

/// The scoreboard state before kick-off and after every step (final states
/// left out) of `games` simulated games, labelled with the result; a tie
/// gives each state twice with weight 0.5. Deterministic.
std::vector<sample> engine_samples(const engine_sample_options& o);

} // namespace playclock::winprob
