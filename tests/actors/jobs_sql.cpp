// The job queue's SQL on a real PostgreSQL: claims honour priority, run_at
// and the per-type and per-tenant limits; every write of a running job is
// guarded by its lease; expired leases are rescued; failures retry later.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "actors/jobs/jobs_sql.hpp"
#include "adapters/pg/migrations.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;

namespace {

struct queue_db {
  explicit queue_db(const std::string& url) : conn{url} {
    pg::migrate(conn, pg::embedded_migrations());
    pqxx::work tx{conn};
    tx.exec("INSERT INTO tenants (tenant_id) VALUES ('acme'), ('bravo')");
    tx.commit();
  }

  std::int64_t add(const std::string& type, const std::string& tenant, int priority = 0,
                   std::int64_t run_at_ms = -1, int max_attempts = 3) {
    job_submission s;
    s.type = type;
    s.tenant = tenant;
    s.priority = priority;
    s.run_at_ms = run_at_ms;
    s.max_attempts = max_attempts;
    s.request_hash = "h";
    return jobs_sql::enqueue(conn, s).id;
  }

  std::string value(const std::string& sql) {
    pqxx::work tx{conn};
    auto r = tx.exec1(sql);
    return r[0].is_null() ? "NULL" : r[0].as<std::string>();
  }

  pqxx::connection conn;
};

jobs_sql::claim_request want(int n, const std::string& node = "n1") {
  jobs_sql::claim_request r;
  r.node = node;
  r.want = n;
  r.max_per_type = 100;
  r.max_per_tenant = 100;
  r.lease_s = 30;
  return r;
}

} // namespace

TEST_CASE("claims take due jobs by priority, then run_at, with SKIP LOCKED", "[jobs][pg]") {
  test::test_database db;
  if (!db.available())
    return;
  queue_db q{db.url()};
  auto low = q.add("noop", "");
  auto high = q.add("noop", "", 10);
  auto future = q.add("noop", "", 100, 4102444800000); // 2100
  auto got = jobs_sql::claim(q.conn, want(1));
  REQUIRE(got.size() == 1);
  CHECK(got[0].id == high);
  CHECK(got[0].attempt == 1);
  got = jobs_sql::claim(q.conn, want(5));
  REQUIRE(got.size() == 1);
  CHECK(got[0].id == low);
  CHECK(jobs_sql::claim(q.conn, want(5)).empty());
  CHECK(q.value("SELECT status FROM jobs WHERE job_id = " + std::to_string(future)) == "pending");
  CHECK(q.value("SELECT lease_owner FROM jobs WHERE job_id = " + std::to_string(low)) == "n1");
}

TEST_CASE("claims respect the per-type and per-tenant limits across claimers", "[jobs][pg]") {
  test::test_database db;
  if (!db.available())
    return;
  queue_db q{db.url()};
  for (int i = 0; i < 5; ++i) {
    q.add("noop", "acme");
    q.add("noop", "bravo");
  }
  auto r = want(10);
  r.max_per_tenant = 2;
  auto first = jobs_sql::claim(q.conn, r);
  CHECK(first.size() == 4); // two of each tenant
  std::multiset<std::string> tenants;
  for (const auto& j : first)
    tenants.insert(j.tenant);
  CHECK(tenants.count("acme") == 2);
  CHECK(tenants.count("bravo") == 2);
  // Another node gets nothing while they run: the limit is the cluster's.
  r.node = "n2";
  CHECK(jobs_sql::claim(q.conn, r).empty());

  // Per type: cluster jobs (no tenant) are bounded by the type limit.
  test::test_database db2;
  queue_db q2{db2.url()};
  for (int i = 0; i < 5; ++i)
    q2.add("noop", "");
  auto t = want(10);
  t.max_per_type = 3;
  CHECK(jobs_sql::claim(q2.conn, t).size() == 3);
  CHECK(jobs_sql::claim(q2.conn, t).empty());
}

TEST_CASE("a job's outcome is written once, under its lease", "[jobs][pg]") {
  test::test_database db;
  if (!db.available())
    return;
  queue_db q{db.url()};
  auto id = q.add("noop", "acme", 0, -1, 2);
  auto job = jobs_sql::claim(q.conn, want(1)).at(0);

  CHECK_FALSE(jobs_sql::record_progress(q.conn, job, "n1", 40, "almost"));
  CHECK(q.value("SELECT progress FROM jobs WHERE job_id = " + std::to_string(id)) == "40");
  // Another node (or an old attempt) cannot write.
  CHECK(jobs_sql::record_progress(q.conn, job, "n2", 50, "mine"));
  CHECK(
      jobs_sql::finish(q.conn, job, "n2", {jobs_sql::end_status::completed, "{}", "", 0}).empty());

  // A failure with attempts left goes back to pending, later.
  CHECK(jobs_sql::finish(q.conn, job, "n1", {jobs_sql::end_status::failed, "", "boom", 60000}) ==
        "retry");
  CHECK(q.value("SELECT status || ' ' || error FROM jobs WHERE job_id = " + std::to_string(id)) ==
        "pending boom");
  CHECK(q.value("SELECT run_at > now() + interval '50 seconds' FROM jobs WHERE job_id = " +
                std::to_string(id)) == "t");
  CHECK(jobs_sql::claim(q.conn, want(1)).empty());
  // Recording twice does nothing.
  CHECK(
      jobs_sql::finish(q.conn, job, "n1", {jobs_sql::end_status::completed, "{}", "", 0}).empty());

  // The last attempt's failure is final.
  {
    pqxx::work tx{q.conn};
    tx.exec("UPDATE jobs SET run_at = now()");
    tx.commit();
  }
  auto second = jobs_sql::claim(q.conn, want(1)).at(0);
  CHECK(second.attempt == 2);
  CHECK(jobs_sql::finish(q.conn, second, "n1",
                         {jobs_sql::end_status::failed, "", "boom again", 0}) == "failed");
  CHECK(q.value("SELECT finished_at IS NOT NULL FROM jobs WHERE job_id = " + std::to_string(id)) ==
        "t");
}

