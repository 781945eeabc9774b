// P(home wins) from coefficients and a state.
#include <algorithm>
#include <cmath>

#include "adapters/winprob/features.hpp"

namespace playclock::winprob {

double home_win_probability(const coefficients& c, const game_state& s) {
  if (s.final) {
    const auto f = clamped(s);
    return f.home_score > f.away_score ? 1.0 : f.home_score < f.away_score ? 0.0 : 0.5;
  }
  if (c.weights.size() != feature_count)
    return 0.5;
  double x[feature_count];
  features_into(s, x);
  double z = 0;
  for (std::size_t i = 0; i < feature_count; ++i)
    z += c.weights[i] * x[i];
  if (std::isnan(z))
    return 0.5; // a NaN weight; from_json never lets one in
  z = std::min(std::max(z, -50.0), 50.0);
  const double p = 1.0 / (1.0 + std::exp(-z));
  return std::min(std::max(p, 0.001), 0.999);
}

} // namespace playclock::winprob
