// The job queue over HTTP against real nodes and PostgreSQL: submission
// committed before 202, idempotency keys, progress, cancellation and
// time-outs mid-run, tenants kept apart, and kill -9 of a node while jobs
// run: after a restart every job finishes exactly once.
#include <catch2/catch.hpp>

#include <csignal>
#include <optional>
#include <string>

#include <pqxx/pqxx>
#include <rapidjson/document.h>

#include "adapters/http/client.hpp"
#include "tests/integration/job_client.hpp"
#include "tests/integration/node_process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

const std::string& admin = test::admin_token;
const std::string& acme = test::acme_token;
const std::string& bravo = test::bravo_token;

std::map<std::string, std::string> node_env() {
  return test::tenants_env({{"PLAYCLOCK_JOBS__LEASE_S", "2"},
                            {"PLAYCLOCK_JOBS__HEARTBEAT_MS", "300"},
                            {"PLAYCLOCK_JOBS__RETRY_BACKOFF_INITIAL_MS", "100"},
                            {"PLAYCLOCK_JOBS__RETRY_BACKOFF_MAX_MS", "1000"}});
}

int status(const std::optional<http::client_response>& res) {
  return res ? res->status : -1;
}

std::int64_t json_int(const std::string& json, const char* member) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember(member) || !d[member].IsInt64())
    return -1;
  return d[member].GetInt64();
}

// Submits a job as `token`; its id, or -1.
std::int64_t submit(test::node_process& node, const std::string& token, const std::string& body) {
  auto res = node.request_as(token, "POST", "/api/jobs", body);
  if (status(res) != 202)
    return -1;
  return json_int(res->body, "id");
}

std::string job_status(test::node_process& node, std::int64_t id) {
  auto res = node.request_as(admin, "GET", "/api/jobs/" + std::to_string(id));
  return res && res->status == 200 ? test::json_string(res->body, "/status") : "?";
}

bool wait_status(test::node_process& node, std::int64_t id, const std::string& want,
                 std::chrono::milliseconds timeout = 15s) {
  return test::wait_until([&] { return job_status(node, id) == want; }, timeout);
}

} // namespace

TEST_CASE("a job is committed before 202 and runs to completion with progress",
          "[integration][jobs]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(), node_env()};
  REQUIRE(node.wait_ready());

  CHECK(status(node.request_as("", "POST", "/api/jobs", R"({"type":"noop"})")) == 401);
  CHECK(status(node.request_as("not-a-token-at-all", "GET", "/api/jobs")) == 401);

  auto res = node.request_as(acme, "POST", "/api/jobs",
                             R"({"type":"noop","params":{"steps":4,"step_ms":150}})");
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 202);
  auto id = json_int(res->body, "id");
  REQUIRE(id > 0);
  CHECK(res->header("location").value_or("") == "/api/jobs/" + std::to_string(id));
  // Committed: the row is there the moment the answer is.
  CHECK(test::sql_value(db.url(), "SELECT tenant_id FROM jobs WHERE job_id = " +
                                      std::to_string(id)) == "acme");

  // Progress is visible while it runs.
  CHECK(test::wait_until(
      [&] {
        auto j = node.request_as(acme, "GET", "/api/jobs/" + std::to_string(id));
        return j && json_int(j->body, "progress") > 0 && json_int(j->body, "progress") < 100;
      },
      10s));
  REQUIRE(wait_status(node, id, "completed"));
  auto done = node.request_as(acme, "GET", "/api/jobs/" + std::to_string(id));
  REQUIRE(done);
  CHECK(json_int(done->body, "progress") == 100);
  CHECK(json_int(done->body, "attempts") == 1);
  CHECK(test::json_string(done->body, "/progress_message") == "step 4 of 4");
  CHECK(done->body.find(R"("steps": 4)") != std::string::npos);

  auto metrics = node.get("/metrics");
  REQUIRE(metrics);
  CHECK(test::metric_value(metrics->body,
                           R"(playclock_jobs_finished_total{status="completed",type="noop"})") ==
        1);
  CHECK(test::metric_value(metrics->body, R"(playclock_job_wait_seconds_count{type="noop"})") == 1);

  // Bad submissions name the field.
  auto bad = node.request_as(acme, "POST", "/api/jobs", R"({"type":"noop","params":{"x":1}})");
  REQUIRE(status(bad) == 422);
  CHECK(bad->body.find("params.x") != std::string::npos);
  CHECK(status(node.request_as(acme, "POST", "/api/jobs", R"({"type":"mine"})")) == 422);
  CHECK(status(node.request_as(acme, "POST", "/api/jobs", "[1,")) == 400);
  CHECK(status(node.request_as(acme, "POST", "/api/jobs",
                               R"({"type":"noop","run_at":"tomorrow"})")) == 422);
  CHECK(status(node.request_as(acme, "GET", "/api/jobs/abc")) == 400);
  CHECK(status(node.request_as(acme, "GET", "/api/jobs/999999")) == 404);
}

