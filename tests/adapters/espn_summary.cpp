// The recorded GB at ATL summary (2023 week 2) parses whole, with its values.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "adapters/espn/parse.hpp"
#include "tests/adapters/espn_samples.hpp"

using namespace playclock;

namespace {

std::optional<espn::summary_result> parsed_summary() {
  auto text = test::realdata_file(test::summary_gb_atl);
  if (!text)
    return std::nullopt;
  auto r = espn::parse_summary(*text);
  REQUIRE_FALSE(r.error);
  for (const auto& i : r.issues)
    FAIL_CHECK(i.game_id << " " << i.path << ": " << i.message);
  return r;
}

const sports::play& play_by_id(const sports::game_summary& s, const std::string& id) {
  for (const auto& d : s.drives)
    for (const auto& p : d.plays)
      if (p.id == id)
        return p;
  static const sports::play none;
  FAIL("no play " << id);
  return none;
}

} // namespace

TEST_CASE("the summary header is the final game GB 24 at ATL 25", "[espn]") {
  auto r = parsed_summary();
  if (!r)
    return test::skip_without_realdata();
  REQUIRE(r->summary.header);
  const auto& g = *r->summary.header;
  CHECK(g.id == "401547417");
  CHECK(g.season == 2023);
  CHECK(g.season_type == 2);
  CHECK(g.week == 2);
  CHECK(g.state == sports::game_state::post);
  CHECK(g.status_detail == "Final");
  CHECK(g.start_time == "2023-09-17T17:00Z");
  CHECK(g.home.id == "1");
  CHECK(g.home.abbreviation == "ATL");
  CHECK(g.home.name == "Atlanta Falcons");
  CHECK(g.home_score == 25);
  CHECK(g.away.id == "9");
  CHECK(g.away.abbreviation == "GB");
  CHECK(g.away.name == "Green Bay Packers");
  CHECK(g.away_score == 24);
  // The header has no venue: it comes from gameInfo.
  CHECK(g.where.id == "5348");
  CHECK(g.where.name == "Mercedes-Benz Stadium");
  CHECK(g.where.city == "Atlanta");
  CHECK_FALSE(g.now);
}

TEST_CASE("the summary has 20 drives and 186 plays with unique ids in order", "[espn]") {
  auto r = parsed_summary();
  if (!r)
    return test::skip_without_realdata();
  const auto& s = r->summary;
  REQUIRE(s.drives.size() == 20);
  std::size_t plays = 0;
  std::set<std::string> ids;
  for (const auto& d : s.drives) {
    INFO(d.id);
    CHECK(!d.plays.empty());
    CHECK((d.team == "GB" || d.team == "ATL"));
    for (const auto& p : d.plays) {
      CHECK(p.drive_id == d.id);
      CHECK(!p.id.empty());
      CHECK(p.sequence > 0);
      CHECK(p.period >= 1);
      CHECK(p.period <= 4);
      CHECK(p.start_yards_to_endzone >= 0);
      CHECK(p.start_yards_to_endzone <= 100);
      ids.insert(p.id);
      ++plays;
    }
  }
  CHECK(plays == 186);
  CHECK(ids.size() == 186);
  auto all = s.all_plays();
  REQUIRE(all.size() == 186);
  CHECK(std::is_sorted(all.begin(), all.end(),
                       [](const auto& a, const auto& b) { return a.sequence < b.sequence; }));
  CHECK(all.front().type == "Kickoff");
  CHECK(all.back().type == "End of Game");
  CHECK(all.back().home_score == 25);
  CHECK(all.back().away_score == 24);
}

TEST_CASE("summary drives keep their description, result, yards and team", "[espn]") {
  auto r = parsed_summary();
  if (!r)
    return test::skip_without_realdata();
  const auto& drives = r->summary.drives;
  REQUIRE(drives.size() == 20);
  CHECK(drives[0].id == "4015474171");
  CHECK(drives[0].team == "GB");
  CHECK(drives[0].description == "3 plays, 37 yards, 1:06");
  CHECK(drives[0].result == "PUNT");
  CHECK(drives[0].yards == 37);
  CHECK_FALSE(drives[0].scoring);
  CHECK(drives[0].plays.size() == 9);
  CHECK(drives[3].team == "ATL");
  CHECK(drives[3].result == "FG");
  CHECK(drives[3].scoring);
  CHECK(drives[3].plays.size() == 18);
  CHECK(drives[2].yards == -12);
  CHECK(drives[19].id == "40154741720");
  CHECK(drives[19].result == "END OF GAME");
}

