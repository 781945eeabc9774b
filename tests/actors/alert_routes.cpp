#include <catch2/catch.hpp>

#include <string>

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include "actors/http_api.hpp"
#include "adapters/auth/directory.hpp"
#include "adapters/auth/token.hpp"
#include "adapters/http/client.hpp"
#include "tests/actors/alert_fixture.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;
using namespace std::chrono_literals;
using alerts::channel;

namespace {

const std::string admin_token = "admin-token-for-tests";
const std::string acme_token = "acme-token-for-tests";
const std::string beta_token = "beta-token-for-tests";

// The node's HTTP API in this process, over the alert actors of the fixture.
struct api_env {
  explicit api_env(const std::string& url) : f{url} {
    f.start_store();
    f.start_hub();
    f.start_notifier(f.notifier(channel::log));
    f.start_router();
    http_api_context ctx;
    ctx.sys = f.sys.get();
    ctx.names = f.names;
    ctx.metrics = f.metrics;
    ctx.request_timeout = 5s;
    ctx.auth = std::make_shared<auth::directory>(auth::hash_token(admin_token));
    ctx.auth->set("acme", auth::hash_token(acme_token));
    ctx.auth->set("beta", auth::hash_token(beta_token));
    server = std::make_unique<test::loopback_server>(make_router(ctx));
    port = server->port();
  }

  /// With `token` as the bearer (none if empty).
  http::client_response call(const std::string& method, const std::string& target,
                             std::string body = {}, const std::string& token = admin_token) {
    http::client_request req;
    if (!token.empty())
      req.headers.emplace_back("Authorization", "Bearer " + token);
    req.method = method;
    req.url = "http://127.0.0.1:" + std::to_string(port) + target;
    req.body = std::move(body);
    req.timeout = 10s;
    auto out = http::fetch(req);
    if (auto* err = std::get_if<http::client_error>(&out))
      FAIL(method << " " << target << ": " << err->message);
    return std::get<http::client_response>(std::move(out));
  }

  test::alerts_fixture f;
  std::unique_ptr<test::loopback_server> server;
  std::uint16_t port = 0;
};

std::string str(const std::string& body, const char* pointer) {
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  auto* v = doc.HasParseError() ? nullptr : rapidjson::Pointer(pointer).Get(doc);
  return v != nullptr && v->IsString() ? v->GetString() : "<absent>";
}

} // namespace

TEST_CASE("rules posted over HTTP route events into alerts listed over HTTP", "[alerts][http]") {
  test::test_database db;
  if (!db.available())
    return;
  api_env api{db.url()};
  auto created = api.call("POST", "/api/tenants/acme/alert-rules",
                          R"({"type":"score","channel":"log","target":"ops","cooldown_s":0})");
  INFO(created.body);
  REQUIRE(created.status == 201);
  CHECK(str(created.body, "/type") == "score");
  auto location = created.header("location").value_or("");
  CHECK_THAT(location, Catch::StartsWith("/api/tenants/acme/alert-rules/"));

  api.f.publish("games", test::make_score("g1", "KC", 0, 7));
  REQUIRE(api.f.wait_count("SELECT count(*) FROM alerts WHERE status = 'sent'", 1));
  auto listed = api.call("GET", "/api/tenants/acme/alerts?status=sent");
  CHECK(listed.status == 200);
  CHECK(str(listed.body, "/alerts/0/status") == "sent");
  CHECK(str(listed.body, "/alerts/0/history/1/status") == "sent");
  CHECK_THAT(str(listed.body, "/alerts/0/message"), Catch::Contains("Chiefs score 7 points"));

  CHECK(api.call("DELETE", location).status == 204);
  CHECK(api.call("DELETE", location).status == 404);
  CHECK(api.call("GET", "/api/tenants/acme/alert-rules").body == R"({"rules":[]})");
}

TEST_CASE("the alerts routes reject bad input with problems naming it", "[alerts][http]") {
  test::test_database db;
  if (!db.available())
    return;
  api_env api{db.url()};
  auto check = [&](const std::string& method, const std::string& target, const std::string& body,
                   int status, const std::string& param = {}) {
    INFO(method << " " << target << " " << body);
    auto res = api.call(method, target, body);
    CHECK(res.status == status);
    CHECK(res.header("content-type").value_or("") == "application/problem+json");
    if (!param.empty())
      CHECK(str(res.body, "/invalid_params/0/name") == param);
  };
  const std::string rules = "/api/tenants/acme/alert-rules";
  check("POST", rules, "{", 400);
  check("POST", rules, R"({"type":"score","channel":"sms","target":"x"})", 422, "channel");
  check("POST", rules, R"({"type":"score","channel":"log","target":"x","cooldown_s":-1})", 422,
        "cooldown_s");
  check("POST", "/api/tenants/nobody/alert-rules",
        R"({"type":"score","channel":"log","target":"x"})", 404);
  check("GET", "/api/tenants/Bad!/alert-rules", "", 400, "tenant");
  check("DELETE", rules + "/x", "", 400, "id");
  check("GET", "/api/tenants/acme/alerts?status=done", "", 400, "status");
  check("GET", "/api/tenants/acme/alerts?limit=1000", "", 400, "limit");
  check("GET", "/api/tenants/acme/alerts?cursor=AAAA", "", 400, "cursor");
  check("GET", "/api/tenants/acme/alerts?page=2", "", 400, "page");
  check("GET", "/api/tenants/nobody/alerts", "", 404);
}

TEST_CASE("the alerts routes need the tenant's token or the admin's", "[alerts][http][auth]") {
  test::test_database db;
  if (!db.available())
    return;
  api_env api{db.url()};
  const std::string rules = "/api/tenants/acme/alert-rules";
  CHECK(api.call("GET", rules, "", acme_token).status == 200);
  CHECK(api.call("GET", "/api/tenants/acme/alerts", "", acme_token).status == 200);
  CHECK(api.call("GET", rules, "", admin_token).status == 200);

  auto none = api.call("GET", rules, "", "");
  CHECK(none.status == 401);
  CHECK(none.header("www-authenticate").value_or("") == R"(Bearer realm="playclock")");
  CHECK(none.header("content-type").value_or("") == "application/problem+json");
  auto wrong = api.call("GET", rules, "", "not-a-token-of-anyone");
  CHECK(wrong.status == 401);
  CHECK_THAT(wrong.header("www-authenticate").value_or(""), Catch::Contains("invalid_token"));
  // Another tenant's token: forbidden, for reads and writes alike, and the
  // rule is not created.
  CHECK(api.call("GET", rules, "", beta_token).status == 403);
  CHECK(api.call("GET", "/api/tenants/acme/alerts", "", beta_token).status == 403);
  CHECK(api.call("POST", rules, R"({"type":"score","channel":"log","target":"x"})", beta_token)
            .status == 403);
  CHECK(api.call("DELETE", rules + "/1", "", beta_token).status == 403);
  CHECK(api.f.count("SELECT count(*) FROM alert_rules") == 0);
  // The token of a tenant goes before the checks of the request.
  CHECK(api.call("GET", "/api/tenants/nobody/alerts", "", acme_token).status == 403);

  auto metrics = api.f.metrics->serialize();
  CHECK_THAT(metrics, Catch::Contains(R"(playclock_auth_denied_total{reason="missing"} 1)"));
  CHECK_THAT(metrics, Catch::Contains(R"(playclock_auth_denied_total{reason="invalid"} 1)"));
  CHECK_THAT(metrics, Catch::Contains(R"(playclock_auth_denied_total{reason="forbidden"} 5)"));
}
