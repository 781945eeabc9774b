// Summary shapes beyond the recorded sample: live summaries, numbers as
// strings, plays and injuries that cannot be read, scores the feed leaves out.
#include <catch2/catch.hpp>

#include "adapters/espn/parse.hpp"

using namespace playclock;

namespace {

const std::string header =
    R"("header":{"id":"77","season":{"year":2023,"type":2},"week":2,"competitions":[{)"
    R"("date":"2023-09-17T17:00Z","competitors":[)"
    R"({"homeAway":"home","team":{"id":"1","abbreviation":"ATL"},"score":"3"},)"
    R"({"homeAway":"away","team":{"id":"9","abbreviation":"GB"},"score":"0"}],)"
    R"("status":{"period":1,"displayClock":"3:50","type":{"state":"in"}}}]})";

const std::string rush = R"("type":{"text":"Rush"},"start":{"team":{"id":"1"}})";

// A play with `fields` (members after the id).
std::string play(const std::string& id, const std::string& fields = rush) {
  return R"({"id":)" + id + "," + fields + "}";
}

espn::summary_result parse(const std::string& body) {
  auto r = espn::parse_summary("{" + header + "," + body + "}");
  REQUIRE_FALSE(r.error);
  REQUIRE(r.summary.header);
  return r;
}

} // namespace

TEST_CASE("a live summary reads drives.current after drives.previous", "[espn]") {
  auto r =
      parse(R"("drives":{"previous":[{"id":"1","plays":[)" + play(R"("11")") +
            R"(]}],"current":{"id":"2","team":{"id":"9"},"plays":[)" + play(R"("21")") + "]}}");
  CHECK(r.issues.empty());
  REQUIRE(r.summary.drives.size() == 2);
  CHECK(r.summary.drives[1].id == "2");
  CHECK(r.summary.drives[1].team == "GB"); // from the team id
  CHECK(r.summary.drives[1].plays.at(0).drive_id == "2");
  CHECK(r.summary.header->state == sports::game_state::in);
}

TEST_CASE("a drive listed as previous and current is read once", "[espn]") {
  auto r = parse(R"("drives":{"previous":[{"id":"1","plays":[)" + play(R"("11")") +
                 R"(]}],"current":{"id":"1","plays":[)" + play(R"("11")") + "]}}");
  CHECK(r.summary.drives.size() == 1);
  CHECK(r.summary.all_plays().size() == 1);
}

TEST_CASE("a top-level situation completes a header without one", "[espn]") {
  auto r = parse(R"("situation":{"down":2,"distance":6,"possessionText":"GB 41",)"
                 R"("possession":"9"},"drives":{"previous":[]})");
  REQUIRE(r.summary.header->now);
  CHECK(r.summary.header->now->possession == "GB");
  CHECK(r.summary.header->now->yards_to_endzone == 59);
}

TEST_CASE("summary plays read numbers given as strings", "[espn]") {
  auto r = parse(
      R"("drives":{"previous":[{"id":1,"yards":"12","isScore":"false","plays":[)" +
      play("5500", R"("type":{"text":"Rush"},"sequenceNumber":"12345678901234","statYardage":"-2",)"
                   R"("period":{"number":"2"},"homeScore":"3","awayScore":0,)"
                   R"("start":{"team":{"id":1},"down":"2","distance":"8",)"
                   R"("yardLine":"30"})") +
      "]}]}");
  CHECK(r.issues.empty());
  REQUIRE(r.summary.drives.size() == 1);
  const auto& d = r.summary.drives[0];
  CHECK(d.id == "1");
  CHECK(d.yards == 12);
  REQUIRE(d.plays.size() == 1);
  const auto& p = d.plays[0];
  CHECK(p.id == "5500");
  CHECK(p.sequence == 12345678901234);
  CHECK(p.yards == -2);
  CHECK(p.period == 2);
  CHECK(p.home_score == 3);
  CHECK(p.team == "ATL");
  CHECK(p.start_down == 2);
  CHECK(p.start_distance == 8);
  CHECK(p.start_yards_to_endzone == 70); // ATL is home: yardLine 30 is its own 30
}

