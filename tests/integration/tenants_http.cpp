// Tenants and bearer tokens over HTTP against real nodes and PostgreSQL:
// the admin creates tenants, each token opens its own tenant's data only,
// tokens are stored hashed, rotate, and reach a second node on the same
// database.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include <pqxx/pqxx>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include "adapters/http/client.hpp"
#include "tests/integration/node_process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

const std::string admin = "admin-token-for-tests";
const std::string acme = "acme-token-for-tests";
const std::string json_type = "application/json";

std::map<std::string, std::string> node_env() {
  return {{"PLAYCLOCK_AUTH__ADMIN_TOKEN", admin},
          {"PLAYCLOCK_AUTH__REFRESH_MS", "200"},
          {"PLAYCLOCK_TENANTS", R"([{"id":"acme","name":"Acme","token":")" + acme + R"("}])"}};
}

int status(const std::optional<http::client_response>& res) {
  return res ? res->status : -1;
}

std::optional<http::client_response> post_json(test::node_process& node, const std::string& token,
                                               const std::string& path, const std::string& body) {
  // node_process sends no Content-Type: a body without one is taken as JSON.
  return node.request_as(token, "POST", path, body);
}

} // namespace

TEST_CASE("the admin creates tenants whose tokens open their own data only",
          "[integration][auth]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(), node_env()};
  REQUIRE(node.wait_ready());

  // Listing tenants is the admin's.
  auto none = node.request_as("", "GET", "/api/tenants");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(none->header("www-authenticate").value_or("") == R"(Bearer realm="playclock")");
  CHECK(status(node.request_as(acme, "GET", "/api/tenants")) == 403);
  auto listed = node.request_as(admin, "GET", "/api/tenants");
  REQUIRE(status(listed) == 200);
  CHECK(test::json_string(listed->body, "/tenants/0/id") == "acme");
  rapidjson::Document doc;
  doc.Parse(listed->body.c_str());
  auto* has_token = rapidjson::Pointer("/tenants/0/has_token").Get(doc);
  REQUIRE(has_token != nullptr);
  CHECK(has_token->IsTrue());

  // Creating one: 201, its token once, never cached.
  auto created = post_json(node, admin, "/api/tenants", R"({"id":"beta","name":"Beta"})");
  REQUIRE(created);
  INFO(created->body);
  REQUIRE(created->status == 201);
  CHECK(created->header("location").value_or("") == "/api/tenants/beta");
  CHECK(created->header("cache-control").value_or("") == "no-store");
  CHECK(test::json_string(created->body, "/id") == "beta");
  CHECK(test::json_string(created->body, "/name") == "Beta");
  auto beta = test::json_string(created->body, "/token");
  CHECK(beta.rfind("pc_", 0) == 0);
  CHECK(status(post_json(node, admin, "/api/tenants", R"({"id":"beta"})")) == 409);

  // Only the hash is stored.
  CHECK(test::sql_value(db.url(), "SELECT token_hash FROM tenants WHERE tenant_id = 'beta'")
            .rfind("sha256:", 0) == 0);
  CHECK(test::sql_value(db.url(), "SELECT count(*) FROM tenants WHERE token_hash LIKE '%" + beta +
                                      "%' OR name LIKE '%" + beta + "%'") == "0");
  CHECK(test::sql_value(db.url(), "SELECT count(*) FROM tenants WHERE token_hash LIKE '%" + acme +
                                      "%'") == "0");

  // Each token opens its own tenant, not the other's: its record, its rules, its alerts.
  CHECK(status(node.request_as(beta, "GET", "/api/tenants/beta")) == 200);
  CHECK(status(node.request_as(beta, "GET", "/api/tenants/acme")) == 403);
  CHECK(status(node.request_as(acme, "GET", "/api/tenants/beta")) == 403);
  auto rule = post_json(node, beta, "/api/tenants/beta/alert-rules",
                        R"({"type":"score","channel":"log","target":"beta-ops"})");
  REQUIRE(status(rule) == 201);
  CHECK(status(node.request_as(acme, "GET", "/api/tenants/beta/alert-rules")) == 403);
  CHECK(status(node.request_as(acme, "GET", "/api/tenants/beta/alerts")) == 403);
  CHECK(status(post_json(node, acme, "/api/tenants/beta/alert-rules",
                         R"({"type":"score","channel":"log","target":"x"})")) == 403);
  CHECK(status(node.request_as(acme, "DELETE", "/api/tenants/beta/alert-rules/1")) == 403);
  auto own = node.request_as(acme, "GET", "/api/tenants/acme/alert-rules");
  REQUIRE(status(own) == 200);
  CHECK(own->body == R"({"rules":[]})");
  CHECK(status(node.request_as(admin, "GET", "/api/tenants/beta/alert-rules")) == 200);
  // A tenant cannot create tenants.
  CHECK(status(post_json(node, beta, "/api/tenants", R"({"id":"gamma"})")) == 403);

  // A new token replaces the old one at once.
  auto rotated = node.request_as(beta, "POST", "/api/tenants/beta/token");
  REQUIRE(status(rotated) == 200);
  auto beta2 = test::json_string(rotated->body, "/token");
  CHECK(beta2 != beta);
  CHECK(status(node.request_as(beta, "GET", "/api/tenants/beta")) == 401);
  CHECK(status(node.request_as(beta2, "GET", "/api/tenants/beta")) == 200);
  CHECK(status(node.request_as(admin, "POST", "/api/tenants/nobody/token")) == 404);

  auto metrics = node.get("/metrics");
  REQUIRE(metrics);
  CHECK(test::metric_value(metrics->body, R"(playclock_auth_denied_total{reason="forbidden"})") >=
        8);
  CHECK(test::metric_value(metrics->body, R"(playclock_auth_denied_total{reason="missing"})") == 1);
}

