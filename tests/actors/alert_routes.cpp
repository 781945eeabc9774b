#include <catch2/catch.hpp>

#include <string>

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include "actors/http_api.hpp"
#include "adapters/http/client.hpp"
#include "adapters/http/server.hpp"
#include "tests/actors/alert_fixture.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;
using namespace std::chrono_literals;
using alerts::channel;

namespace {

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
    http::server_options so;
    so.port = 0;
    server = std::make_unique<http::server>(so, make_router(ctx));
    port = server->start();
  }

  ~api_env() { server->stop(1s); }

  http::client_response call(const std::string& method, const std::string& target,
                             std::string body = {}) {
    http::client_request req;
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
  std::unique_ptr<http::server> server;
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
