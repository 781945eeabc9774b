// The built-in win-probability model: in range for any input, and the
// football sense the features are built for.
#include <catch2/catch.hpp>

#include <climits>
#include <cmath>
#include <limits>

#include "adapters/winprob/features.hpp"
#include "adapters/winprob/model.hpp"

using namespace playclock::winprob;

namespace {

game_state at(int period, double clock, int home, int away) {
  game_state s;
  s.period = period;
  s.clock_seconds = clock;
  s.home_score = home;
  s.away_score = away;
  return s;
}

double wp(const game_state& s) {
  return home_win_probability(builtin(), s);
}

} // namespace

TEST_CASE("winprob builtin coefficients match the feature list", "[winprob]") {
  CHECK(builtin().name == "nfl_wp");
  CHECK(builtin().version == 1);
  REQUIRE(builtin().weights.size() == feature_names().size());
  CHECK(feature_names().size() == feature_count);
  CHECK(features(game_state{}).size() == feature_count);
  for (double w : builtin().weights)
    CHECK(std::isfinite(w));
  // Not a placeholder: the score and possession terms carry weight.
  CHECK(wp(at(4, 60, 24, 17)) > 0.9);
}

TEST_CASE("winprob probabilities stay in range and are never NaN for hostile input", "[winprob]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<game_state> states;
  for (int period : {INT_MIN, -1, 0, 1, 2, 3, 4, 5, 6, 99, INT_MAX})
    for (double clock : {-inf, -100.0, 0.0, 0.5, 450.0, 900.0, 5000.0, inf, nan})
      for (int down : {INT_MIN, -1, 0, 1, 3, 4, 7, INT_MAX}) {
        game_state s;
        s.period = period;
        s.clock_seconds = clock;
        s.down = down;
        // Hostile, but without overflowing int in the test itself.
        s.distance = down / 29 * 13;
        s.yards_to_endzone = down / 31 * 29;
        s.possession = down;
        s.home_score = period;
        s.away_score = period == INT_MIN ? INT_MAX : -period;
        s.home_timeouts = down;
        s.away_timeouts = down == INT_MIN ? INT_MAX : -down;
        s.home_spread = clock;
        states.push_back(s);
      }
  for (int score : {INT_MIN, -7, 0, 3, 1000, INT_MAX}) {
    game_state s = at(4, 30, score, 10);
    s.home_spread = -inf;
    states.push_back(s);
  }
  for (const auto& s : states) {
    const double p = wp(s);
    REQUIRE(!std::isnan(p));
    REQUIRE(p >= 0.001);
    REQUIRE(p <= 0.999);
    for (double x : features(s))
      REQUIRE(std::isfinite(x));
  }
  // Coefficients that make no sense give an answer that is still a probability.
  coefficients bad = builtin();
  bad.weights[2] = nan;
  CHECK(home_win_probability(bad, at(2, 300, 10, 3)) == 0.5);
  bad.weights[2] = inf;
  bad.weights[1] = -inf;
  const double p = home_win_probability(bad, at(2, 300, 10, 3));
  CHECK(p >= 0.001);
  CHECK(p <= 0.999);
  coefficients short_set{"x", 1, {1.0, 2.0}};
  CHECK(home_win_probability(short_set, at(2, 300, 10, 3)) == 0.5);
}

TEST_CASE("winprob final games are 1, 0 or 0.5 by the score", "[winprob]") {
  game_state s = at(4, 0, 20, 17);
  s.final = true;
  s.home_spread = -14;
  s.possession = -1;
  CHECK(wp(s) == 1.0);
  s.home_score = 3;
  CHECK(wp(s) == 0.0);
  s.home_score = 17;
  s.period = 5;
  CHECK(wp(s) == 0.5);
  // Even with coefficients of the wrong size.
  CHECK(home_win_probability(coefficients{}, s) == 0.5);
}

TEST_CASE("winprob a bigger lead gives a higher probability", "[winprob]") {
  for (int period : {1, 2, 3, 4})
    for (double clock : {900.0, 420.0, 60.0}) {
      double last = 0;
      for (int lead = -28; lead <= 28; ++lead) {
        game_state s = at(period, clock, 28 + lead, 28);
        s.possession = 0;
        const double p = wp(s);
        INFO("period " << period << " clock " << clock << " lead " << lead);
        CHECK(p >= last);
        last = p;
      }
      CHECK(wp(at(period, clock, 24, 17)) > wp(at(period, clock, 17, 17)) + 0.05);
      CHECK(wp(at(period, clock, 17, 17)) > wp(at(period, clock, 17, 24)) + 0.05);
    }
}

TEST_CASE("winprob the same lead with less time left is further from 0.5", "[winprob]") {
  for (int lead : {-10, -7, -3, 3, 7, 10}) {
    double last = 0;
    for (int left = 3600; left >= 0; left -= 60) {
      const int period = left == 0 ? 4 : 4 - (left - 1) / 900;
      const double clock = left - (4 - period) * 900.0;
      game_state s = at(period, clock, 20 + lead, 20);
      s.possession = 0;
      const double away_from_half = std::abs(wp(s) - 0.5);
      INFO("lead " << lead << " seconds left " << left);
      CHECK(away_from_half >= last - 1e-9);
      last = away_from_half;
    }
    CHECK(last > 0.4);
  }
}

TEST_CASE("winprob the ball near the opponent's goal helps its team", "[winprob]") {
  for (double clock : {900.0, 300.0, 45.0}) {
    game_state s = at(4, clock, 17, 17);
    s.possession = 1;
    s.down = 1;
    s.distance = 10;
    double last = 0;
    for (int ytg = 99; ytg >= 1; --ytg) {
      s.yards_to_endzone = ytg;
      s.distance = std::min(10, ytg);
      const double p = wp(s);
      INFO("clock " << clock << " yards to go " << ytg);
      CHECK(p >= last - 1e-9);
      last = p;
    }
    s.yards_to_endzone = 10;
    const double home_ball = wp(s);
    s.possession = -1;
    const double away_ball = wp(s);
    CHECK(home_ball > 0.5);
    CHECK(away_ball < 0.5);
    CHECK(home_ball - away_ball > 0.1);
  }
}

TEST_CASE("winprob the pre-game spread decides the opening and fades late", "[winprob]") {
  game_state s = at(1, 900, 0, 0);
  s.possession = 0;
  CHECK(wp(s) == Approx(0.5).margin(0.05));
  s.home_spread = 7;
  const double fav = wp(s);
  CHECK(fav > 0.65);
  CHECK(fav < 0.85);
  s.home_spread = -7;
  CHECK(wp(s) == Approx(1 - fav).margin(0.03));
  // Up 7 with 30 seconds left and the ball: the line hardly matters.
  game_state late = at(4, 30, 21, 14);
  late.possession = 1;
  late.home_spread = -10;
  const double dog = wp(late);
  late.home_spread = 10;
  CHECK(std::abs(wp(late) - dog) < 0.02);
  CHECK(dog > 0.95);
}
