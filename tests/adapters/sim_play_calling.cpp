#include <catch2/catch.hpp>

#include "adapters/sim/play_calling.hpp"

using namespace playclock::sim;

namespace {

decision_context fourth(int distance, int yards_to_endzone) {
  decision_context c;
  c.down = 4;
  c.distance = distance;
  c.yards_to_endzone = yards_to_endzone;
  c.period = 2;
  c.clock = 600;
  return c;
}

} // namespace

TEST_CASE("fourth and long deep in the own half is a punt", "[sim]") {
  CHECK(decide_fourth_down(fourth(10, 80)) == fourth_down_choice::punt);
  CHECK(decide_fourth_down(fourth(5, 70)) == fourth_down_choice::punt);
  CHECK(decide_fourth_down(fourth(3, 60)) == fourth_down_choice::punt);
}

TEST_CASE("fourth down in field goal range is a field goal unless it is short", "[sim]") {
  CHECK(decide_fourth_down(fourth(6, 20)) == fourth_down_choice::field_goal);
  CHECK(decide_fourth_down(fourth(8, 30)) == fourth_down_choice::field_goal);
  CHECK(decide_fourth_down(fourth(1, 20)) == fourth_down_choice::go);
  CHECK(decide_fourth_down(fourth(1, 2)) == fourth_down_choice::go);
}

TEST_CASE("fourth and short past midfield is a go, not in the own end", "[sim]") {
  CHECK(decide_fourth_down(fourth(1, 45)) == fourth_down_choice::go);
  CHECK(decide_fourth_down(fourth(2, 40)) == fourth_down_choice::go);
  CHECK(decide_fourth_down(fourth(1, 75)) == fourth_down_choice::punt);
}

TEST_CASE("a team trailing late goes for it where it would otherwise punt", "[sim]") {
  auto c = fourth(6, 70);
  c.period = 4;
  c.clock = 100;
  c.score_diff = -5;
  CHECK(decide_fourth_down(c) == fourth_down_choice::go);
  c.score_diff = -2; // in range a field goal wins
  c.yards_to_endzone = 25;
  CHECK(decide_fourth_down(c) == fourth_down_choice::field_goal);
  c.score_diff = 5; // leading: punt it away
  c.yards_to_endzone = 70;
  CHECK(decide_fourth_down(c) == fourth_down_choice::punt);
  auto ot = fourth(6, 70);
  ot.period = 5;
  ot.score_diff = -7;
  ot.must_score = true;
  CHECK(decide_fourth_down(ot) == fourth_down_choice::go);
}

TEST_CASE("a trailing team with the ball late hurries, throws and spends timeouts", "[sim]") {
  decision_context c;
  c.period = 4;
  c.clock = 110;
  c.score_diff = -4;
  c.yards_to_endzone = 60;
  c.down = 1;
  c.clock_running = true;
  CHECK(choose_tempo(c) == tempo::hurry);
  CHECK(pass_probability(c) >= 0.85);
  CHECK(offense_calls_timeout(c));
  decision_context normal = c;
  normal.period = 2;
  normal.clock = 600;
  normal.score_diff = 0;
  CHECK(pass_probability(normal) < 0.6);
  CHECK_FALSE(offense_calls_timeout(normal));
  c.offense_timeouts = 0;
  c.clock = 30;
  CHECK(should_spike(c));
  rng r(1);
  int sideline = 0;
  for (int i = 0; i < 1000; ++i) {
    auto call = choose_play(c, r);
    sideline += call.kind == call_kind::pass && call.sideline ? 1 : 0;
  }
  CHECK(sideline > 300);
}

TEST_CASE("a leading team runs and drains the clock, its opponent calls timeouts", "[sim]") {
  decision_context c;
  c.period = 4;
  c.clock = 170;
  c.score_diff = 6;
  c.yards_to_endzone = 60;
  c.clock_running = true;
  CHECK(choose_tempo(c) == tempo::drain);
  CHECK(pass_probability(c) < 0.3);
  CHECK(defense_calls_timeout(c));
}

TEST_CASE("the leader kneels when the kneels run out the clock", "[sim]") {
  decision_context c;
  c.period = 4;
  c.score_diff = 3;
  c.down = 1;
  c.yards_to_endzone = 70;
  c.defense_timeouts = 0;
  c.clock = 115;
  CHECK(should_kneel(c)); // three kneels, 40 seconds after each
  c.clock = 130;
  CHECK_FALSE(should_kneel(c));
  c.clock = 80;
  c.defense_timeouts = 1;
  CHECK(should_kneel(c));
  c.defense_timeouts = 3;
  CHECK_FALSE(should_kneel(c));
  c.clock = 5;
  CHECK(should_kneel(c));
  c.score_diff = -3; // trailing teams never kneel in the fourth quarter
  CHECK_FALSE(should_kneel(c));
  rng r(2);
  c.score_diff = 3;
  CHECK(choose_play(c, r).kind == call_kind::kneel);
}

TEST_CASE("the half ends with a field goal try when in range", "[sim]") {
  decision_context c;
  c.period = 2;
  c.clock = 4;
  c.down = 2;
  c.yards_to_endzone = 30;
  rng r(3);
  CHECK(choose_play(c, r).kind == call_kind::field_goal);
  c.yards_to_endzone = 55; // out of range: a heave to the end zone
  auto call = choose_play(c, r);
  CHECK(call.kind == call_kind::pass);
  CHECK(call.hail_mary);
}

TEST_CASE("two-point tries follow the chart late in games", "[sim]") {
  CHECK(go_for_two(-2, 4, 300));
  CHECK(go_for_two(-5, 4, 300));
  CHECK(go_for_two(1, 4, 300));
  CHECK_FALSE(go_for_two(0, 4, 300));
  CHECK_FALSE(go_for_two(-1, 4, 300));
  CHECK_FALSE(go_for_two(-2, 1, 300));
  CHECK(onside_kick(-7, 4, 60));
  CHECK_FALSE(onside_kick(-7, 4, 600));
  CHECK_FALSE(onside_kick(3, 4, 60));
}

TEST_CASE("pass probability follows down and distance", "[sim]") {
  decision_context c;
  c.down = 3;
  c.distance = 9;
  double long_third = pass_probability(c);
  c.distance = 1;
  double short_third = pass_probability(c);
  CHECK(long_third > 0.85);
  CHECK(short_third < 0.45);
  c.down = 1;
  c.distance = 10;
  CHECK(pass_probability(c) == Approx(0.5).margin(0.1));
}
