#include <catch2/catch.hpp>

#include <string>

#include <pqxx/pqxx>
#include <rapidjson/document.h>

#include "adapters/http/client.hpp"
#include "tests/integration/node_process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

const std::string rules = "/api/tenants/acme/alert-rules";

rapidjson::Document json(const http::client_response& res) {
  rapidjson::Document doc;
  doc.Parse(res.body.c_str());
  INFO(res.body);
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

// Checks a problem+json answer with `status`.
void check_problem(const std::optional<http::client_response>& res, int status) {
  REQUIRE(res);
  INFO(res->body);
  CHECK(res->status == status);
  CHECK(res->header("content-type").value_or("") == "application/problem+json");
}

} // namespace

TEST_CASE("tenants manage alert rules and read their alerts over HTTP", "[integration][alerts]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(),
                          {{"PLAYCLOCK_TENANTS", R"([{"id":"acme","name":"Acme"}])"},
                           {"PLAYCLOCK_AUTH__ADMIN_TOKEN", "admin-token-for-tests"}}};
  REQUIRE(node.wait_ready());
  // The admin's token: it may also ask about tenants that do not exist.
  node.use_token("admin-token-for-tests");

  SECTION("a rule is created, listed and deleted") {
    auto empty = node.get(rules);
    REQUIRE(empty);
    CHECK(empty->status == 200);
    CHECK(empty->body == R"({"rules":[]})");

    auto created = node.request(
        "POST", rules,
        R"({"type":"score","channel":"log","target":"ops","filters":{"teams":["kc"]},"cooldown_s":60})");
    REQUIRE(created);
    INFO(created->body);
    REQUIRE(created->status == 201);
    auto doc = json(*created);
    auto id = doc["id"].GetInt64();
    CHECK(id > 0);
    CHECK(created->header("location").value_or("") == rules + "/" + std::to_string(id));
    CHECK(test::json_string(created->body, "/filters/teams/0") == "KC");
    CHECK(test::json_string(created->body, "/tenant") == "acme");

    auto listed = node.get(rules);
    REQUIRE(listed);
    CHECK(listed->status == 200);
    CHECK(test::json_string(listed->body, "/rules/0/type") == "score");
    CHECK(test::json_string(listed->body, "/rules/0/target") == "ops");

    auto deleted = node.request("DELETE", rules + "/" + std::to_string(id));
    REQUIRE(deleted);
    CHECK(deleted->status == 204);
    CHECK(deleted->body.empty());
    check_problem(node.request("DELETE", rules + "/" + std::to_string(id)), 404);
    CHECK(node.get(rules)->body == R"({"rules":[]})");
  }

  SECTION("bad rule bodies are 400 or 422 naming the field") {
    check_problem(node.request("POST", rules, "not json"), 400);
    auto bad_type = node.request("POST", rules, R"({"type":"nope","channel":"log","target":"x"})");
    check_problem(bad_type, 422);
    CHECK(test::json_string(bad_type->body, "/invalid_params/0/name") == "type");
    auto no_target = node.request("POST", rules, R"({"type":"score","channel":"log"})");
    check_problem(no_target, 422);
    CHECK(test::json_string(no_target->body, "/invalid_params/0/name") == "target");
    auto bad_url =
        node.request("POST", rules, R"({"type":"score","channel":"webhook","target":"ftp://x"})");
    check_problem(bad_url, 422);
    CHECK(test::json_string(bad_url->body, "/invalid_params/0/name") == "target");
    check_problem(node.request("POST", rules, std::string(70 * 1024, ' ')), 413);

    http::client_request req;
    req.method = "POST";
    req.url = "http://127.0.0.1:" + std::to_string(node.port()) + rules;
    req.headers = {{"Content-Type", "text/plain"},
                   {"Authorization", "Bearer admin-token-for-tests"}};
    req.body = R"({"type":"score","channel":"log","target":"ops"})";
    auto res = http::fetch(req);
    REQUIRE(std::holds_alternative<http::client_response>(res));
    CHECK(std::get<http::client_response>(res).status == 415);
  }

  SECTION("tenant ids are validated and unknown tenants are 404") {
    auto valid = R"({"type":"score","channel":"log","target":"ops"})";
    check_problem(node.request("POST", "/api/tenants/nobody/alert-rules", valid), 404);
    check_problem(node.get("/api/tenants/nobody/alert-rules"), 404);
    check_problem(node.get("/api/tenants/nobody/alerts"), 404);
    check_problem(node.get("/api/tenants/ACME/alert-rules"), 400);
    check_problem(node.get("/api/tenants/-acme/alerts"), 400);
    check_problem(node.request("DELETE", rules + "/abc"), 400);
    check_problem(node.request("DELETE", rules + "/0"), 400);
    check_problem(node.get(rules + "?x=1"), 400);
    check_problem(node.request("PUT", rules, valid), 405);
  }

  SECTION("alerts are listed newest first, filtered and paged") {
    {
      pqxx::connection c{db.url()};
      pqxx::work tx{c};
      for (int i = 0; i < 3; ++i) {
        auto id = "al" + std::to_string(i);
        tx.exec("INSERT INTO alerts (alert_id, tenant_id, alert_type, alert_key, channel, target,"
                " message, status, reason, created_at, detected_at) VALUES ('" +
                id + "', 'acme', 'score', 'g1:KC', 'log', 'ops', 'm', '" +
                (i == 1 ? "suppressed', 'cooldown'" : "sent', ''") + ", now() + interval '" +
                std::to_string(i) + " seconds', now())");
        tx.exec("INSERT INTO alert_history (alert_id, tenant_id, status) VALUES ('" + id +
                "', 'acme', 'pending')");
      }
      // A delivery's time is in whole milliseconds and can read earlier than
      // its decision's: the history keeps the order they were recorded in.
      tx.exec("INSERT INTO alert_history (alert_id, tenant_id, status, at) VALUES ('al2', 'acme',"
              " 'sent', now() - interval '1 millisecond')");
      tx.commit();
    }
    auto all = node.get("/api/tenants/acme/alerts");
    REQUIRE(all);
    CHECK(all->status == 200);
    auto doc = json(*all);
    REQUIRE(doc["alerts"].Size() == 3);
    CHECK(test::json_string(all->body, "/alerts/0/id") == "al2");
    CHECK(test::json_string(all->body, "/alerts/0/history/0/status") == "pending");
    CHECK(test::json_string(all->body, "/alerts/0/history/1/status") == "sent");
    CHECK(doc["next_cursor"].IsNull());

    auto suppressed = node.get("/api/tenants/acme/alerts?status=suppressed");
    REQUIRE(suppressed);
    CHECK(json(*suppressed)["alerts"].Size() == 1);
    CHECK(test::json_string(suppressed->body, "/alerts/0/reason") == "cooldown");

    auto first = node.get("/api/tenants/acme/alerts?limit=2");
    REQUIRE(first);
    auto cursor = test::json_string(first->body, "/next_cursor");
    REQUIRE_FALSE(cursor.empty());
    auto second = node.get("/api/tenants/acme/alerts?limit=2&cursor=" + cursor);
    REQUIRE(second);
    CHECK(test::json_string(second->body, "/alerts/0/id") == "al0");

    check_problem(node.get("/api/tenants/acme/alerts?status=bogus"), 400);
    check_problem(node.get("/api/tenants/acme/alerts?limit=0"), 400);
    check_problem(node.get("/api/tenants/acme/alerts?limit=501"), 400);
    check_problem(node.get("/api/tenants/acme/alerts?cursor=nope!"), 400);
    check_problem(node.get("/api/tenants/acme/alerts?limit=2&limit=3"), 400);
  }
}

