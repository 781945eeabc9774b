// The model jobs over HTTP against a real node and PostgreSQL: training on
// stored plays writes a new registry version (promoted only if not worse),
// rollback switches versions, and predictions are stored per version and
// served per game.
#include <catch2/catch.hpp>

#include <string>

#include <pqxx/pqxx>
#include <rapidjson/document.h>

#include "tests/integration/job_client.hpp"
#include "tests/integration/node_process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

const std::string admin = "admin-token-for-tests";

// `games` final games with 40 plays each (the home team wins the even ones)
// and one live game, straight into the tables the feed fills.
void seed_games(const std::string& url, int games) {
  pqxx::connection c{url};
  pqxx::work tx{c};
  for (int g = 0; g < games; ++g) {
    auto id = "ml" + std::to_string(g);
    bool home_wins = g % 2 == 0;
    int home_final = home_wins ? 24 : 10, away_final = home_wins ? 13 : 27;
    tx.exec_params("INSERT INTO games (game_id, source, state, home_team, away_team, home_score,"
                   " away_score, period, clock) VALUES ($1, 'test', 'post', 'HOM', 'AWY', $2, $3,"
                   " 4, '0:00')",
                   id, home_final, away_final);
    for (int p = 1; p <= 40; ++p) {
      int period = (p - 1) / 10 + 1;
      int secs = 900 - ((p - 1) % 10) * 90;
      auto clock =
          std::to_string(secs / 60) + ":" + (secs % 60 < 10 ? "0" : "") + std::to_string(secs % 60);
      tx.exec_params("INSERT INTO plays (game_id, play_id, sequence, period, clock, team,"
                     " start_down, start_distance, start_yard_line, home_score, away_score)"
                     " VALUES ($1, $2, $3, $4, $5, $6, 1, 10, $7, $8, $9)",
                     id, std::to_string(p), p, period, clock, p % 2 == 0 ? "HOM" : "AWY", 20 + p,
                     home_final * p / 40, away_final * p / 40);
    }
  }
  tx.exec("INSERT INTO games (game_id, source, state, home_team, away_team, home_score,"
          " away_score, period, clock, possession, down, distance, yard_line) VALUES"
          " ('mllive', 'test', 'in', 'HOM', 'AWY', 21, 3, 4, '2:00', 'HOM', 1, 10, 50)");
  tx.commit();
}

} // namespace

TEST_CASE("training stores a version, rollback switches, predictions use the active one",
          "[integration][jobs][ml]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(),
                          {{"PLAYCLOCK_AUTH__ADMIN_TOKEN", admin},
                           {"PLAYCLOCK_SOURCES__ESPN__BASE_URL", "http://127.0.0.1:9"},
                           {"PLAYCLOCK_SOURCES__KALSHI__BASE_URL", ""}}};
  REQUIRE(node.wait_ready());
  seed_games(db.url(), 12);

  // Too few games is a clear failure, not a model.
  auto short_job = test::run_job(node, admin, "/api/ml/train", R"({"min_games":50})");
  CHECK(test::json_string(short_job, "/status") == "failed");
  CHECK_THAT(test::json_string(short_job, "/error"),
             Catch::Contains("only 12 finished game(s) with plays are stored; min_games is 50"));
  CHECK(test::sql_value(db.url(), "SELECT count(*) FROM model_versions") == "0");

  auto trained =
      test::run_job(node, admin, "/api/ml/train", R"({"min_games":10,"holdout_pct":25})");
  INFO(trained);
  REQUIRE(test::json_string(trained, "/status") == "completed");
  CHECK(test::sql_value(db.url(), "SELECT max(version) FROM model_versions") == "2");
  rapidjson::Document d;
  d.Parse(trained.c_str());
  REQUIRE(d.HasMember("result"));
  const auto& r = d["result"];
  CHECK(r["games"].GetInt() == 12);
  CHECK(r["train_games"].GetInt() + r["holdout_games"].GetInt() == 12);
  CHECK(r["metrics"]["log_loss"].GetDouble() > 0);
  // Promoted exactly when it scored no worse than the built-in model.
  bool better =
      r["metrics"]["log_loss"].GetDouble() <= r["baseline"]["metrics"]["log_loss"].GetDouble();
  CHECK(r["promoted"].GetBool() == better);
  CHECK(test::sql_value(db.url(),
                        "SELECT coalesce(max(version), 1) FROM model_versions WHERE active") ==
        (better ? "2" : "1"));

  // Rollback is the admin's; version 2 becomes active, then back to the built-in.
  CHECK(node.request_as("", "POST", "/api/models/nfl_wp/rollback?version=2")->status == 401);
  auto to2 = node.request_as(admin, "POST", "/api/models/nfl_wp/rollback?version=2");
  REQUIRE(to2);
  CHECK(to2->status == 200);
  CHECK(test::sql_value(db.url(), "SELECT version FROM model_versions WHERE active") == "2");
  CHECK(node.request_as(admin, "POST", "/api/models/nfl_wp/rollback?version=7")->status == 404);

  auto predicted = test::run_job(node, admin, "/api/ml/generate-predictions", "");
  REQUIRE(test::json_string(predicted, "/status") == "completed");
  auto preds = node.get("/api/games/mllive/predictions");
  REQUIRE(preds);
  REQUIRE(preds->status == 200);
  rapidjson::Document p;
  p.Parse(preds->body.c_str());
  REQUIRE(p["predictions"].Size() == 1);
  CHECK(p["predictions"][0]["model_version"].GetInt() == 2);
  // Up 18 with two minutes left: the home team is a heavy favourite.
  CHECK(p["predictions"][0]["home_win_prob"].GetDouble() > 0.9);
  CHECK(node.get("/api/games/nosuchgame/predictions")->status == 404);

  auto back = node.request_as(admin, "POST", "/api/models/nfl_wp/rollback");
  REQUIRE(back);
  CHECK(back->status == 200);
  CHECK(test::sql_value(db.url(), "SELECT count(*) FROM model_versions WHERE active") == "0");
  auto listed = node.get("/api/models/nfl_wp");
  REQUIRE(listed);
  CHECK(listed->status == 200);
  CHECK(listed->body.find(R"("active_version" : null)") != std::string::npos);
}