TEST_CASE("an idempotency key makes a retried submission the same job", "[integration][jobs]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(), node_env()};
  REQUIRE(node.wait_ready());
  auto post = [&](const std::string& key, const std::string& body) {
    return node.request_as(acme, "POST", "/api/jobs", body,
                           {{"Content-Type", "application/json"}, {"Idempotency-Key", key}});
  };
  auto body = R"({"type":"noop","params":{"steps":1}})";
  auto first = post("order-17", body);
  REQUIRE(status(first) == 202);
  auto again = post("order-17", body);
  REQUIRE(status(again) == 202);
  CHECK(json_int(again->body, "id") == json_int(first->body, "id"));
  CHECK(again->header("idempotent-replayed").value_or("") == "true");
  auto other = post("order-17", R"({"type":"noop","params":{"steps":2}})");
  REQUIRE(status(other) == 422);
  CHECK(other->body.find("Idempotency-Key") != std::string::npos);
  CHECK(test::sql_value(db.url(), "SELECT count(*) FROM jobs") == "1");
  // Keys are per tenant: another tenant's same key is its own job.
  auto theirs =
      node.request_as(bravo, "POST", "/api/jobs", body, {{"Idempotency-Key", "order-17"}});
  REQUIRE(status(theirs) == 202);
  CHECK(json_int(theirs->body, "id") != json_int(first->body, "id"));
  CHECK(status(post(std::string(300, 'k'), body)) == 400);
}

TEST_CASE("cancel and time-out stop a running job; failures retry up to max_attempts",
          "[integration][jobs]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(), node_env()};
  REQUIRE(node.wait_ready());

  auto running = submit(node, acme, R"({"type":"noop","params":{"steps":100,"step_ms":100}})");
  REQUIRE(running > 0);
  REQUIRE(wait_status(node, running, "running"));
  auto cancel = node.request_as(acme, "POST", "/api/jobs/" + std::to_string(running) + "/cancel");
  REQUIRE(status(cancel) == 202);
  REQUIRE(wait_status(node, running, "cancelled", 5s));
  CHECK(test::sql_value(db.url(), "SELECT progress < 100 FROM jobs WHERE job_id = " +
                                      std::to_string(running)) == "t");
  // Cancelling a finished job is a conflict.
  CHECK(status(node.request_as(acme, "POST", "/api/jobs/" + std::to_string(running) + "/cancel")) ==
        409);

  // A job scheduled for later is cancelled before it runs.
  auto later = submit(node, acme, R"({"type":"noop","run_at":"2099-01-01T00:00:00Z"})");
  REQUIRE(later > 0);
  auto c2 = node.request_as(acme, "POST", "/api/jobs/" + std::to_string(later) + "/cancel");
  REQUIRE(status(c2) == 200);
  CHECK(test::json_string(c2->body, "/status") == "cancelled");

  // Time-out: each attempt is stopped after 1 s, retried, then failed.
  auto slow = submit(
      node, acme,
      R"({"type":"noop","params":{"steps":100,"step_ms":100},"timeout_s":1,"max_attempts":2})");
  REQUIRE(slow > 0);
  REQUIRE(wait_status(node, slow, "failed", 20s));
  auto failed = node.request_as(acme, "GET", "/api/jobs/" + std::to_string(slow));
  REQUIRE(failed);
  CHECK(json_int(failed->body, "attempts") == 2);
  CHECK(test::json_string(failed->body, "/error").find("timed out after 1 s") != std::string::npos);
  auto metrics = node.get("/metrics");
  REQUIRE(metrics);
  CHECK(test::metric_value(metrics->body,
                           R"(playclock_jobs_finished_total{status="retry",type="noop"})") == 1);
  CHECK(test::metric_value(metrics->body,
                           R"(playclock_jobs_finished_total{status="failed",type="noop"})") == 1);
  CHECK(test::metric_value(metrics->body,
                           R"(playclock_jobs_finished_total{status="cancelled",type="noop"})") ==
        1);
}

