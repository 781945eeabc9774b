#pragma once
// The feature vector of the win-probability model, without allocating: what
// features() returns, for the inner loops of fit() and evaluate().

#include <cstddef>

#include "adapters/winprob/model.hpp"

namespace playclock::winprob {

/// feature_names().size().
constexpr std::size_t feature_count = 22;

/// A state with every field in range: scores 0-999, period 1-20, clock 0-900
/// (NaN 0), possession -1/0/+1, yards 1-99, down 0-4, distance 1-99,
/// timeouts 0-3, spread -40..40 (NaN 0).
game_state clamped(const game_state&);

/// Writes the feature_count features of `s` (clamped first) to out.
void features_into(const game_state& s, double* out);

/// Seconds left in regulation (4th quarter end); in overtime, left in the
/// period. Of a clamped state.
double seconds_left(const game_state& s);

} // namespace playclock::winprob