TEST_CASE("an unreadable play is reported and the others kept", "[espn]") {
  auto r = parse(R"("drives":{"previous":[{"id":"1","plays":[)" + play(R"("11")") + "," +
                 play("null") + R"(,"junk",)" + play(R"("14")") + "]}]}");
  REQUIRE(r.summary.drives.size() == 1);
  const auto& plays = r.summary.drives[0].plays;
  REQUIRE(plays.size() == 2);
  CHECK(plays[0].id == "11");
  CHECK(plays[1].id == "14");
  REQUIRE(r.issues.size() == 2);
  CHECK(r.issues[0].game_id == "77");
  CHECK(r.issues[0].path == "drives.previous[0].plays[1].id");
  CHECK(r.issues[1].path == "drives.previous[0].plays[2]");
}

TEST_CASE("the points of a scoring play come from the best thing the feed gives", "[espn]") {
  auto scoring = [](const std::string& more) {
    return play(R"("1")", R"("scoringPlay":true)" + more);
  };
  auto r = parse(R"("drives":{"previous":[{"id":"1","plays":[)" +
                 scoring(R"(,"scoringType":{"abbreviation":"FG"},"homeScore":3)") + "," +
                 scoring(R"(,"scoreValue":2,"homeScore":5)") + "," +
                 scoring(R"(,"type":{"text":"Extra Point Good"},"homeScore":6)") + "," +
                 scoring(R"(,"homeScore":13)") + "," + // +7: a touchdown with its try
                 scoring(R"(,"homeScore":15)") + "," + // +2
                 scoring(R"(,"homeScore":15)") + "]}]}");
  REQUIRE(r.summary.drives.size() == 1);
  std::vector<int> points;
  for (const auto& p : r.summary.drives[0].plays)
    points.push_back(p.score_value);
  CHECK(points == std::vector<int>{3, 2, 1, 6, 2, 0});
}

TEST_CASE("summary injuries without an athlete id are reported and skipped", "[espn]") {
  auto r = parse(R"("injuries":[{"team":{"id":"9"},"injuries":[)"
                 R"({"status":"Out","athlete":{"id":"5","displayName":"A"}},)"
                 R"({"status":"Out","athlete":{"displayName":"B"}},)"
                 R"({"status":"Out","athlete":{"$ref":"http://x/athletes/6?lang=en"}},)"
                 R"(7]},"junk",{"team":{"id":"1"},"injuries":{}}])");
  REQUIRE(r.summary.injuries.size() == 2);
  CHECK(r.summary.injuries[0].team == "GB"); // from the team id
  CHECK(r.summary.injuries[0].player_id == "5");
  CHECK(r.summary.injuries[1].player_id == "6");
  REQUIRE(r.issues.size() == 4);
  CHECK(r.issues[0].game_id == "77");
  CHECK(r.issues[0].path == "injuries[0].injuries[1].athlete.id");
  CHECK(r.issues[1].path == "injuries[0].injuries[3].athlete.id");
  CHECK(r.issues[2].path == "injuries[1]");
  CHECK(r.issues[3].path == "injuries[2].injuries");
}

TEST_CASE("a summary header before kick-off may lack scores", "[espn]") {
  auto r = espn::parse_summary(R"({"header":{"id":"5","competitions":[{"competitors":[)"
                               R"({"homeAway":"home","team":{"id":"1","abbreviation":"ATL"}},)"
                               R"({"homeAway":"away","team":{"id":"9","abbreviation":"GB"}}],)"
                               R"("status":{"type":{"state":"pre"}}}]}})");
  CHECK_FALSE(r.error);
  REQUIRE(r.summary.header);
  CHECK(r.summary.header->home_score == 0);
  CHECK(r.summary.header->state == sports::game_state::pre);
  CHECK(r.issues.empty());
}

TEST_CASE("summary parts of the wrong type are reported", "[espn]") {
  auto r = parse(R"("drives":{"previous":{},"current":"x"},"scoringPlays":{},)"
                 R"("injuries":{})");
  CHECK(r.summary.drives.empty());
  REQUIRE(r.issues.size() == 4);
  CHECK(r.issues[0].path == "drives.previous");
  CHECK(r.issues[1].path == "drives.current");
  CHECK(r.issues[2].path == "scoringPlays");
  CHECK(r.issues[3].path == "injuries");
  auto drives = parse(R"("drives":[])");
  REQUIRE(drives.issues.size() == 1);
  CHECK(drives.issues[0].path == "drives");
}
