// Candidate builders: exact messages, keys, levels and JSON payloads.
#include <catch2/catch.hpp>

#include <cmath>

#include <rapidjson/document.h>

#include "adapters/alerts/format.hpp"

using namespace playclock::alerts;

namespace {

const std::string ticker = "KXNFLGAME-25SEP07KCBUF-KC";

score_fact chiefs_score() {
  score_fact f;
  f.game_id = "401547417";
  f.home = "BUF";
  f.away = "KC";
  f.home_score = 17;
  f.away_score = 21;
  f.scoring_team = "KC";
  f.points = 7;
  f.period = 3;
  f.clock = "8:24";
  f.event_id = "4015474170123";
  return f;
}

play_fact chiefs_play() {
  play_fact f;
  f.game_id = "401547417";
  f.home = "KC";
  f.away = "BUF";
  f.home_score = 21;
  f.away_score = 17;
  f.team = "KC";
  f.description = "P.Mahomes pass deep right to T.Kelce";
  f.play_type = "Pass Reception";
  f.yards = 45;
  f.period = 2;
  f.clock = "3:10";
  f.play_id = "4015474170456";
  f.tags = {"big_play"};
  return f;
}

rapidjson::Document parsed(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  return doc;
}

} // namespace

TEST_CASE("team nicknames come from the NFL table, else the abbreviation", "[alerts]") {
  CHECK(team_nickname("KC") == "Chiefs");
  CHECK(team_nickname("kc") == "Chiefs");
  CHECK(team_nickname("SF") == "49ers");
  CHECK(team_nickname("WSH") == "Commanders");
  CHECK(team_nickname("WAS") == "Commanders");
  CHECK(team_nickname("LA") == "Rams");
  CHECK(team_nickname("JAC") == "Jaguars");
  CHECK(team_nickname("XYZ") == "XYZ");
  CHECK(team_nickname("") == "");
}

TEST_CASE("periods read Q1 to Q4 then OT", "[alerts]") {
  CHECK(period_label(1) == "Q1");
  CHECK(period_label(4) == "Q4");
  CHECK(period_label(5) == "OT");
  CHECK(period_label(6) == "OT");
  CHECK(period_label(0) == "");
}

TEST_CASE("a score reads away at home, the scorer, the points and the time", "[alerts]") {
  auto c = score_candidate(chiefs_score());
  CHECK(c.type == alert_type::score);
  CHECK(c.message == "Chiefs 21 @ Bills 17 - Chiefs score 7 points! Q3 8:24");
  CHECK(c.key == "401547417:KC");
  CHECK(c.event_id == "4015474170123");
  CHECK(c.game_id == "401547417");
  CHECK(c.teams == std::vector<std::string>{"BUF", "KC"});
  CHECK_FALSE(c.level);
  CHECK(c.urgency == priority::normal);
}

TEST_CASE("a score in overtime, of one point, or without a time reads right", "[alerts]") {
  auto f = chiefs_score();
  f.period = 5;
  f.clock = "10:00";
  CHECK(score_candidate(f).message == "Chiefs 21 @ Bills 17 - Chiefs score 7 points! OT 10:00");
  f.period = 6;
  f.clock = "";
  CHECK(score_candidate(f).message == "Chiefs 21 @ Bills 17 - Chiefs score 7 points! OT");
  f.points = 1;
  f.period = 0;
  CHECK(score_candidate(f).message == "Chiefs 21 @ Bills 17 - Chiefs score 1 point!");
}

TEST_CASE("a score by unknown teams shows their abbreviations", "[alerts]") {
  score_fact f;
  f.game_id = "sim-1";
  f.home = "HAM";
  f.away = "kc";
  f.home_score = 3;
  f.away_score = 0;
  f.scoring_team = "HAM";
  f.points = 3;
  f.period = 1;
  f.clock = "0:01";
  auto c = score_candidate(f);
  CHECK(c.message == "Chiefs 0 @ HAM 3 - HAM score 3 points! Q1 0:01");
  CHECK(c.key == "sim-1:HAM");
  CHECK(c.teams == std::vector<std::string>{"HAM", "KC"});
}

TEST_CASE("a score's payload holds the fact's fields", "[alerts]") {
  auto doc = parsed(score_candidate(chiefs_score()).payload_json);
  CHECK(doc["type"] == "score");
  CHECK(doc["game_id"] == "401547417");
  CHECK(doc["home"] == "BUF");
  CHECK(doc["away"] == "KC");
  CHECK(doc["home_score"] == 17);
  CHECK(doc["away_score"] == 21);
  CHECK(doc["scoring_team"] == "KC");
  CHECK(doc["points"] == 7);
  CHECK(doc["period"] == 3);
  CHECK(doc["clock"] == "8:24");
  CHECK(doc["event_id"] == "4015474170123");
}