TEST_CASE("tenants see and act on their own jobs only", "[integration][jobs][auth]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(), node_env()};
  REQUIRE(node.wait_ready());
  auto mine = submit(node, acme, R"({"type":"noop","run_at":"2099-01-01T00:00:00Z"})");
  auto theirs = submit(node, bravo, R"({"type":"noop","run_at":"2099-01-01T00:00:00Z"})");
  auto cluster = submit(node, admin, R"({"type":"noop","run_at":"2099-01-01T00:00:00Z"})");
  REQUIRE(mine > 0);
  REQUIRE(theirs > 0);
  REQUIRE(cluster > 0);
  auto path = [](std::int64_t id) { return "/api/jobs/" + std::to_string(id); };

  CHECK(status(node.request_as(acme, "GET", path(mine))) == 200);
  CHECK(status(node.request_as(acme, "GET", path(theirs))) == 403);
  CHECK(status(node.request_as(acme, "GET", path(cluster))) == 403);
  CHECK(status(node.request_as(acme, "POST", path(theirs) + "/cancel")) == 403);
  CHECK(job_status(node, theirs) == "pending");
  CHECK(status(node.request_as(acme, "POST", "/api/jobs", R"({"type":"noop","tenant":"bravo"})")) ==
        403);
  CHECK(status(node.request_as(acme, "GET", "/api/jobs?tenant=bravo")) == 403);

  auto list = node.request_as(acme, "GET", "/api/jobs");
  REQUIRE(status(list) == 200);
  CHECK(list->body.find(R"("tenant" : "acme")") != std::string::npos);
  CHECK(list->body.find("bravo") == std::string::npos);
  CHECK(list->body.find(R"("tenant" : null)") == std::string::npos);

  // The admin sees all, filters by tenant, and submits for a tenant.
  auto all = node.request_as(admin, "GET", "/api/jobs?limit=2");
  REQUIRE(status(all) == 200);
  auto cursor = test::json_string(all->body, "/next_cursor");
  REQUIRE_FALSE(cursor.empty());
  auto rest = node.request_as(admin, "GET", "/api/jobs?limit=2&cursor=" + cursor);
  REQUIRE(status(rest) == 200);
  CHECK(rest->body.find(R"("id" : )" + std::to_string(mine)) != std::string::npos);
  auto only_bravo = node.request_as(admin, "GET", "/api/jobs?tenant=bravo");
  REQUIRE(status(only_bravo) == 200);
  CHECK(only_bravo->body.find("acme") == std::string::npos);
  CHECK(status(node.request_as(admin, "POST", "/api/jobs",
                               R"({"type":"noop","tenant":"nobody"})")) == 422);
  CHECK(status(node.request_as(admin, "GET", "/api/jobs?cursor=zzz")) == 400);

  // Cleanup removes finished jobs only, and only the caller's.
  CHECK(status(node.request_as(acme, "POST", path(mine) + "/cancel")) == 200);
  CHECK(status(node.request_as(bravo, "POST", path(theirs) + "/cancel")) == 200);
  auto cleaned = node.request_as(acme, "DELETE", "/api/jobs/cleanup?older_than_days=0");
  REQUIRE(status(cleaned) == 200);
  CHECK(json_int(cleaned->body, "deleted") == 1);
  CHECK(status(node.request_as(acme, "GET", path(mine))) == 404);
  CHECK(job_status(node, theirs) == "cancelled");
  CHECK(job_status(node, cluster) == "pending");
}

TEST_CASE("kill -9 of a node with running jobs loses none; each finishes exactly once",
          "[integration][jobs]") {
  test::test_database db;
  if (!db.available())
    return;
  constexpr int jobs = 8;
  {
    test::node_process node{db.url(), node_env()};
    REQUIRE(node.wait_ready());
    for (int i = 0; i < jobs; ++i)
      REQUIRE(submit(node, admin, R"({"type":"noop","params":{"steps":10,"step_ms":100}})") > 0);
    REQUIRE(test::wait_until(
        [&] {
          return test::sql_value(db.url(), "SELECT count(*) FROM jobs WHERE status = 'running'") ==
                 "4";
        },
        10s));
    node.process().signal(SIGKILL);
    REQUIRE(node.process().wait_for_exit(5s));
  }
  CHECK(test::sql_value(db.url(), "SELECT count(*) FROM jobs") == std::to_string(jobs));
  CHECK(test::sql_value(db.url(), "SELECT count(*) FROM jobs WHERE status = 'completed'") == "0");

  test::node_process again{db.url(), node_env()};
  REQUIRE(again.wait_ready());
  REQUIRE(test::wait_until(
      [&] {
        return test::sql_value(db.url(), "SELECT count(*) FROM jobs WHERE status = 'completed'") ==
               std::to_string(jobs);
      },
      30s));
  // The four that ran when the node died ran again (attempt 2); the others once.
  CHECK(test::sql_value(db.url(), "SELECT count(*) FROM jobs WHERE attempts = 2") == "4");
  CHECK(test::sql_value(db.url(), "SELECT count(*) FROM jobs WHERE attempts = 1") == "4");
  CHECK(test::sql_value(db.url(), "SELECT count(*) FROM jobs WHERE finished_at IS NULL") == "0");
  auto metrics = again.get("/metrics");
  REQUIRE(metrics);
  CHECK(test::metric_value(metrics->body, R"(playclock_jobs_rescued_total{outcome="requeued"})") ==
        4);
}
