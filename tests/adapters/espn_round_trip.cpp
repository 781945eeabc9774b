// parse(write(x)) == x for scoreboards and summaries: from the recorded
// samples, from the game engine at many points of a game, and for edge cases.
#include <catch2/catch.hpp>

#include <limits>

#include <rapidjson/document.h>

#include "adapters/espn/parse.hpp"
#include "adapters/espn/write.hpp"
#include "adapters/sim/engine.hpp"
#include "tests/adapters/espn_compare.hpp"
#include "tests/adapters/espn_samples.hpp"

using namespace playclock;

namespace {

// Writes and reads back; the result must have no error and no issue.
std::vector<sports::game> scoreboard_trip(const std::vector<sports::game>& games) {
  int season = games.empty() ? 2025 : games[0].season;
  auto r = espn::parse_scoreboard(espn::write_scoreboard(games, season, 2, 1));
  REQUIRE_FALSE(r.error);
  CHECK(r.issues.empty());
  return r.games;
}

sports::game_summary summary_trip(const sports::game_summary& s) {
  auto r = espn::parse_summary(espn::write_summary(s));
  REQUIRE_FALSE(r.error);
  for (const auto& i : r.issues)
    FAIL_CHECK(i.path << ": " << i.message);
  return r.summary;
}

sim::game_options options(const char* home, const char* away, std::uint64_t seed) {
  sim::game_options o;
  o.home = *sim::find_team(home);
  o.away = *sim::find_team(away);
  o.seed = seed;
  return o;
}

} // namespace

TEST_CASE("recorded scoreboards survive a write and a parse", "[espn]") {
  if (!test::realdata_dir())
    return test::skip_without_realdata();
  for (const char* name : test::espn_scoreboards) {
    INFO(name);
    auto parsed = espn::parse_scoreboard(*test::realdata_file(name));
    REQUIRE_FALSE(parsed.error);
    REQUIRE(!parsed.games.empty());
    CHECK(test::diff(scoreboard_trip(parsed.games), parsed.games) == "");
  }
}

TEST_CASE("the recorded summary survives a write and a parse", "[espn]") {
  auto text = test::realdata_file(test::summary_gb_atl);
  if (!text)
    return test::skip_without_realdata();
  auto parsed = espn::parse_summary(*text);
  REQUIRE_FALSE(parsed.error);
  CHECK(test::diff(summary_trip(parsed.summary), parsed.summary) == "");
  REQUIRE(parsed.summary.header);
  CHECK(test::diff(scoreboard_trip({*parsed.summary.header}), {*parsed.summary.header}) == "");
}

TEST_CASE("simulated games survive a write and a parse", "[espn]") {
  const std::pair<const char*, const char*> matchups[] = {
      {"GB", "ATL"}, {"KC", "BUF"}, {"NYJ", "NYG"}, {"SEA", "ARI"}};
  std::uint64_t seed = 11;
  for (const auto& [home, away] : matchups) {
    auto s = sim::simulate_game(options(home, away, ++seed));
    INFO(home << " vs " << away);
    REQUIRE(s.header);
    REQUIRE(!s.drives.empty());
    CHECK(test::diff(summary_trip(s), s) == "");
    CHECK(test::diff(scoreboard_trip({*s.header}), {*s.header}) == "");
  }
}

TEST_CASE("a simulated game survives a round trip at every point of the game", "[espn]") {
  sim::game_engine e(options("CHI", "DET", 5));
  rapidjson::Document doc;
  int step = 0;
  int in_progress_checked = 0;
  auto check_now = [&] {
    sports::game_summary s{e.state(), e.drives(), e.scoring_play_ids(), {}};
    INFO("step " << step);
    CHECK(test::diff(summary_trip(s), s) == "");
    CHECK(test::diff(scoreboard_trip({e.state()}), {e.state()}) == "");
    // The drive under way is served as drives.current, as ESPN does.
    auto text = espn::write_summary(s);
    doc.Parse(text.data(), text.size());
    REQUIRE(doc.IsObject());
    bool in = e.state().state == sports::game_state::in;
    CHECK(doc["drives"].HasMember("current") == (in && !s.drives.empty()));
    if (in && e.state().now)
      ++in_progress_checked;
  };
  check_now(); // before kick-off
  while (!e.finished()) {
    e.step();
    ++step;
    // Every step early on, then every 7th: kickoffs, scores, timeouts, ends
    // of periods all come by.
    if (step < 20 || step % 7 == 0)
      check_now();
  }
  check_now(); // final
  CHECK(e.state().state == sports::game_state::post);
  CHECK(in_progress_checked > 20);
}

