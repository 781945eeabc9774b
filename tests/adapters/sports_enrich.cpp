#include <catch2/catch.hpp>

#include <algorithm>

#include "adapters/sports/enrich.hpp"

using namespace playclock::sports;

namespace {

play make(std::string type, int yards, int down = 1, int distance = 10, int to_go = 60) {
  play p;
  p.id = "p";
  p.team = "GB";
  p.type = std::move(type);
  p.yards = yards;
  p.start_down = down;
  p.start_distance = distance;
  p.start_yards_to_endzone = to_go;
  p.period = 1;
  p.clock = "10:00";
  return p;
}

bool has(const std::vector<std::string>& tags, const std::string& t) {
  return std::find(tags.begin(), tags.end(), t) != tags.end();
}

} // namespace

TEST_CASE("a 20-yard gain is a big play, a 19-yard one is not", "[enrich]") {
  CHECK(has(tag_play(make("Pass Reception", 20)), "big_play"));
  CHECK_FALSE(has(tag_play(make("Pass Reception", 19)), "big_play"));
  enrich_options o;
  o.big_play_yards = 15;
  CHECK(has(tag_play(make("Rush", 15), o), "big_play"));
}

TEST_CASE("kicks are never big plays even when long", "[enrich]") {
  CHECK_FALSE(has(tag_play(make("Punt", 55)), "big_play"));
  CHECK_FALSE(has(tag_play(make("Kickoff", 65)), "big_play"));
}

TEST_CASE("a touchdown is tagged scoring and touchdown", "[enrich]") {
  auto p = make("Passing Touchdown", 12, 2, 8, 12);
  p.scoring = true;
  p.score_value = 7;
  auto tags = tag_play(p);
  CHECK(has(tags, "scoring"));
  CHECK(has(tags, "touchdown"));
  CHECK(has(tags, "red_zone"));
}

TEST_CASE("interceptions and lost fumbles are turnovers", "[enrich]") {
  CHECK(has(tag_play(make("Pass Interception Return", 0)), "turnover"));
  CHECK(has(tag_play(make("Fumble Recovery (Opponent)", -3)), "turnover"));
  CHECK_FALSE(has(tag_play(make("Rush", 3)), "turnover"));
}

TEST_CASE("the last two minutes of a half are a two-minute drill", "[enrich]") {
  auto p = make("Pass Reception", 8);
  p.period = 2;
  p.clock = "1:59";
  CHECK(has(tag_play(p), "two_minute_drill"));
  p.period = 3;
  CHECK_FALSE(has(tag_play(p), "two_minute_drill"));
  p.period = 4;
  p.clock = "2:01";
  CHECK_FALSE(has(tag_play(p), "two_minute_drill"));
}

TEST_CASE("going for it on fourth down is a fourth-down try, punting is not", "[enrich]") {
  CHECK(has(tag_play(make("Rush", 2, 4, 1, 40)), "fourth_down_try"));
  CHECK_FALSE(has(tag_play(make("Punt", 45, 4, 8, 70)), "fourth_down_try"));
  CHECK_FALSE(has(tag_play(make("Field Goal Good", 30, 4, 3, 12)), "fourth_down_try"));
}

TEST_CASE("rolling statistics keep each team's last N scrimmage plays", "[enrich]") {
  rolling_window w{3};
  for (int yards : {2, 4, 6, 30}) {
    auto p = make("Rush", yards);
    w.add(p);
  }
  auto gb = w.of("GB");
  CHECK(gb.plays == 3);
  CHECK(gb.yards_per_play == Approx((4 + 6 + 30) / 3.0));
  // 1st & 10 needs 4 yards to succeed: 4, 6 and 30 all do.
  CHECK(gb.success_rate == Approx(1.0));
  w.add(make("Punt", 50));
  CHECK(w.of("GB").plays == 3);
  CHECK(w.of("ATL").plays == 0);
}

TEST_CASE("clock strings parse into seconds", "[enrich]") {
  CHECK(clock_seconds("15:00") == 900);
  CHECK(clock_seconds("0:07") == 7);
  CHECK(clock_seconds("x:00") == -1);
  CHECK(clock_seconds("") == -1);
}