TEST_CASE("one round records many ends, each under its lease, and claims the freed slots",
          "[jobs][pg]") {
  test::test_database db;
  if (!db.available())
    return;
  queue_db q{db.url()};
  for (int i = 0; i < 6; ++i)
    q.add("noop", "");
  auto held = jobs_sql::claim(q.conn, want(4));
  REQUIRE(held.size() == 4);
  // One of them was taken over by another node meanwhile.
  {
    pqxx::work tx{q.conn};
    tx.exec("UPDATE jobs SET lease_owner = 'n2' WHERE job_id = " + std::to_string(held[3].id));
    tx.commit();
  }
  // A result with quotes, backslashes, braces and UTF-8 goes through the
  // array parameter unchanged.
  const std::string tricky = R"({"text":"a \"quoted\" {b,c} \\ café é","n":[1,2]})";
  std::vector<jobs_sql::ended_job> ends{
      {held[0], {jobs_sql::end_status::completed, tricky, "", 0}},
      {held[1], {jobs_sql::end_status::failed, "", "it broke, \"badly\"", 60000}},
      {held[2], {jobs_sql::end_status::cancelled, "", "cancelled while running", 0}},
      {held[3], {jobs_sql::end_status::completed, "{}", "", 0}},
  };
  auto out = jobs_sql::finish_and_claim(q.conn, ends, want(3));
  CHECK(out.outcomes == std::vector<std::string>{"completed", "retry", "cancelled", ""});
  // Two due jobs were left (the retry waits a minute).
  CHECK(out.claimed.size() == 2);
  auto row = [&](std::int64_t id, const std::string& expr) {
    return q.value("SELECT " + expr + " FROM jobs WHERE job_id = " + std::to_string(id));
  };
  CHECK(row(held[0].id, "result = '" + tricky + "'::jsonb") == "t");
  CHECK(row(held[0].id, "status || ' ' || progress") == "completed 100");
  CHECK(row(held[1].id, "status || ' ' || error") == "pending it broke, \"badly\"");
  CHECK(row(held[2].id, "status") == "cancelled");
  CHECK(row(held[3].id, "status || ' ' || lease_owner") == "running n2");
  // Nothing to do is no round trip and no error.
  CHECK(jobs_sql::finish_and_claim(q.conn, {}, want(0)).claimed.empty());
}

TEST_CASE("expired leases are rescued: requeued, failed or cancelled", "[jobs][pg]") {
  test::test_database db;
  if (!db.available())
    return;
  queue_db q{db.url()};
  auto again = q.add("noop", "");
  auto last = q.add("noop", "", 0, -1, 1);
  auto cancel = q.add("noop", "");
  auto held = q.add("noop", "");
  auto claimed = jobs_sql::claim(q.conn, want(4));
  REQUIRE(claimed.size() == 4);
  {
    pqxx::work tx{q.conn};
    tx.exec("UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE job_id <> " +
            std::to_string(held));
    tx.exec("UPDATE jobs SET cancel_requested = true WHERE job_id = " + std::to_string(cancel));
    tx.commit();
  }
  auto rs = jobs_sql::rescue_expired(q.conn);
  CHECK(rs.requeued == 1);
  CHECK(rs.failed == 1);
  CHECK(rs.cancelled == 1);
  auto status = [&](std::int64_t id) {
    return q.value("SELECT status FROM jobs WHERE job_id = " + std::to_string(id));
  };
  CHECK(status(again) == "pending");
  CHECK(status(last) == "failed");
  CHECK(status(cancel) == "cancelled");
  CHECK(status(held) == "running");
  // The dead node's renewals find only the job it still holds.
  std::vector<std::int64_t> ids;
  ids.reserve(claimed.size());
  for (const auto& j : claimed)
    ids.push_back(j.id);
  auto kept = jobs_sql::renew_leases(q.conn, "n1", ids, 30);
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].id == held);
  // The rescued job runs again as attempt 2.
  auto rerun = jobs_sql::claim(q.conn, want(5));
  REQUIRE(rerun.size() == 1);
  CHECK(rerun[0].id == again);
  CHECK(rerun[0].attempt == 2);
}
