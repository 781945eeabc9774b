#pragma once
// The pre-game spread a market price implies: the spread at which the
// win-probability model gives the home team the market's probability in the
// given game state. Plain C++ (used by the correlator).

#include "adapters/winprob/model.hpp"

namespace playclock::correlation {

/// Bisection over [-40, 40] points; the home probability is clamped to
/// [0.02, 0.98] first so a one-sided market does not push it to the bounds.
double implied_home_spread(const winprob::coefficients& model, winprob::game_state state,
                           double home_probability);

} // namespace playclock::correlation
