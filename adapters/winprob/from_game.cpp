#include "adapters/winprob/from_game.hpp"

namespace playclock::winprob {

game_state from_game(const sports::game& g, double home_spread) {
  game_state s;
  s.home_score = g.home_score;
  s.away_score = g.away_score;
  s.home_spread = home_spread;
  s.final = g.state == sports::game_state::post;
  if (g.period < 1) {
    s.period = 1;
    s.clock_seconds = 900;
  } else {
    s.period = g.period;
    s.clock_seconds = g.clock_seconds;
  }
  if (!g.now)
    return s;
  const auto& now = *g.now;
  if (!now.possession.empty() && now.possession == g.home.abbreviation)
    s.possession = 1;
  else if (!now.possession.empty() && now.possession == g.away.abbreviation)
    s.possession = -1;
  s.down = now.down;
  s.distance = now.distance;
  s.yards_to_endzone = now.yards_to_endzone;
  s.home_timeouts = now.home_timeouts;
  s.away_timeouts = now.away_timeouts;
  return s;
}

} // namespace playclock::winprob
