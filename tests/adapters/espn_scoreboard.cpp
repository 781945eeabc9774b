// The recorded ESPN scoreboards parse whole, with the values they hold.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "adapters/espn/parse.hpp"
#include "adapters/espn/teams.hpp"
#include "tests/adapters/espn_samples.hpp"

using namespace playclock;
using sports::game_state;

namespace {

const sports::game& find(const std::vector<sports::game>& games, const std::string& id) {
  auto it = std::find_if(games.begin(), games.end(), [&](const auto& g) { return g.id == id; });
  if (it == games.end())
    FAIL("no game " << id);
  return *it;
}

// Parses a sample that must read without error or issue.
std::optional<espn::scoreboard_result> parsed(const char* name) {
  auto text = test::realdata_file(name);
  if (!text)
    return std::nullopt;
  auto r = espn::parse_scoreboard(*text);
  INFO(name);
  REQUIRE_FALSE(r.error);
  for (const auto& i : r.issues)
    FAIL_CHECK(i.game_id << " " << i.path << ": " << i.message);
  return r;
}

} // namespace

TEST_CASE("every recorded scoreboard parses without an issue", "[espn]") {
  if (!test::realdata_dir())
    return test::skip_without_realdata();
  const std::map<std::string, std::size_t> expected{{test::scoreboard_2022_wk11, 14},
                                                    {test::scoreboard_2024_wk15, 13},
                                                    {test::scoreboard_2025_wk1, 16},
                                                    {test::scoreboard_lix, 1}};
  for (const char* name : test::espn_scoreboards) {
    auto r = parsed(name);
    INFO(name);
    CHECK(r->games.size() == expected.at(name));
    for (const auto& g : r->games) {
      INFO(g.id);
      CHECK(!g.home.id.empty());
      CHECK(!g.away.id.empty());
      CHECK(g.home.abbreviation != g.away.abbreviation);
      CHECK(!g.home.name.empty());
      CHECK(!g.where.name.empty());
      CHECK(g.start_time.size() == 17); // "2022-11-20T18:00Z"
      CHECK(!g.status_detail.empty());
      // ESPN's fixed team table agrees with every team the feed shows.
      CHECK(espn::team_abbreviation(g.home.id) == g.home.abbreviation);
      CHECK(espn::team_abbreviation(g.away.id) == g.away.abbreviation);
      CHECK(g.now.has_value() == (g.state == game_state::in));
    }
  }
}

TEST_CASE("the 2022 week 11 scoreboard holds games before, during and after", "[espn]") {
  auto r = parsed(test::scoreboard_2022_wk11);
  if (!r)
    return test::skip_without_realdata();
  std::map<game_state, int> states;
  for (const auto& g : r->games) {
    ++states[g.state];
    CHECK(g.season == 2022);
    CHECK(g.season_type == 2);
    CHECK(g.week == 11);
  }
  CHECK(states[game_state::pre] == 5);
  CHECK(states[game_state::in] == 8);
  CHECK(states[game_state::post] == 1);

  const auto& atl = find(r->games, "401437845");
  CHECK(atl.state == game_state::in);
  CHECK(atl.away.abbreviation == "CHI");
  CHECK(atl.away.id == "3");
  CHECK(atl.away.name == "Chicago Bears");
  CHECK(atl.home.abbreviation == "ATL");
  CHECK(atl.home.name == "Atlanta Falcons");
  CHECK(atl.home_score == 7);
  CHECK(atl.away_score == 7);
  CHECK(atl.period == 2);
  CHECK(atl.clock == "11:50");
  CHECK(atl.clock_seconds == 710);
  CHECK(atl.status_detail == "11:50 - 2nd Quarter");
  CHECK(atl.start_time == "2022-11-20T18:00Z");
  CHECK(atl.where.id == "5348");
  CHECK(atl.where.name == "Mercedes-Benz Stadium");
  CHECK(atl.where.city == "Atlanta");
  CHECK(atl.where.state == "GA");
  CHECK(atl.where.indoor);

  const auto& gb = find(r->games, "401437844");
  CHECK(gb.state == game_state::post);
  CHECK(gb.status_detail == "Final");
  CHECK(gb.away.abbreviation == "TEN");
  CHECK(gb.away_score == 27);
  CHECK(gb.home.abbreviation == "GB");
  CHECK(gb.home_score == 17);
  CHECK(gb.period == 4);
  CHECK(gb.where.name == "Lambeau Field");
  CHECK_FALSE(gb.where.indoor);

  const auto& den = find(r->games, "401437853");
  CHECK(den.state == game_state::pre);
  CHECK(den.status_detail == "Sun, November 20th at 4:05 PM EST");
  CHECK(den.start_time == "2022-11-20T21:05Z");
  CHECK(den.home_score == 0);
  CHECK(den.away_score == 0);
  CHECK_FALSE(den.now);

  // Played in Mexico City: a venue without a state.
  const auto& ari = find(r->games, "401435642");
  CHECK(ari.where.name == "Estadio Azteca");
  CHECK(ari.where.city == "Mexico City");
  CHECK(ari.where.state.empty());
}

