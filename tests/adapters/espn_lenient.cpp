// What the scoreboard parser accepts (numbers as strings, ids as numbers) and
// what makes it reject a game, on small hand-written events.
#include <catch2/catch.hpp>

#include "adapters/espn/parse.hpp"

using namespace playclock;

namespace {

struct event_fields {
  std::string id = R"("401")";
  std::string home_score = R"("7")";
  std::string away_score = R"("3")";
  std::string home_team_id = R"("1")";
  std::string period = "2";
  std::string clock = "710";
  std::string state = R"("in")";
  std::string down = "3";
  std::string distance = "9";
  std::string yard_line = "20";
  std::string timeouts = "2";
  std::string red_zone = "false";
  std::string indoor = "true";
  std::string year = "2022";
  std::string week = "11";
  std::string extra_competitor;
};

std::string event(const event_fields& f) {
  return R"({"id":)" + f.id + R"(,"date":"2022-11-20T18:00Z","season":{"year":)" + f.year +
         R"(,"type":2},"week":{"number":)" + f.week +
         R"(},"competitions":[{"venue":{"id":"5348","fullName":"Mercedes-Benz Stadium",)"
         R"("address":{"city":"Atlanta","state":"GA"},"indoor":)" +
         f.indoor + R"(},"competitors":[{"homeAway":"home","team":{"id":)" + f.home_team_id +
         R"(,"abbreviation":"ATL","displayName":"Atlanta Falcons"},"score":)" + f.home_score +
         R"(},{"homeAway":"away","team":{"id":"3","abbreviation":"CHI"},"score":)" + f.away_score +
         "}" + f.extra_competitor + R"(],"status":{"clock":)" + f.clock +
         R"(,"displayClock":"11:50","period":)" + f.period + R"(,"type":{"state":)" + f.state +
         R"(,"detail":"11:50 - 2nd Quarter"}},"situation":{"down":)" + f.down + R"(,"distance":)" +
         f.distance + R"(,"yardLine":)" + f.yard_line + R"(,"possession":"1","isRedZone":)" +
         f.red_zone + R"(,"homeTimeouts":)" + f.timeouts + R"(,"awayTimeouts":3}}]})";
}

// A scoreboard with the event under test between two good ones.
espn::scoreboard_result board(const event_fields& f) {
  event_fields good;
  good.id = R"("400")";
  std::string before = event(good);
  good.id = R"("402")";
  std::string after = event(good);
  auto r = espn::parse_scoreboard(R"({"events":[)" + before + "," + event(f) + "," + after + "]}");
  REQUIRE_FALSE(r.error);
  return r;
}

const sports::game& only_good(const espn::scoreboard_result& r) {
  REQUIRE(r.games.size() == 3);
  CHECK(r.games[0].id == "400");
  CHECK(r.games[2].id == "402");
  CHECK(r.issues.empty());
  return r.games[1];
}

// The event is rejected with one issue naming it and the bad field.
void check_rejected(const espn::scoreboard_result& r, const std::string& path_start) {
  REQUIRE(r.games.size() == 2);
  CHECK(r.games[0].id == "400");
  CHECK(r.games[1].id == "402");
  REQUIRE(r.issues.size() == 1);
  CHECK(r.issues[0].game_id == "401");
  CHECK(r.issues[0].path.rfind(path_start, 0) == 0);
}

} // namespace

TEST_CASE("a scoreboard event reads numbers given as strings", "[espn]") {
  event_fields f;
  f.id = "401"; // a number
  f.home_team_id = "1";
  f.period = R"("2")";
  f.clock = R"("710.5")";
  f.down = R"("3")";
  f.distance = R"("9")";
  f.yard_line = R"("20")";
  f.timeouts = R"("2")";
  f.red_zone = R"("true")";
  f.indoor = R"("true")";
  f.year = R"("2022")";
  f.week = R"("11")";
  auto r = board(f);
  const auto& g = only_good(r);
  CHECK(g.id == "401");
  CHECK(g.home.id == "1");
  CHECK(g.home_score == 7);
  CHECK(g.away_score == 3);
  CHECK(g.period == 2);
  CHECK(g.clock_seconds == 710.5);
  CHECK(g.season == 2022);
  CHECK(g.week == 11);
  CHECK(g.where.indoor);
  REQUIRE(g.now);
  CHECK(g.now->down == 3);
  CHECK(g.now->distance == 9);
  CHECK(g.now->possession == "ATL");
  CHECK(g.now->yards_to_endzone == 80);
  CHECK(g.now->red_zone);
  CHECK(g.now->home_timeouts == 2);
}

TEST_CASE("a score may be a number, a string or an object", "[espn]") {
  for (const char* score : {"7", R"("7")", "7.0", R"("7.0")", R"({"value":7})",
                            R"({"value":"7","displayValue":"7"})", R"({"displayValue":"7"})"}) {
    INFO(score);
    event_fields f;
    f.home_score = score;
    CHECK(only_good(board(f)).home_score == 7);
  }
}

TEST_CASE("a game with an unusable score is reported, not read", "[espn]") {
  for (const char* score : {R"("7a")", "-3", "7.5", "1e30", R"("")", "null", "true", "{}", "[]",
                            R"("0x7")", "99999999999", R"({"value":"x"})"}) {
    INFO(score);
    event_fields f;
    f.away_score = score;
    check_rejected(board(f), "events[1].competitions[0].competitors[1].score");
  }
}

TEST_CASE("a game without what makes it a game is reported with its id", "[espn]") {
  event_fields bad_state;
  bad_state.state = R"("final")";
  check_rejected(board(bad_state), "events[1].competitions[0].status.type.state");

  event_fields no_team_id;
  no_team_id.home_team_id = R"("")";
  check_rejected(board(no_team_id), "events[1].competitions[0].competitors[0]");

  event_fields two_homes;
  two_homes.extra_competitor = R"(,{"homeAway":"home","team":{"id":"9","abbreviation":"GB"},)"
                               R"("score":"0"})";
  check_rejected(board(two_homes), "events[1].competitions[0].competitors[2].homeAway");

  event_fields stray;
  stray.extra_competitor = R"(,"not a competitor")";
  check_rejected(board(stray), "events[1].competitions[0].competitors[2]");

  // Without an id the game cannot be named: the path says where it was.
  event_fields no_id;
  no_id.id = "null";
  auto r = board(no_id);
  REQUIRE(r.games.size() == 2);
  REQUIRE(r.issues.size() == 1);
  CHECK(r.issues[0].game_id.empty());
  CHECK(r.issues[0].path == "events[1].id");
}

TEST_CASE("values out of range fall back instead of being kept", "[espn]") {
  event_fields f;
  f.down = "-1"; // ESPN between a score and the kickoff
  f.distance = "-4";
  f.yard_line = "250";
  f.period = "1e10";
  f.clock = R"("NaN")";
  auto r = board(f);
  const auto& g = only_good(r);
  CHECK(g.period == 0);
  CHECK(g.clock_seconds == 0);
  REQUIRE(g.now);
  CHECK(g.now->down == 0);
  CHECK(g.now->distance == 0);
  CHECK(g.now->yards_to_endzone == 0);
}
