#include "actors/correlation/implied_spread.hpp"

#include <algorithm>

namespace playclock::correlation {

double implied_home_spread(const winprob::coefficients& model, winprob::game_state state,
                           double home_probability) {
  double target = std::clamp(home_probability, 0.02, 0.98);
  double lo = -40;
  double hi = 40;
  // The model's home probability rises with the home spread.
  for (int i = 0; i < 40; ++i) {
    double mid = (lo + hi) / 2;
    state.home_spread = mid;
    if (winprob::home_win_probability(model, state) < target)
      lo = mid;
    else
      hi = mid;
  }
  return (lo + hi) / 2;
}

} // namespace playclock::correlation
