// The built-in win-probability coefficients, version 1: fitted on
// simulated games, never on the real play-by-play they are evaluated on.
//
// Produced by bench/wp_fit with its defaults (docs/WINPROB.md):
//
//   cmake --build build --target wp_fit && build/bench/wp_fit
//   (= wp_fit 20000 2025 10000 2000 0.001)
//
// 10,000 random matchups measured the spread (the engine's expected home
// margin per point of rating gap), then 20,000 more, 3,627,743 scoreboard
// states labelled with the final result, were the training set of fit()
// (l2 0.001). Holdout (2,000 other games): log loss 0.4397, Brier 0.1457,
// ECE 0.0163.
//
// To change the model: new features mean a new feature list (from_json
// refuses old coefficients), new numbers mean a new version.
#include <iterator>

#include "adapters/winprob/features.hpp"

namespace playclock::winprob {

namespace {

// spread = 5.915408 * rating_gap +0.151449 (margin sd 11.804)
const double weights[] = {
    -0.036636296268105918,  // bias
    0.10193286615802791,    // score_diff
    0.036346964191982398,   // score_diff_time
    0.15428431738391774,    // spread_time
    -0.0087640846568876295, // spread_fraction
    0.048641244300664487,   // possession
    0.18687188274495034,    // possession_time
    0.23517255372771437,    // possession_field_time
    0.098389092016976265,   // possession_field
    -0.072851001681598346,  // possession_third_down_time
    -0.20542028752525573,   // possession_fourth_down_time
    -0.03937904723930067,   // possession_distance_time
    -0.22614674659074177,   // possession_kickoff_time
    0.12089417708423456,    // timeouts_late
    0.59200191172614691,    // lead_4_late
    1.0866574102996533,     // lead_9_late
    0.01772432910203,       // overtime
    0.26148637342645542,    // overtime_possession
    -0.64417872060768866,   // ball_within_3_final_2min
    0.93108037161445389,    // ball_within_3_field_goal_range_final_2min
    0.46914249593452489,    // ball_down_4_to_8_final_2min
    2.7518621423668885,     // ball_ahead_final_2min
};

static_assert(sizeof weights / sizeof weights[0] == feature_count, "one weight per feature");

} // namespace

const coefficients& builtin() {
  static const coefficients c{"nfl_wp", 1,
                              std::vector<double>(std::begin(weights), std::end(weights))};
  return c;
}

} // namespace playclock::winprob