TEST_CASE("a big play reads the team, the yards and the play", "[alerts]") {
  auto c = big_play_candidate(chiefs_play());
  CHECK(c.type == alert_type::big_play);
  CHECK(c.message == "Bills 17 @ Chiefs 21 - Big play: Chiefs gain 45 yards (P.Mahomes pass deep "
                     "right to T.Kelce) Q2 3:10");
  CHECK(c.key == "401547417");
  CHECK(c.event_id == "4015474170456");
  CHECK(c.teams == std::vector<std::string>{"KC", "BUF"});
  auto f = chiefs_play();
  f.yards = 1;
  f.description.clear();
  f.period = 7;
  CHECK(big_play_candidate(f).message == "Bills 17 @ Chiefs 21 - Big play: Chiefs gain 1 yard OT "
                                         "3:10");
  auto doc = parsed(big_play_candidate(chiefs_play()).payload_json);
  CHECK(doc["type"] == "big_play");
  CHECK(doc["yards"] == 45);
  CHECK(doc["play_id"] == "4015474170456");
  CHECK(doc["tags"][0] == "big_play");
}

TEST_CASE("a turnover names the team that lost the ball and how", "[alerts]") {
  auto f = chiefs_play();
  f.team = "BUF";
  f.play_type = "Pass Interception Return";
  f.description = "J.Allen pass short left INTERCEPTED by T.McDuffie";
  f.yards = 0;
  auto c = turnover_candidate(f);
  CHECK(c.type == alert_type::turnover);
  CHECK(c.message == "Bills 17 @ Chiefs 21 - Turnover: Bills lose the ball (interception) Q2 3:10");
  CHECK(c.key == "401547417");
  CHECK(parsed(c.payload_json)["kind"] == "interception");

  f.play_type = "Fumble Recovery (Opponent)";
  f.description = "J.Cook up the middle, FUMBLES, RECOVERED by KC-N.Bolton";
  CHECK(turnover_kind(f) == "fumble");
  f.play_type = "Rush";
  f.description = "J.Allen up the middle to KC 40 for no gain. Turnover on downs.";
  CHECK(turnover_kind(f) == "turnover on downs");
  f.play_type = "Blocked Punt";
  f.description = "";
  CHECK(turnover_kind(f) == "blocked kick");

  f.play_type = "Pass";
  f.description = "odd play";
  CHECK(turnover_kind(f) == "");
  CHECK(turnover_candidate(f).message ==
        "Bills 17 @ Chiefs 21 - Turnover: Bills lose the ball (odd play) Q2 3:10");
}

TEST_CASE("an injury reads team, position, player, status, detail and the old status", "[alerts]") {
  injury_fact f;
  f.team = "BUF";
  f.player_id = "2976212";
  f.player_name = "S.Diggs";
  f.position = "WR";
  f.status = "Out";
  f.previous_status = "Questionable";
  f.detail = "hamstring";
  f.game_id = "401547417";
  f.event_id = "inj-1";
  auto c = injury_candidate(f);
  CHECK(c.type == alert_type::injury);
  CHECK(c.message == "Injury: Bills WR S.Diggs is Out (hamstring), was Questionable");
  CHECK(c.key == "BUF:2976212");
  CHECK(c.teams == std::vector<std::string>{"BUF"});
  CHECK(c.event_id == "inj-1");
  f.player_id.clear();
  f.detail.clear();
  f.previous_status.clear();
  f.position.clear();
  c = injury_candidate(f);
  CHECK(c.message == "Injury: Bills S.Diggs is Out");
  CHECK(c.key == "BUF:S.Diggs");
}

TEST_CASE("UTF-8 names pass through messages and payloads unchanged", "[alerts]") {
  injury_fact f;
  f.team = "nyj";
  f.player_name = "Zoë Müller-Núñez \"Z\"";
  f.position = "QB";
  f.status = "Doubtful";
  f.detail = "ankle \\ knee\nupdate";
  auto c = injury_candidate(f);
  CHECK(c.message == "Injury: Jets QB " + f.player_name + " is Doubtful (" + f.detail + ")");
  CHECK(c.key == "NYJ:" + f.player_name);
  auto doc = parsed(c.payload_json);
  CHECK(doc["player_name"].GetString() == f.player_name);
  CHECK(doc["detail"].GetString() == f.detail);
  CHECK(doc["team"] == "nyj");
}

