#include <catch2/catch.hpp>

#include "config/json_keys.hpp"

using namespace playclock::config;

TEST_CASE("tenants parse with defaults and render back", "[config]") {
  std::vector<tenant_setting> t;
  REQUIRE_FALSE(
      parse_tenants(R"([{"id":"demo"},{"id":"acme-2","name":"Acme","daily_alert_limit":5}])", t));
  REQUIRE(t.size() == 2);
  CHECK(t[0].daily_alert_limit == 100);
  CHECK(t[1].name == "Acme");
  CHECK(t[1].daily_alert_limit == 5);
  std::vector<tenant_setting> again;
  REQUIRE_FALSE(parse_tenants(render_tenants(t), again));
  CHECK(again.size() == 2);
  CHECK(again[1].id == "acme-2");
}

TEST_CASE("bad tenants are rejected naming the element and field", "[config]") {
  std::vector<tenant_setting> t{{"keep", "", 1, ""}};
  CHECK(parse_tenants("{}", t) == std::string{"must be a JSON array of objects"});
  CHECK(parse_tenants(R"([1])", t) == std::string{"[0]: must be an object"});
  CHECK(parse_tenants(R"([{"name":"x"}])", t) == std::string{"[0].id: required"});
  CHECK(parse_tenants(R"([{"id":"Bad Id"}])", t)->find("[0].id: must be") == 0);
  CHECK(parse_tenants(R"([{"id":"a"},{"id":"a"}])", t) ==
        std::string{"[1].id: duplicate tenant a"});
  CHECK(parse_tenants(R"([{"id":"a","daily_alert_limit":-1}])", t)->find("[0].daily_alert_limit") ==
        0);
  CHECK(parse_tenants(R"([{"id":"a","colour":"red"}])", t)->find("[0].colour: unknown key") == 0);
  // Nothing is changed by a rejected value.
  REQUIRE(t.size() == 1);
  CHECK(t[0].id == "keep");
}

TEST_CASE("ticker rules need a prefix and a game", "[config]") {
  std::vector<ticker_rule_setting> r;
  REQUIRE_FALSE(parse_ticker_rules(
      R"([{"ticker_prefix":"KXNFLGAME-26JAN12HOUPIT","game_id":"401","team":"PIT"}])", r));
  REQUIRE(r.size() == 1);
  CHECK(r[0].team == "PIT");
  std::vector<ticker_rule_setting> again;
  REQUIRE_FALSE(parse_ticker_rules(render_ticker_rules(r), again));
  CHECK(again[0].game_id == "401");
  CHECK(parse_ticker_rules(R"([{"game_id":"401"}])", r) ==
        std::string{"[0].ticker_prefix: required"});
  CHECK(parse_ticker_rules(R"([{"ticker_prefix":"","game_id":"401"}])", r) ==
        std::string{"[0].ticker_prefix: must not be empty"});
  CHECK(parse_ticker_rules(R"([{"ticker_prefix":"K","game_id":7}])", r) ==
        std::string{"[0].game_id: must be a string"});
}

TEST_CASE("a tenant's token is checked and renders back", "[config]") {
  std::vector<tenant_setting> t;
  REQUIRE_FALSE(parse_tenants(R"([{"id":"acme","token":"acme-secret-token-1"}])", t));
  CHECK(t.at(0).token == "acme-secret-token-1");
  std::vector<tenant_setting> again;
  REQUIRE_FALSE(parse_tenants(render_tenants(t), again));
  CHECK(again.at(0).token == "acme-secret-token-1");
  CHECK(parse_tenants(R"([{"id":"acme","token":"short"}])", t) ==
        std::string{"[0].token: must be at least 16 characters"});
  CHECK(parse_tenants(R"([{"id":"acme","token":"has a space in it!"}])", t) ==
        std::string{"[0].token: must not contain spaces or control characters"});
  CHECK(parse_tenants(R"([{"id":"acme","token":7}])", t)->find("[0].token") == 0);
}

TEST_CASE("job schedules parse with defaults, check the cron and render back", "[config]") {
  std::vector<job_schedule_setting> s;
  REQUIRE_FALSE(parse_job_schedules(
      R"([{"name":"copy","cron":"0 */3 * * *","type":"data_pipeline"},)"
      R"({"name":"parse","cron":"20 */3 * * *","type":"noop","params":{"steps":2},)"
      R"("tenant":"acme","priority":5,"max_attempts":1,"timeout_s":60}])",
      s));
  REQUIRE(s.size() == 2);
  CHECK(s[0].params == "{}");
  CHECK(s[0].max_attempts == 3);
  CHECK(s[1].params == R"({"steps":2})");
  CHECK(s[1].tenant == "acme");
  CHECK(s[1].timeout_s == 60);
  std::vector<job_schedule_setting> again;
  REQUIRE_FALSE(parse_job_schedules(render_job_schedules(s), again));
  REQUIRE(again.size() == 2);
  CHECK(again[1].params == s[1].params);
  CHECK(again[1].priority == 5);
}

TEST_CASE("bad job schedules are rejected naming the element and field", "[config]") {
  std::vector<job_schedule_setting> s;
  auto err = [&](const char* json) { return parse_job_schedules(json, s).value_or(""); };
  CHECK(err(R"([{"cron":"* * * * *","type":"noop"}])") == "[0].name: required");
  CHECK(err(R"([{"name":"a","cron":"* * * * *","type":"noop"},)"
            R"({"name":"a","cron":"* * * * *","type":"noop"}])") ==
        "[1].name: duplicate schedule a");
  CHECK(err(R"([{"name":"a","cron":"99 * * * *","type":"noop"}])").find("[0].cron: minute") == 0);
  CHECK(err(R"([{"name":"a","cron":"* * * * *"}])") == "[0].type: required");
  CHECK(err(R"([{"name":"a","cron":"* * * * *","type":"noop","params":[]}])") ==
        "[0].params: must be a JSON object");
  CHECK(err(R"([{"name":"a","cron":"* * * * *","type":"noop","timeout_s":0}])")
            .find("[0].timeout_s: must be an integer") == 0);
  CHECK(err(R"([{"name":"a","cron":"* * * * *","type":"noop","every":1}])")
            .find("[0].every: unknown key") == 0);
  CHECK(s.empty());
}