TEST_CASE("in-progress games carry down, distance, possession and field position", "[espn]") {
  auto r = parsed(test::scoreboard_2022_wk11);
  if (!r)
    return test::skip_without_realdata();
  struct expected {
    const char* id;
    int down, distance, to_go;
    const char* possession;
    bool red_zone;
    int home_timeouts, away_timeouts;
  };
  // possessionText in the comments; yardLine counts from the home goal line.
  const expected cases[] = {
      {"401437845", 3, 9, 80, "ATL", false, 3, 3},  // home ball, "ATL 20", yardLine 20
      {"401437847", 1, 10, 52, "BUF", false, 3, 3}, // home ball, "BUF 48"
      {"401437849", 2, 2, 2, "PHI", true, 2, 3},    // away ball, "IND 2", yardLine 2
      {"401437850", 1, 5, 5, "NE", true, 3, 3},     // home ball, "NYJ 5", yardLine 95
      {"401437851", 1, 10, 75, "LAR", false, 3, 3}, // no possession: lastPlay's team
      {"401437852", 3, 2, 83, "DET", false, 3, 3},  // away ball, "DET 17", yardLine 83
      {"401437846", 2, 10, 51, "BAL", false, 3, 2}, // home ball, "BAL 49"
      {"401437848", 0, 10, 0, "", false, 3, 3},     // after a score: down -1, no ball
  };
  for (const auto& c : cases) {
    INFO(c.id);
    const auto& g = find(r->games, c.id);
    CHECK(g.state == game_state::in);
    REQUIRE(g.now);
    CHECK(g.now->down == c.down);
    CHECK(g.now->distance == c.distance);
    CHECK(g.now->yards_to_endzone == c.to_go);
    CHECK(g.now->possession == c.possession);
    CHECK(g.now->red_zone == c.red_zone);
    CHECK(g.now->home_timeouts == c.home_timeouts);
    CHECK(g.now->away_timeouts == c.away_timeouts);
  }
  // CLE at BUF was moved to Ford Field by snow.
  const auto& buf = find(r->games, "401437847");
  CHECK(buf.where.name == "Ford Field");
  CHECK(buf.where.city == "Detroit");
}

TEST_CASE("the 2024 week 15 scoreboard takes season and week from its events", "[espn]") {
  auto r = parsed(test::scoreboard_2024_wk15);
  if (!r)
    return test::skip_without_realdata();
  for (const auto& g : r->games) {
    CHECK(g.state == game_state::post);
    CHECK(g.season == 2024); // no top-level season in this document
    CHECK(g.week == 15);
    CHECK(g.status_detail == "Final");
  }
  const auto& det = find(r->games, "401671681");
  CHECK(det.away.abbreviation == "BUF");
  CHECK(det.away_score == 48);
  CHECK(det.home.abbreviation == "DET");
  CHECK(det.home_score == 42);
  CHECK(det.where.name == "Ford Field");
  CHECK(det.where.indoor);
  const auto& sea = find(r->games, "401671796");
  CHECK(sea.start_time == "2024-12-16T01:20Z");
  CHECK(sea.away.abbreviation == "GB");
  CHECK(sea.away_score == 30);
  CHECK(sea.home_score == 13);
}

TEST_CASE("the 2025 week 1 scoreboard has all 32 teams before kick-off", "[espn]") {
  auto r = parsed(test::scoreboard_2025_wk1);
  if (!r)
    return test::skip_without_realdata();
  std::set<std::string> teams;
  for (const auto& g : r->games) {
    CHECK(g.state == game_state::pre);
    CHECK(g.home_score == 0);
    CHECK(g.away_score == 0);
    CHECK(g.season == 2025);
    CHECK(g.week == 1);
    teams.insert(g.home.abbreviation);
    teams.insert(g.away.abbreviation);
  }
  CHECK(teams.size() == 32);
  const auto& sao_paulo = find(r->games, "401772714");
  CHECK(sao_paulo.away.abbreviation == "KC");
  CHECK(sao_paulo.home.abbreviation == "LAC");
  CHECK(sao_paulo.where.name == "Corinthians Arena");
  CHECK(sao_paulo.where.city == "Sao Paulo");
  CHECK(sao_paulo.status_detail == "Fri, September 5th at 8:00 PM EDT");
}

TEST_CASE("the Super Bowl LIX scoreboard is a postseason final", "[espn]") {
  auto r = parsed(test::scoreboard_lix);
  if (!r)
    return test::skip_without_realdata();
  REQUIRE(r->games.size() == 1);
  const auto& g = r->games[0];
  CHECK(g.id == "401671889");
  CHECK(g.season == 2024);
  CHECK(g.season_type == 3);
  CHECK(g.week == 5);
  CHECK(g.state == game_state::post);
  CHECK(g.away.abbreviation == "KC");
  CHECK(g.away_score == 22);
  CHECK(g.home.abbreviation == "PHI");
  CHECK(g.home_score == 40);
  CHECK(g.start_time == "2025-02-09T23:30Z");
  CHECK(g.where.name == "Caesars Superdome");
  CHECK(g.where.indoor);
}

TEST_CASE("games in progress carry the id of their last play", "[espn]") {
  if (!test::realdata_dir())
    return test::skip_without_realdata();
  auto r = parsed(test::scoreboard_2022_wk11);
  REQUIRE(r);
  int live = 0;
  for (const auto& g : r->games)
    if (g.state == game_state::in && g.now && !g.now->last_play_id.empty())
      ++live;
  CHECK(live == 8);
  // Usually the event id and a play number; sometimes not (kept as sent: it
  // only tells that something new happened).
  CHECK(find(r->games, "401437845").now->last_play_id == "4014378451157");
  CHECK(find(r->games, "401437848").now->last_play_id == "-75128491");
}