TEST_CASE("bad tenant bodies are refused naming the field", "[integration][auth]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(), node_env()};
  REQUIRE(node.wait_ready());
  auto check = [&](const std::string& body, int want, const std::string& field) {
    auto res = post_json(node, admin, "/api/tenants", body);
    REQUIRE(res);
    INFO(body << " -> " << res->body);
    CHECK(res->status == want);
    CHECK(res->header("content-type").value_or("") == "application/problem+json");
    if (!field.empty())
      CHECK(test::json_string(res->body, "/invalid_params/0/name") == field);
  };
  check("not json", 400, "");
  check("[1]", 400, "");
  check("{}", 422, "id");
  check(R"({"id":"Bad Id"})", 422, "id");
  check(R"({"id":7})", 422, "id");
  check(R"({"id":"ok","colour":"red"})", 422, "colour");
  check(R"({"id":"ok","daily_alert_limit":-1})", 422, "daily_alert_limit");
  check(R"({"id":"ok","max_running_simulations":"4"})", 422, "max_running_simulations");
  check(R"({"id":"ok","name":5})", 422, "name");
  check(std::string(70 * 1024, ' '), 413, "");
  CHECK(test::sql_value(db.url(), "SELECT count(*) FROM tenants WHERE tenant_id = 'ok'") == "0");
  CHECK(status(node.request_as(admin, "GET", "/api/tenants/Bad!")) == 400);
  CHECK(status(node.request_as(admin, "GET", "/api/tenants/nobody")) == 404);
}

TEST_CASE("a tenant created on one node works on another node of the same database",
          "[integration][auth]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process first{db.url(), node_env()};
  REQUIRE(first.wait_ready());
  test::node_process second{db.url(), node_env()};
  REQUIRE(second.wait_ready());
  auto created = post_json(first, admin, "/api/tenants", R"({"id":"delta"})");
  REQUIRE(status(created) == 201);
  auto token = test::json_string(created->body, "/token");
  INFO(second.process().output());
  CHECK(test::wait_until(
      [&] { return status(second.request_as(token, "GET", "/api/tenants/delta")) == 200; }, 10s,
      100ms));
  // A rotation on the second node retires the token on the first.
  auto rotated = second.request_as(admin, "POST", "/api/tenants/delta/token");
  REQUIRE(status(rotated) == 200);
  CHECK(test::wait_until(
      [&] { return status(first.request_as(token, "GET", "/api/tenants/delta")) == 401; }, 10s,
      100ms));
}
