#include <catch2/catch.hpp>

#include <string>

#include "adapters/winprob/stored_state.hpp"

using namespace playclock;

TEST_CASE("a stored row becomes the model's game state", "[winprob]") {
  winprob::stored_row r;
  r.home_team = "KC";
  r.away_team = "BUF";
  r.home_score = 17;
  r.away_score = 20;
  r.period = 4;
  r.clock = "2:05";
  r.possession = "BUF";
  r.down = 3;
  r.distance = 7;
  r.yards_to_endzone = 42;
  auto s = winprob::state_of(r);
  CHECK(s.period == 4);
  CHECK(s.clock_seconds == 125);
  CHECK(s.possession == -1);
  CHECK(s.down == 3);
  CHECK(s.distance == 7);
  CHECK(s.yards_to_endzone == 42);
  CHECK(s.home_score == 17);
  CHECK_FALSE(s.final);

  r.possession = "KC";
  CHECK(winprob::state_of(r).possession == 1);
  r.possession = "";
  CHECK(winprob::state_of(r).possession == 0);

  // Pre-game, a malformed clock, unknown field position, no down.
  winprob::stored_row pre;
  pre.home_team = "KC";
  pre.away_team = "BUF";
  pre.clock = "soon";
  auto p = winprob::state_of(pre);
  CHECK(p.period == 1);
  CHECK(p.clock_seconds == 900);
  CHECK(p.yards_to_endzone == 75);
  CHECK(p.distance == 0);
  r.period = 2;
  r.clock = "nonsense";
  CHECK(winprob::state_of(r).clock_seconds == 900);
}

TEST_CASE("the held-out games are a stable share of the ids", "[winprob]") {
  int out = 0;
  for (int i = 0; i < 2000; ++i) {
    auto id = "40154" + std::to_string(i);
    bool a = winprob::held_out(id, 20);
    CHECK(a == winprob::held_out(id, 20));
    CHECK_FALSE(winprob::held_out(id, 0));
    CHECK(winprob::held_out(id, 100));
    out += a ? 1 : 0;
  }
  CHECK(out > 300);
  CHECK(out < 500);
}
