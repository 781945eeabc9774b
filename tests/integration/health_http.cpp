// The health report's operations part and the health history against a real
// node and PostgreSQL: the job queue (stuck and recently failed jobs make
// the node degraded), the active model, each source's freshness, and a
// snapshot stored on the node's timer, paged newest first.
#include <catch2/catch.hpp>

#include <string>

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include "tests/integration/node_process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

bool json_true(const std::string& json, const char* pointer) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  const auto* v = rapidjson::Pointer(pointer).Get(d);
  return !d.HasParseError() && v != nullptr && v->IsBool() && v->GetBool();
}

// The status of `source` in the report's sources ("" if absent).
std::string source_status(const std::string& json, const std::string& source) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("sources") || !d["sources"].IsArray())
    return {};
  for (const auto& s : d["sources"].GetArray())
    if (s.IsObject() && s.HasMember("source") && s["source"].IsString() &&
        s["source"].GetString() == source && s["status"].IsString())
      return s["status"].GetString();
  return {};
}

} // namespace

TEST_CASE("health shows the job queue, the model and source freshness; stuck jobs degrade it",
          "[integration][health]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(), {{"PLAYCLOCK_NODE__HEALTH_SNAPSHOT_S", "1"}}};
  REQUIRE(node.wait_ready());

  std::string body;
  REQUIRE(test::wait_until(
      [&] {
        auto h = node.get("/api/system/health");
        body = h ? h->body : "";
        return source_status(body, "espn.scoreboard") == "ok" &&
               source_status(body, "espn.schedule") == "ok";
      },
      15s));
  INFO(body);
  CHECK(test::json_string(body, "/status") == "ok");
  CHECK(test::json_number(body, "/jobs/pending") == 0);
  CHECK(test::json_number(body, "/jobs/stuck") == 0);
  CHECK(test::json_number(body, "/model/active_version") == 1);
  CHECK(json_true(body, "/model/builtin"));
  CHECK(test::json_string(body, "/model/name") == "nfl_wp");

  // A job running on a node that no longer heeds its time-out, and one that
  // failed a minute ago.
  test::sql_exec(db.url(), "INSERT INTO jobs (job_type, status, attempts, timeout_s, lease_owner,"
                           " lease_expires_at, started_at, finished_at, error) VALUES"
                           " ('noop', 'running', 1, 60, 'ghost', now() + interval '1 hour',"
                           "  now() - interval '2 hours', NULL, NULL),"
                           " ('noop', 'failed', 3, 60, NULL, NULL, now() - interval '2 minutes',"
                           "  now() - interval '1 minute', 'boom')");
  auto degraded = node.get("/api/system/health");
  REQUIRE(degraded);
  INFO(degraded->body);
  CHECK(degraded->status == 200);
  CHECK(test::json_string(degraded->body, "/status") == "degraded");
  CHECK(test::json_number(degraded->body, "/jobs/stuck") == 1);
  CHECK(test::json_number(degraded->body, "/jobs/running") == 1);
  CHECK(test::json_number(degraded->body, "/jobs/failed_last_hour") == 1);
}

TEST_CASE("health snapshots are stored on a timer and paged newest first",
          "[integration][health]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(), {{"PLAYCLOCK_NODE__HEALTH_SNAPSHOT_S", "1"}}};
  REQUIRE(node.wait_ready());
  REQUIRE(test::wait_until(
      [&] { return test::sql_value(db.url(), "SELECT count(*) FROM health_history") >= "3"; },
      15s));

  auto first = node.get("/api/system/health/history?limit=1");
  REQUIRE(first);
  INFO(first->body);
  REQUIRE(first->status == 200);
  CHECK(test::json_string(first->body, "/snapshots/0/node") ==
        "itest-" + std::to_string(node.port()));
  CHECK(test::json_string(first->body, "/snapshots/0/report/node") ==
        test::json_string(first->body, "/snapshots/0/node"));
  CHECK(test::json_number(first->body, "/snapshots/0/report/jobs/pending") == 0);
  auto cursor = test::json_string(first->body, "/next_cursor");
  REQUIRE_FALSE(cursor.empty());
  auto second = node.get("/api/system/health/history?limit=1&cursor=" + cursor);
  REQUIRE(second);
  CHECK(second->status == 200);
  CHECK(test::json_number(second->body, "/snapshots/0/id") <
        test::json_number(first->body, "/snapshots/0/id"));

  auto other = node.get("/api/system/health/history?node=elsewhere");
  REQUIRE(other);
  CHECK(other->body.find(R"("snapshots":[])") != std::string::npos);
  for (const char* bad : {"?limit=0", "?limit=5000", "?cursor=nope", "?colour=red"}) {
    auto res = node.get(std::string{"/api/system/health/history"} + bad);
    REQUIRE(res);
    CHECK(res->status == 400);
  }
}