TEST_CASE("a tenant's rule turns the simulated league's scores into delivered alerts",
          "[integration][alerts]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{
      db.url(),
      {{"PLAYCLOCK_TENANTS", R"([{"id":"acme","token":"acme-token-for-tests"}])"},
       {"PLAYCLOCK_SOURCES__SIMULATED__GAMES", "4"},
       {"PLAYCLOCK_SOURCES__SIMULATED__SPEED", "600"},
       {"PLAYCLOCK_SOURCES__SIMULATED__PREGAME_S", "1"},
       {"PLAYCLOCK_SOURCES__ESPN__SCOREBOARD_INTERVAL_S", "1"}}};
  REQUIRE(node.wait_ready());
  node.use_token("acme-token-for-tests");
  auto created = node.request("POST", rules,
                              R"({"type":"score","channel":"log","target":"ops","cooldown_s":0})");
  REQUIRE(created);
  REQUIRE(created->status == 201);
  auto sent = [&] {
    auto res = node.get("/api/tenants/acme/alerts?status=sent&limit=1");
    return res && res->status == 200 && !test::json_string(res->body, "/alerts/0/id").empty();
  };
  CHECK(test::wait_until(sent, 60s, 500ms));
  auto res = node.get("/api/tenants/acme/alerts?status=sent&limit=1");
  REQUIRE(res);
  CHECK_THAT(test::json_string(res->body, "/alerts/0/message"), Catch::Contains("points!"));
  INFO(res->body);
  CHECK(test::json_string(res->body, "/alerts/0/history/1/status") == "sent");
  auto metrics = node.get("/metrics");
  REQUIRE(metrics);
  CHECK(test::metric_value(
            metrics->body,
            R"(playclock_notifier_deliveries_total{channel="log",outcome="sent"})") >= 1);
}
