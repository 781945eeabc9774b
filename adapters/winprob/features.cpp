// The model's features. The idea (docs/WINPROB.md): the home team's final
// margin is the current one, plus what the spread says about the time left,
// plus what possession is worth; its spread shrinks with the square root of
// the time left. So the main features are "points" divided by
// sqrt(fraction of the game left), plus raw versions and a few late-game
// corrections the smooth form misses (one- and two-score leads, timeouts).
#include <algorithm>
#include <cmath>

#include "adapters/winprob/features.hpp"

namespace playclock::winprob {

namespace {

// Keep the time scales finite at 0:00. The score's uses 0.0025 of a game (9
// seconds); possession's a larger one (0.03, 108 seconds): one possession is
// worth a few points however little time is left, it does not grow without
// bound the way a lead's certainty does.
constexpr double score_floor = 0.0025;
constexpr double possession_floor = 0.03;

int clamp_int(int v, int lo, int hi) {
  return std::min(std::max(v, lo), hi);
}

double clamp_double(double v, double lo, double hi, double if_nan) {
  if (std::isnan(v))
    return if_nan;
  return std::min(std::max(v, lo), hi);
}

int sign(int v) {
  return (v > 0) - (v < 0);
}

} // namespace

const std::vector<std::string>& feature_names() {
  static const std::vector<std::string> names = {
      "bias",
      "score_diff",
      "score_diff_time",
      "spread_time",
      "spread_fraction",
      "possession",
      "possession_time",
      "possession_field_time",
      "possession_field",
      "possession_third_down_time",
      "possession_fourth_down_time",
      "possession_distance_time",
      "possession_kickoff_time",
      "timeouts_late",
      "lead_4_late",
      "lead_9_late",
      "overtime",
      "overtime_possession",
      "ball_within_3_final_2min",
      "ball_within_3_field_goal_range_final_2min",
      "ball_down_4_to_8_final_2min",
      "ball_ahead_final_2min",
  };
  return names;
}

game_state clamped(const game_state& in) {
  game_state s = in;
  s.home_score = clamp_int(in.home_score, 0, 999);
  s.away_score = clamp_int(in.away_score, 0, 999);
  s.period = clamp_int(in.period, 1, 20);
  s.clock_seconds = clamp_double(in.clock_seconds, 0, 900, 0);
  s.possession = sign(in.possession);
  s.yards_to_endzone = clamp_int(in.yards_to_endzone, 1, 99);
  s.down = clamp_int(in.down, 0, 4);
  s.distance = clamp_int(in.distance, 1, 99);
  s.home_timeouts = clamp_int(in.home_timeouts, 0, 3);
  s.away_timeouts = clamp_int(in.away_timeouts, 0, 3);
  s.home_spread = clamp_double(in.home_spread, -40, 40, 0);
  return s;
}

double seconds_left(const game_state& s) {
  if (s.period >= 5)
    return s.clock_seconds;
  return (4 - s.period) * 900.0 + s.clock_seconds;
}

std::vector<double> features(const game_state& s) {
  std::vector<double> out(feature_count);
  features_into(s, out.data());
  return out;
}

void features_into(const game_state& in, double* x) {
  const game_state s = clamped(in);
  const double left = seconds_left(s) / 3600.0; // fraction of regulation left
  const double scale = 1.0 / std::sqrt(left + score_floor);
  const double pscale = 1.0 / std::sqrt(left + possession_floor);
  const double diff = s.home_score - s.away_score;
  const double poss = s.possession;
  const bool ot = s.period >= 5;
  // The fourth quarter (and overtime) ramps from 0 to 1 as it runs out.
  const double late = s.period >= 4 ? 1.0 - s.clock_seconds / 900.0 : 0.0;
  // ... and its last two minutes.
  const double final2 = s.period >= 4 ? std::max(0.0, 1.0 - s.clock_seconds / 120.0) : 0.0;
  // The margin from the side of the team with the ball.
  const double ball_diff = poss * diff;
  const double field = (50.0 - s.yards_to_endzone) / 50.0; // +1 at the goal, -1 at own goal
  const bool snap = s.down >= 1;
  auto lead = [&](int points) { return diff >= points ? 1.0 : diff <= -points ? -1.0 : 0.0; };
  x[0] = 1.0;
  x[1] = diff;
  x[2] = diff * scale;
  x[3] = s.home_spread * left * scale;
  x[4] = s.home_spread * left;
  x[5] = poss;
  x[6] = poss * pscale;
  x[7] = poss * field * pscale;
  x[8] = poss * field;
  x[9] = s.down == 3 ? poss * pscale : 0.0;
  x[10] = s.down == 4 ? poss * pscale : 0.0;
  x[11] = snap ? poss * (std::min(s.distance, 20) - 10) / 10.0 * pscale : 0.0;
  x[12] = snap ? 0.0 : poss * pscale;
  x[13] = (s.home_timeouts - s.away_timeouts) * late;
  x[14] = lead(4) * late;
  x[15] = lead(9) * late;
  x[16] = ot ? 1.0 : 0.0;
  x[17] = ot ? poss : 0.0;
  // Late-game situations from the side of the team with the ball (times
  // poss, so they read from the home side): a field goal ties or wins; a
  // field goal from here; it needs a touchdown; it can run out the clock.
  const bool within_3 = poss != 0 && ball_diff >= -3 && ball_diff <= 0;
  x[18] = within_3 ? poss * final2 : 0.0;
  x[19] = within_3 && snap && s.yards_to_endzone <= 35 ? poss * final2 : 0.0;
  x[20] = ball_diff >= -8 && ball_diff <= -4 ? poss * final2 : 0.0;
  x[21] = ball_diff > 0 ? poss * final2 : 0.0;
}

} // namespace playclock::winprob