TEST_CASE("summary plays carry type, text, yards, situation and score", "[espn]") {
  auto r = parsed_summary();
  if (!r)
    return test::skip_without_realdata();
  const auto& s = r->summary;

  const auto& kickoff = s.drives[0].plays[0];
  CHECK(kickoff.id == "40154741739");
  CHECK(kickoff.sequence == 3900); // "sequenceNumber":"3900"
  CHECK(kickoff.type == "Kickoff");
  CHECK(kickoff.team == "ATL");
  CHECK(kickoff.start_down == 0);
  CHECK(kickoff.start_yards_to_endzone == 65); // ATL kicks from its 35

  const auto& pi = s.drives[0].plays[1];
  CHECK(pi.id == "40154741755");
  CHECK(pi.type == "Pass Incompletion");
  CHECK(pi.team == "GB");
  CHECK(pi.yards == 44); // the pass interference penalty
  CHECK(pi.period == 1);
  CHECK(pi.clock == "15:00");
  CHECK(pi.start_down == 1);
  CHECK(pi.start_distance == 10);
  CHECK(pi.start_yards_to_endzone == 75); // "GB 25", GB away
  CHECK(pi.text.rfind("(Shotgun) J.Love pass incomplete deep middle to D.Wicks.", 0) == 0);

  // yardsToEndzone 38 is stale here; "ATL 28" with GB on offense is right.
  const auto& stale = play_by_id(s, "401547417111");
  CHECK(stale.start_down == 2);
  CHECK(stale.start_distance == 7);
  CHECK(stale.start_yards_to_endzone == 28);

  const auto& interception = play_by_id(s, "401547417283");
  CHECK(interception.type == "Pass Interception Return");
  CHECK(interception.team == "ATL");
  CHECK(interception.yards == -2);
  CHECK(interception.start_yards_to_endzone == 64);
  CHECK_FALSE(interception.scoring);
  CHECK(interception.score_value == 0);

  const auto& td = play_by_id(s, "4015474171123");
  CHECK(td.type == "Passing Touchdown");
  CHECK(td.team == "GB");
  CHECK(td.period == 2);
  CHECK(td.clock == "13:33");
  CHECK(td.yards == 9);
  CHECK(td.start_yards_to_endzone == 9);
  CHECK(td.scoring);
  CHECK(td.score_value == 6);
  CHECK(td.home_score == 3);
  CHECK(td.away_score == 7);

  const auto& winner = play_by_id(s, "4015474174100");
  CHECK(winner.type == "Field Goal Good");
  CHECK(winner.text == "Y.Koo 25 yard field goal is GOOD, Center-L.McCullough, Holder-B.Pinion.");
  CHECK(winner.team == "ATL");
  CHECK(winner.start_down == 4);
  CHECK(winner.start_distance == 1);
  CHECK(winner.start_yards_to_endzone == 7); // "GB 7", yardLine 93 from ATL's goal
  CHECK(winner.score_value == 3);
  CHECK(winner.home_score == 25);
  CHECK(winner.away_score == 24);
}

TEST_CASE("summary scoring plays are the ten scoring plays of the drives", "[espn]") {
  auto r = parsed_summary();
  if (!r)
    return test::skip_without_realdata();
  const auto& s = r->summary;
  const std::vector<std::string> expected{
      "401547417805",  "4015474171123", "4015474171685", "4015474171984", "4015474172395",
      "4015474172764", "4015474172941", "4015474173262", "4015474173620", "4015474174100"};
  CHECK(s.scoring_play_ids == expected);
  std::vector<std::string> flagged;
  int points = 0;
  for (const auto& p : s.all_plays())
    if (p.scoring) {
      flagged.push_back(p.id);
      points += p.score_value;
    }
  CHECK(flagged == expected);
  // 5 TDs (6 each) and 5 FGs; the tries are folded into the TDs (4 good,
  // one failed): 45 + 4 = 25 + 24.
  CHECK(points == 5 * 6 + 5 * 3);
}

TEST_CASE("summary injuries list both teams' players with status and detail", "[espn]") {
  auto r = parsed_summary();
  if (!r)
    return test::skip_without_realdata();
  const auto& list = r->summary.injuries;
  REQUIRE(list.size() == 10);
  CHECK(std::count_if(list.begin(), list.end(), [](const auto& i) { return i.team == "ATL"; }) ==
        5);
  CHECK(std::count_if(list.begin(), list.end(), [](const auto& i) { return i.team == "GB"; }) == 5);
  const auto& trice = list[0];
  CHECK(trice.team == "ATL");
  CHECK(trice.player_id == "4428713");
  CHECK(trice.player_name == "Bralen Trice");
  CHECK(trice.position == "LB");
  CHECK(trice.status == "Questionable");
  CHECK(trice.detail == "Knee - ACL");
  CHECK(trice.date == "2025-02-11T03:06Z");
  const auto& doubs = list[8];
  CHECK(doubs.team == "GB");
  CHECK(doubs.player_name == "Romeo Doubs");
  CHECK(doubs.detail == "Concussion");
}
