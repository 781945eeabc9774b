#include <catch2/catch.hpp>

#include "adapters/sim/kicking.hpp"

using namespace playclock::sim;

TEST_CASE("field goals are near certain inside 30 yards and a coin flip past 55", "[sim]") {
  CHECK(field_goal_probability(20) >= 0.99);
  CHECK(field_goal_probability(29) >= 0.97);
  CHECK(field_goal_probability(40) == Approx(0.9).margin(0.03));
  CHECK(field_goal_probability(50) == Approx(0.67).margin(0.05));
  CHECK(field_goal_probability(55) < 0.55);
  CHECK(field_goal_probability(63) < 0.3);
  for (int d = 18; d < 65; ++d)
    CHECK(field_goal_probability(d + 1) <= field_goal_probability(d));
  for (int d = 30; d < 65; ++d)
    CHECK(field_goal_probability(d + 1) < field_goal_probability(d));
}

TEST_CASE("a strong leg makes field goals likelier and longer", "[sim]") {
  CHECK(field_goal_probability(50, 1.0) > field_goal_probability(50, 0.0));
  CHECK(field_goal_probability(50, -1.0) < field_goal_probability(50, 0.0));
  CHECK(max_field_goal_distance(1.0, false) > max_field_goal_distance(-1.0, false));
  CHECK(max_field_goal_distance(0, true) > max_field_goal_distance(0, false));
}

TEST_CASE("extra points are good about 94% of the time and two-point tries about 48%", "[sim]") {
  CHECK(extra_point_probability() == Approx(0.94).margin(0.01));
  CHECK(two_point_probability() == Approx(0.48).margin(0.01));
  rng r(5);
  int good = 0;
  for (int i = 0; i < 20000; ++i)
    good += kick_field_goal(33, 0, r).good ? 1 : 0;
  CHECK(good / 20000.0 == Approx(field_goal_probability(33)).margin(0.01));
}

TEST_CASE("kickoff rules follow the season", "[sim]") {
  CHECK(kickoff_rules_for(2020).touchback_line == 25);
  CHECK_FALSE(kickoff_rules_for(2020).dynamic);
  CHECK(kickoff_rules_for(2024).touchback_line == 30);
  CHECK(kickoff_rules_for(2025).touchback_line == 35);
  CHECK(kickoff_rules_for(2025).dynamic);
  rng r(9);
  int touchbacks = 0;
  for (int i = 0; i < 5000; ++i) {
    auto k = kick_off(kickoff_rules_for(2025), 35, false, r);
    touchbacks += k.touchback ? 1 : 0;
    if (k.touchback)
      CHECK(k.yards_to_endzone == 65);
    else if (!k.touchdown)
      CHECK((k.yards_to_endzone >= 1 && k.yards_to_endzone <= 99));
  }
  CHECK(touchbacks / 5000.0 == Approx(0.22).margin(0.03));
}

TEST_CASE("a free kick after a safety is never a touchback", "[sim]") {
  rng r(11);
  for (int i = 0; i < 2000; ++i) {
    auto k = kick_off(kickoff_rules_for(2025), 20, false, r);
    CHECK_FALSE(k.touchback);
    CHECK(k.landing > 0);
  }
}

TEST_CASE("punts from deep travel about 45 yards, near midfield they are pooched", "[sim]") {
  rng r(3);
  double gross = 0;
  for (int i = 0; i < 5000; ++i) {
    auto p = punt(80, r);
    gross += p.gross;
    if (!p.touchdown)
      CHECK((p.yards_to_endzone >= 1 && p.yards_to_endzone <= 99));
  }
  CHECK(gross / 5000 == Approx(46).margin(2));
  int inside_20 = 0;
  int n = 0;
  for (int i = 0; i < 5000; ++i) {
    auto p = punt(45, r);
    if (p.how != punt_result::end::touchback && !p.touchdown) {
      ++n;
      inside_20 += p.yards_to_endzone >= 80 ? 1 : 0;
    }
  }
  CHECK(inside_20 > n / 2);
}