TEST_CASE("a price spike reads the move in percents and points", "[alerts]") {
  spike_fact f;
  f.ticker = ticker;
  f.title = "Chiefs win";
  f.game_id = "401547417";
  f.teams = {"kc", "BUF"};
  f.before = 0.42;
  f.after = 0.55;
  f.seconds_between = 5;
  f.event_id = "snap-1757203200";
  auto c = spike_candidate(f);
  CHECK(c.type == alert_type::price_spike);
  CHECK(c.message == "Market " + ticker + " (Chiefs win): 42% -> 55% (+13 pts) in 5 s");
  CHECK(c.level == impact::high);
  CHECK(c.key == ticker);
  CHECK(c.ticker == ticker);
  CHECK(c.teams == std::vector<std::string>{"KC", "BUF"});
  CHECK(c.urgency == priority::normal);

  f.title.clear();
  f.before = 0.61;
  f.after = 0.54;
  f.seconds_between = 0;
  c = spike_candidate(f);
  CHECK(c.message == "Market " + ticker + ": 61% -> 54% (-7 pts)");
  CHECK(c.level == impact::medium);
  auto doc = parsed(c.payload_json);
  CHECK(doc["points"].GetDouble() == Approx(-7));
  CHECK(doc["level"] == "medium");
  CHECK(doc["teams"][0] == "kc");
}

TEST_CASE("a spike with unusable numbers still gives valid JSON", "[alerts]") {
  spike_fact f;
  f.ticker = ticker;
  f.before = std::nan("");
  f.after = 1.7;
  f.seconds_between = INFINITY;
  auto c = spike_candidate(f);
  CHECK(c.message == "Market " + ticker + ": 0% -> 100% (+100 pts)");
  auto doc = parsed(c.payload_json);
  CHECK(doc["before"].IsNull());
  CHECK(doc["seconds_between"].IsNull());
  CHECK(doc["after"].GetDouble() == Approx(1.7));
}

TEST_CASE("a correlation reads the play, the market move and the impact", "[alerts]") {
  correlation_fact f;
  f.game_id = "401547417";
  f.home = "BUF";
  f.away = "KC";
  f.team = "KC";
  f.play_kind = "touchdown";
  f.play_description = "P.Mahomes pass short middle to T.Kelce for 12 yds, TOUCHDOWN";
  f.ticker = ticker;
  f.before = 0.42;
  f.after = 0.61;
  f.play_id = "4015474170789";
  auto c = correlation_candidate(f);
  CHECK(c.type == alert_type::correlation);
  CHECK(c.message == "Chiefs touchdown (P.Mahomes pass short middle to T.Kelce for 12 yds, "
                     "TOUCHDOWN) moved " +
                         ticker + " 42% -> 61% (+19 pts, high impact)");
  CHECK(c.level == impact::high);
  CHECK(c.urgency == priority::normal);
  CHECK(c.key == ticker);
  CHECK(c.event_id == "4015474170789");
  CHECK(c.teams == std::vector<std::string>{"BUF", "KC"});
}

TEST_CASE("an extreme correlation is urgent", "[alerts]") {
  correlation_fact f;
  f.team = "BUF";
  f.play_kind = "interception";
  f.ticker = ticker;
  f.before = 0.65;
  f.after = 0.40;
  auto c = correlation_candidate(f);
  CHECK(c.message ==
        "Bills interception moved " + ticker + " 65% -> 40% (-25 pts, extreme impact)");
  CHECK(c.level == impact::extreme);
  CHECK(c.urgency == priority::high);
}

TEST_CASE("a correlation uses the correlator's points and level when given", "[alerts]") {
  correlation_fact f;
  f.ticker = ticker;
  f.before = 0.50;
  f.after = 0.53;
  f.change_points = 3.2;
  CHECK(correlation_candidate(f).level == impact::low);
  CHECK(correlation_candidate(f).message ==
        "A play moved " + ticker + " 50% -> 53% (+3 pts, low impact)");
  f.level = impact::medium;
  CHECK(correlation_candidate(f).level == impact::medium);
  f.play_kind = "field goal";
  CHECK(correlation_candidate(f).message ==
        "Field goal moved " + ticker + " 50% -> 53% (+3 pts, medium impact)");
  auto doc = parsed(correlation_candidate(f).payload_json);
  CHECK(doc["points"].GetDouble() == Approx(3.2));
  CHECK(doc["level"] == "medium");
}

TEST_CASE("an edge reads the market price against the model", "[alerts]") {
  edge_fact f;
  f.ticker = ticker;
  f.game_id = "401547417";
  f.teams = {"KC", "BUF"};
  f.market_probability = 0.40;
  f.model_probability = 0.58;
  f.model_version = "wp-2025.09";
  f.event_id = "edge-1";
  auto c = edge_candidate(f);
  CHECK(c.type == alert_type::edge);
  CHECK(c.message == "Edge: " + ticker + " trades at 40% but the model says 58% (+18 pts)");
  CHECK(c.level == impact::high);
  CHECK(c.key == ticker);
  CHECK(c.event_id == "edge-1");
  auto doc = parsed(c.payload_json);
  CHECK(doc["model_version"] == "wp-2025.09");
  CHECK(doc["market_probability"].GetDouble() == Approx(0.40));
  f.model_probability = 0.33;
  CHECK(edge_candidate(f).message == "Edge: " + ticker +
                                         " trades at 40% but the model says 33% "
                                         "(-7 pts)");
}
