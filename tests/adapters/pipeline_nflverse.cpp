#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "adapters/pipeline/nflverse.hpp"
#include "tests/support/realdata.hpp"

using namespace playclock;

namespace {

pipeline::csv_table table_of(const std::string& text) {
  auto path = std::filesystem::temp_directory_path() /
              ("pc-nflverse-" + std::to_string(::getpid()) + ".csv");
  std::ofstream{path} << text;
  auto t = pipeline::read_csv(path.string());
  std::filesystem::remove(path);
  return t;
}

} // namespace

TEST_CASE("real nflverse schedules and play-by-play become games and plays", "[pipeline]") {
  auto real = test::realdata_dir();
  if (!real) {
    WARN("skipped: real data not found at " << test::realdata_expected_dir());
    return;
  }
  auto sched = pipeline::read_csv((*real / "nflverse" / "nfl_data_py_schedules_2020.csv").string());
  CHECK(pipeline::missing_columns(sched, pipeline::schedule_columns()).empty());
  auto games = pipeline::read_schedules(sched);
  CHECK(games.rejected == 0);
  REQUIRE(games.loaded.size() == 269);
  const auto& first = games.loaded.front();
  CHECK(first.game_id == "2020_01_HOU_KC");
  CHECK(first.home_team == "KC");
  CHECK(first.home_score == 34);
  CHECK(first.away_score == 20);
  CHECK(first.start_time == "2020-09-10T20:20:00-05:00");
  CHECK(games.loaded.back().season_type == 3); // the Super Bowl

  auto pbp = pipeline::read_csv(
      (*real / "nflverse" / "nflfastR_pbp_2020_wk1_all16games_keycols.csv").string());
  CHECK(pipeline::missing_columns(pbp, pipeline::pbp_columns()).empty());
  auto plays = pipeline::read_pbp(pbp);
  CHECK(plays.plays.rejected == 0);
  CHECK(plays.plays.loaded.size() == 2900);
  CHECK(plays.games.size() == 16);
  for (const auto& g : plays.games)
    if (g.game_id == "2020_01_HOU_KC") {
      CHECK(g.home_score == 34);
      CHECK(g.away_score == 20);
      CHECK(g.season == 2020);
    }
  int scoring = 0;
  for (const auto& p : plays.plays.loaded)
    scoring += p.scoring ? 1 : 0;
  CHECK(scoring > 50);
  CHECK(plays.plays.loaded.front().sequence == 1);
}

TEST_CASE("bad nflverse rows are rejected with the reason, not loaded", "[pipeline]") {
  auto t = table_of("game_id,season,game_type,week,gameday,away_team,home_team,away_score,"
                    "home_score\n"
                    "2020_01_HOU_KC,2020,REG,1,2020-09-10,HOU,KC,20,34\n"
                    "2020_02_X_Y,2020,REG,two,2020-09-17,X,Y,NA,NA\n"
                    "2020_03_X_Y,2020,REG,3,17/09/2020,X,Y,NA,NA\n"
                    "2020_04_X_Y,2020,REG,4,2020-09-24,X,Y,3,NA\n"
                    "2020_05_X_Y,2020,POST,5,2020-10-01,X,Y,NA,NA\n");
  auto r = pipeline::read_schedules(t);
  REQUIRE(r.loaded.size() == 2);
  CHECK(r.rejected == 3);
  CHECK_FALSE(r.loaded[1].home_score.has_value()); // not played yet
  CHECK(r.loaded[1].season_type == 3);
  REQUIRE(r.reasons.size() == 3);
  CHECK_THAT(r.reasons[0], Catch::Contains("record 2") && Catch::Contains("\"two\""));
  CHECK_THAT(r.reasons[1], Catch::Contains("gameday"));
  CHECK_THAT(r.reasons[2], Catch::Contains("only one"));

  auto partial = table_of("game_id,season\n1,2\n");
  auto missing = pipeline::missing_columns(partial, pipeline::schedule_columns());
  CHECK(missing.size() == pipeline::schedule_columns().size() - 2);
}
