// data_pipeline against a real node and PostgreSQL, on the real nflverse
// files (schedules 2020 and the 2020 week 1 play-by-play): loaded in
// dependency order with the live feeds beside them, settled, tested, every
// governance check recorded; a row-count drop is a warning, a missing file
// or column fails the job with the reason; the loaded plays train the model.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include "tests/integration/job_client.hpp"
#include "tests/integration/node_process.hpp"
#include "tests/support/realdata.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const std::string admin = "admin-token-for-tests";

// A fresh directory under /tmp, removed at the end of the test.
struct temp_dir {
  fs::path path;
  explicit temp_dir(const std::string& name)
      : path(fs::temp_directory_path() /
             ("pc-pipeline-" + std::to_string(::getpid()) + "-" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~temp_dir() { fs::remove_all(path); }
};

// The first `lines` lines of `from` (all if 0) into `to`.
void copy_lines(const fs::path& from, const fs::path& to, int lines = 0) {
  std::ifstream in{from};
  std::ofstream out{to};
  std::string line;
  for (int n = 0; std::getline(in, line) && (lines == 0 || n < lines); ++n)
    out << line << '\n';
}

std::string pipeline_body(const fs::path& dir) {
  return R"({"dir":")" + dir.string() + R"(","anomaly_pct":20})";
}

} // namespace

TEST_CASE("data_pipeline loads nflverse files and live feeds with governance checks",
          "[integration][jobs][pipeline]") {
  auto real = test::realdata_dir();
  if (!real) {
    WARN("skipped: real data not found at " << test::realdata_expected_dir());
    return;
  }
  test::test_database db;
  if (!db.available())
    return;
  auto nflverse = *real / "nflverse";
  temp_dir dir{"full"};
  copy_lines(nflverse / "nfl_data_py_schedules_2020.csv",
             dir.path / "nfl_data_py_schedules_2020.csv");
  copy_lines(nflverse / "nflfastR_pbp_2020_wk1_all16games_keycols.csv",
             dir.path / "nflfastR_pbp_2020_wk1.csv");
  // Named like play-by-play, but a games table: skipped with a warning.
  copy_lines(nflverse / "games_2020_wk1_from_pbp.csv", dir.path / "games_2020_wk1_from_pbp.csv");
  test::node_process node{db.url(), {{"PLAYCLOCK_AUTH__ADMIN_TOKEN", admin}}};
  REQUIRE(node.wait_ready());

  auto bad = node.request_as(admin, "POST", "/api/jobs",
                             R"({"type":"data_pipeline","params":{"sources":["pbp"]}})");
  REQUIRE(bad);
  CHECK(bad->status == 422);
  CHECK_THAT(bad->body, Catch::Contains("params.dir"));

  auto job = test::run_job(node, admin, "/api/run-pipeline", pipeline_body(dir.path), 60s);
  INFO(job);
  REQUIRE(test::json_string(job, "/status") == "completed");
  CHECK(test::json_number(job, "/result/loaded/schedules") == 269);
  CHECK(test::json_number(job, "/result/loaded/pbp") == 2900); // records; some span lines
  CHECK(test::json_number(job, "/result/failed") == 0);
  auto id = std::to_string(static_cast<long long>(test::json_number(job, "/id")));
  CHECK(test::sql_value(db.url(), "SELECT home_score || '-' || away_score || ' ' || state FROM"
                                  " games WHERE game_id = '2020_01_HOU_KC'") == "34-20 post");
  CHECK(test::sql_value(db.url(), "SELECT count(*) FROM plays WHERE game_id LIKE '2020_01_%'") ==
        "2900");
  for (const char* passed :
       {"file_present", "required_columns", "row_count", "final_score_matches_last_play"})
    CHECK(test::sql_value(db.url(), "SELECT count(*) > 0 AND bool_and(status = 'passed') FROM"
                                    " pipeline_checks WHERE job_id = " +
                                        id + " AND name = '" + passed + "'") == "t");
  CHECK(test::sql_value(db.url(),
                        "SELECT status FROM pipeline_checks WHERE job_id = " + id +
                            " AND source = 'live.scoreboard' AND name = 'source_reachable'") ==
        "passed");
  CHECK(test::sql_value(db.url(), "SELECT status || ' ' || detail FROM pipeline_checks WHERE"
                                  " job_id = " +
                                      id + " AND name = 'unrecognised_file'") ==
        "failed games_2020_wk1_from_pbp.csv: no play_id column; skipped");

  // The loaded plays are training data.
  auto trained = test::run_job(node, admin, "/api/ml/train", R"({"min_games":10})", 60s);
  CHECK(test::json_string(trained, "/status") == "completed");

  // A load that drops most rows is flagged (a warning: the job completes).
  temp_dir small{"small"};
  copy_lines(nflverse / "nflfastR_pbp_2020_wk1_all16games_keycols.csv",
             small.path / "nflfastR_pbp_2020_wk1.csv", 301);
  auto shrunk = test::run_job(node, admin, "/api/jobs",
                              R"({"type":"data_pipeline","params":{"dir":")" + small.path.string() +
                                  R"(","sources":["pbp"]}})",
                              60s);
  INFO(shrunk);
  CHECK(test::json_string(shrunk, "/status") == "completed");
  CHECK(test::json_number(shrunk, "/result/warnings") >= 1);
  CHECK(test::sql_value(
            db.url(), "SELECT status || ' ' || round(value) FROM pipeline_checks WHERE job_id = " +
                          std::to_string(static_cast<long long>(test::json_number(shrunk, "/id"))) +
                          " AND name = 'row_count_change'") == "failed -90");
  auto metrics = node.get("/metrics");
  REQUIRE(metrics);
  CHECK(
      test::metric_value(
          metrics->body,
          R"(playclock_pipeline_checks_total{check="row_count_change",source="pbp",status="warning"})") ==
      1);
}

TEST_CASE("a missing file or column fails data_pipeline with the reason",
          "[integration][jobs][pipeline]") {
  auto real = test::realdata_dir();
  if (!real) {
    WARN("skipped: real data not found at " << test::realdata_expected_dir());
    return;
  }
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(), {{"PLAYCLOCK_AUTH__ADMIN_TOKEN", admin}}};
  REQUIRE(node.wait_ready());
  temp_dir empty{"empty"};
  auto none = test::run_job(node, admin, "/api/jobs",
                            R"({"type":"data_pipeline","max_attempts":1,"params":{"dir":")" +
                                empty.path.string() + R"("}})");
  INFO(none);
  CHECK(test::json_string(none, "/status") == "failed");
  CHECK_THAT(test::json_string(none, "/error"),
             Catch::Contains("critical check failed: schedules file_present: no *schedules*.csv"));

  // A schedule without its scores column.
  temp_dir broken{"broken"};
  {
    std::ofstream out{broken.path / "schedules.csv"};
    out << "game_id,season,game_type,week,gameday,away_team,home_team,away_score\n"
        << "2020_01_HOU_KC,2020,REG,1,2020-09-10,HOU,KC,20\n";
  }
  auto cols = test::run_job(node, admin, "/api/jobs",
                            R"({"type":"data_pipeline","max_attempts":1,"params":{"dir":")" +
                                broken.path.string() + R"(","sources":["schedules"]}})");
  INFO(cols);
  CHECK(test::json_string(cols, "/status") == "failed");
  CHECK_THAT(test::json_string(cols, "/error"), Catch::Contains("missing home_score"));
  CHECK(test::sql_value(db.url(), "SELECT count(*) FROM pipeline_checks WHERE status = 'failed'"
                                  " AND severity = 'critical'") == "3"); // 2 files absent, 1 column
}
