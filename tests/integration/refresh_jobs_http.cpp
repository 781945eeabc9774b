// quick_data_refresh against a real node: each live source is polled once
// at once (a new sync-log row per source), the pollers' own timers are not
// doubled by it, and a refresh whose every source fails fails the job.
#include <catch2/catch.hpp>

#include <string>
#include <thread>

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include "tests/integration/job_client.hpp"
#include "tests/integration/node_process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

const std::string admin = "admin-token-for-tests";

int rows(const std::string& url, const std::string& suffix, const std::string& since = "0") {
  return std::stoi(test::sql_value(url, "SELECT count(*) FROM sync_log WHERE source LIKE '%." +
                                            suffix + "' AND started_at > now() - interval '" +
                                            (since == "0" ? "1 day" : since) + "'"));
}

// The status the job's result gives `source` ("" if absent).
std::string source_status(const std::string& job, const std::string& source) {
  rapidjson::Document d;
  d.Parse(job.c_str());
  const auto* list = rapidjson::Pointer("/result/sources").Get(d);
  if (d.HasParseError() || list == nullptr || !list->IsArray())
    return {};
  for (const auto& s : list->GetArray())
    if (s.IsObject() && s.HasMember("source") && s["source"].IsString() &&
        s["source"].GetString() == source && s.HasMember("status") && s["status"].IsString())
      return s["status"].GetString();
  return {};
}

} // namespace

TEST_CASE("quick_data_refresh polls every live source once without doubling their timers",
          "[integration][jobs]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(),
                          {{"PLAYCLOCK_AUTH__ADMIN_TOKEN", admin},
                           {"PLAYCLOCK_SOURCES__ESPN__SCOREBOARD_INTERVAL_S", "1"}}};
  REQUIRE(node.wait_ready());
  // The first schedule round runs at start; the next would be an hour later.
  REQUIRE(test::wait_until([&] { return rows(db.url(), "schedule") == 1; }, 10s));

  auto bad = node.request_as(admin, "POST", "/api/jobs",
                             R"({"type":"quick_data_refresh","params":{"sources":["tv"]}})");
  REQUIRE(bad);
  CHECK(bad->status == 422);
  CHECK_THAT(bad->body, Catch::Contains("params.sources"));

  auto job = test::run_job(node, admin, "/api/data/quick-refresh", "");
  INFO(job);
  REQUIRE(test::json_string(job, "/status") == "completed");
  CHECK(test::json_string(job, "/result/sources/0/source") == "scoreboard");
  CHECK(source_status(job, "scoreboard") == "ok");
  CHECK(source_status(job, "schedule") == "ok");
  CHECK(source_status(job, "injuries") == "ok");
  CHECK(source_status(job, "markets") == "ok");
  CHECK(test::json_string(job, "/progress_message").find("sources refreshed") != std::string::npos);
  // The refresh's own schedule round: one more row (written by the storage
  // actor a moment later).
  CHECK(test::wait_until([&] { return rows(db.url(), "schedule") == 2; }, 5s));

  // Only the named sources; several refreshes in a row.
  for (int i = 0; i < 4; ++i) {
    auto one =
        test::run_job(node, admin, "/api/data/quick-refresh", R"({"sources":["scoreboard"]})");
    CHECK(test::json_string(one, "/status") == "completed");
    CHECK(source_status(one, "scoreboard") == "ok");
    CHECK(source_status(one, "schedule").empty());
  }
  CHECK(rows(db.url(), "schedule") == 2);
  // One timer still: about one scoreboard round a second, where five
  // doubled timers would make about five.
  std::this_thread::sleep_for(4s);
  auto recent = rows(db.url(), "scoreboard", "3 seconds");
  CHECK(recent >= 2);
  CHECK(recent <= 5);
}

TEST_CASE("a quick_data_refresh whose every source fails fails with the reason",
          "[integration][jobs]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(),
                          {{"PLAYCLOCK_AUTH__ADMIN_TOKEN", admin},
                           {"PLAYCLOCK_SOURCES__ESPN__BASE_URL", "http://127.0.0.1:9"},
                           {"PLAYCLOCK_SOURCES__KALSHI__BASE_URL", ""}}};
  REQUIRE(node.wait_ready());
  auto job = test::run_job(node, admin, "/api/jobs",
                           R"({"type":"quick_data_refresh","max_attempts":1,)"
                           R"("params":{"sources":["scoreboard","markets"],"wait_s":20}})");
  INFO(job);
  CHECK(test::json_string(job, "/status") == "failed");
  CHECK_THAT(test::json_string(job, "/error"), Catch::Contains("every source failed"));
}
