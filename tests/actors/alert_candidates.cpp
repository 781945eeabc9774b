#include <catch2/catch.hpp>

#include "actors/alerts/candidates.hpp"
#include "tests/actors/alert_fixture.hpp"

using namespace playclock;
using alerts::alert_type;

TEST_CASE("a score event is a score candidate keyed by game and scoring team",
          "[alerts][candidates]") {
  auto cs = alert_candidates::of(test::make_score("g1", "KC", 17, 21));
  REQUIRE(cs.size() == 1);
  CHECK(cs[0].type == alert_type::score);
  CHECK(cs[0].key == "g1:KC");
  CHECK(cs[0].event_id == "21-17");
  CHECK(cs[0].message == "Chiefs 21 @ Bills 17 - Chiefs score 7 points! Q3 8:24");

  SECTION("a correction down is no alert") {
    auto e = test::make_score("g1", "KC", 17, 14);
    e.previous_away_score = 21;
    CHECK(alert_candidates::of(e).empty());
  }
  SECTION("without a scoring team, the team whose score went up scored") {
    auto e = test::make_score("g1", "BUF", 20, 21);
    e.scoring_team.clear();
    e.previous_home_score = 17;
    auto xs = alert_candidates::of(e);
    REQUIRE(xs.size() == 1);
    CHECK(xs[0].key == "g1:BUF");
  }
}

TEST_CASE("a play is a big play, a turnover, both or nothing by its tags", "[alerts][candidates]") {
  play_added p;
  p.game_id = "g1";
  p.home = "BUF";
  p.away = "KC";
  p.play.id = "p9";
  p.play.team = "KC";
  p.play.yards = 30;
  p.tags = {"big_play", "turnover", "scoring"};
  auto cs = alert_candidates::of(p);
  REQUIRE(cs.size() == 2);
  CHECK(cs[0].type == alert_type::big_play);
  CHECK(cs[1].type == alert_type::turnover);
  CHECK(cs[0].event_id == "p9");
  p.tags = {"penalty"};
  CHECK(alert_candidates::of(p).empty());
}

TEST_CASE("only a change into Out, Doubtful or IR is an injury alert", "[alerts][candidates]") {
  auto report = [](std::string status, std::string previous) {
    injury_reported e;
    e.game_id = "g1";
    e.injury.team = "BUF";
    e.injury.player_id = "42";
    e.injury.player_name = "S.Diggs";
    e.injury.status = std::move(status);
    e.previous_status = std::move(previous);
    return alert_candidates::of(e);
  };
  CHECK(report("Out", "Questionable").size() == 1);
  CHECK(report("Out", "").size() == 1);
  CHECK(report("Doubtful", "Questionable").size() == 1);
  CHECK(report("Injured Reserve", "Out").size() == 1);
  CHECK(report("IR", "").size() == 1);
  CHECK(report("Questionable", "").empty());
  CHECK(report("Active", "Out").empty());
  CHECK(report("OUT", "out").empty());
  auto c = report("Out", "Questionable");
  CHECK(c[0].key == "BUF:42");
  CHECK(c[0].event_id != report("Out", "").at(0).event_id);
}

TEST_CASE("market events are spike, correlation and edge candidates", "[alerts][candidates]") {
  price_moved m;
  m.ticker = "T-KC";
  m.link = {"g1", "KC", false};
  m.before = 0.42;
  m.after = 0.55;
  m.observed_at_ms = 1234;
  auto spike = alert_candidates::of(m);
  REQUIRE(spike.size() == 1);
  CHECK(spike[0].type == alert_type::price_spike);
  CHECK(spike[0].key == "T-KC");
  CHECK(spike[0].teams == std::vector<std::string>{"KC"});
  CHECK(spike[0].level == alerts::impact::high);

  correlation_measured c;
  c.game_id = "g1";
  c.home = "BUF";
  c.away = "KC";
  c.play_id = "p1";
  c.play_team = "KC";
  c.tags = {"big_play", "touchdown"};
  c.ticker = "T-KC";
  c.before = 0.40;
  c.after = 0.65;
  c.points = 25;
  c.impact = "extreme";
  auto corr = alert_candidates::of(c);
  REQUIRE(corr.size() == 1);
  CHECK(corr[0].type == alert_type::correlation);
  CHECK(corr[0].level == alerts::impact::extreme);
  CHECK(corr[0].urgency == alerts::priority::high);
  CHECK_THAT(corr[0].message, Catch::Contains("touchdown"));

  edge_detected e;
  e.ticker = "T-KC";
  e.link = {"g1", "KC", false};
  e.market_probability = 0.40;
  e.model_probability = 0.58;
  e.model = "wp";
  e.model_version = 3;
  e.at_ms = 99;
  auto edge = alert_candidates::of(e);
  REQUIRE(edge.size() == 1);
  CHECK(edge[0].type == alert_type::edge);
  CHECK(edge[0].event_id == "99");
}