TEST_CASE("summary edge cases survive a round trip", "[espn]") {
  sports::game g;
  g.id = "9";
  g.home = {"1", "ATL", "Atlanta Falcons"};
  g.away = {"9", "GB", "Green Bay Packers"};
  g.state = sports::game_state::in;
  g.clock_seconds = 123.456789012345;
  g.now = sports::situation{2, 7, 100, "GB", true, 0, 1, "4014"};
  sports::game_summary s;
  s.header = g;
  sports::drive d;
  d.id = "91";
  d.team = "GB";
  auto add = [&](std::string id, std::string type, int value, std::string team = "GB") {
    sports::play p;
    p.id = id;
    p.sequence = 5'000'000'000LL + static_cast<std::int64_t>(d.plays.size());
    p.drive_id = d.id;
    p.team = std::move(team);
    p.type = std::move(type);
    p.scoring = value != 0;
    p.score_value = value;
    p.start_down = 3;
    p.start_distance = 4;
    p.start_yards_to_endzone = 1 + static_cast<int>(d.plays.size()) * 13;
    p.players = {{"77", "A.B", "passer"}, {"", "C.D", "receiver"}};
    d.plays.push_back(p);
    s.scoring_play_ids.push_back(p.id);
  };
  add("1", "Passing Touchdown", 6);
  add("2", "Passing Touchdown", 7); // the engine folds the try in
  add("3", "Rushing Touchdown", 8);
  add("4", "Field Goal Good", 3);
  add("5", "Two-Point Pass", 2);
  add("6", "Safety", 2, "ATL");
  add("7", "Extra Point Good", 1);
  add("8", "Rush", 0, "KC"); // a team the game does not know
  s.drives = {sports::drive{"90", "ATL", "", "PUNT", -3, false, {}}, d};
  s.injuries = {{"ATL", "1", "A", "QB", "Out", "Knee", "2025-01-01T00:00Z"},
                {"GB", "2", "B", "WR", "Questionable", "", ""},
                {"ATL", "3", "C", "", "Doubtful", "Hip", ""},
                {"", "4", "D", "K", "Out", "", ""}};
  CHECK(test::diff(summary_trip(s), s) == "");

  sports::game_summary headless;
  headless.drives = s.drives;
  headless.drives[1].plays.resize(1);
  CHECK(test::diff(summary_trip(headless), headless) == "");
}

TEST_CASE("scoreboard edge cases survive a round trip", "[espn]") {
  sports::game g;
  g.id = "401";
  g.season = 2030;
  g.season_type = 3;
  g.week = 4;
  g.home = {"33", "BAL", "Baltimore \"Ravens\"\n\u00e9"};
  g.away = {"99", "XYZ", ""}; // not one of ESPN's 32
  g.home_score = 1000;
  g.state = sports::game_state::in;
  g.period = 5;
  g.clock = "0:01";
  g.clock_seconds = 0.75;
  g.where = {"", "", "", "", true};
  std::vector<sports::game> games;
  for (int y : {0, 1, 49, 50, 51, 99, 100})
    for (const char* ball : {"BAL", "XYZ"}) {
      g.now = sports::situation{4, 1, y, ball, y <= 20, 3, 0, {}};
      games.push_back(g);
      games.back().id += std::to_string(y) + ball;
    }
  g.now.reset();
  games.push_back(g);
  CHECK(test::diff(scoreboard_trip(games), games) == "");
  CHECK(scoreboard_trip({}).empty());
}

TEST_CASE("strings with any bytes and clocks that are not numbers stay valid JSON", "[espn]") {
  sports::game g;
  g.id = std::string{"a\0b\xff\"\\", 6};
  g.home = {"1", "ATL", std::string{"\x01\x1f\x7f\xc3\xa9", 5}};
  g.away = {"9", "GB", "\u2028"};
  g.status_detail = "tab\there";
  g.clock_seconds = std::numeric_limits<double>::quiet_NaN();
  auto back = scoreboard_trip({g});
  REQUIRE(back.size() == 1);
  CHECK(back[0].clock_seconds == 0);
  g.clock_seconds = 0;
  CHECK(test::diff(back[0], g) == "");
  g.clock_seconds = -std::numeric_limits<double>::infinity();
  sports::game_summary s;
  s.header = g;
  auto summary = espn::parse_summary(espn::write_summary(s));
  REQUIRE(summary.summary.header);
  CHECK(summary.summary.header->clock_seconds == 0);
}
