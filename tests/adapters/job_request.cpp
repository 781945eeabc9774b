#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include "adapters/jobs/job_request.hpp"
#include "adapters/jobs/schedule_check.hpp"

using namespace playclock;
using jobs::bad_field;
using jobs::job_request;

namespace {

// The refused field's name, or "" if the body was accepted.
std::string refused(const std::string& body) {
  auto r = jobs::parse_job_request(body);
  if (auto* bad = std::get_if<bad_field>(&r))
    return bad->name;
  return "";
}

job_request accepted(const std::string& body) {
  auto r = jobs::parse_job_request(body);
  REQUIRE(std::holds_alternative<job_request>(r));
  return std::get<job_request>(r);
}

} // namespace

TEST_CASE("a job request's envelope is parsed with its defaults", "[jobs]") {
  auto r = accepted(R"({"type":"noop"})");
  CHECK(r.type == "noop");
  CHECK(r.params == "{}");
  CHECK(r.priority == 0);
  CHECK(r.max_attempts == 3);
  CHECK(r.timeout_s == 3600);
  CHECK_FALSE(r.run_at_ms);
  CHECK(r.tenant.empty());

  auto full = accepted(R"({"type":"noop","params":{"steps":2, "step_ms":10},"priority":-5,)"
                       R"("run_at":"2026-11-24T18:30:00.250Z","max_attempts":1,"timeout_s":60,)"
                       R"("tenant":"acme"})");
  CHECK(full.params == R"({"steps":2,"step_ms":10})"); // compact
  CHECK(full.priority == -5);
  REQUIRE(full.run_at_ms);
  CHECK(*full.run_at_ms == 1795545000250);
  CHECK(full.max_attempts == 1);
  CHECK(full.timeout_s == 60);
  CHECK(full.tenant == "acme");
}

TEST_CASE("a bad job request names the field it refuses", "[jobs]") {
  CHECK(refused("") == "body");
  CHECK(refused("[]") == "body");
  CHECK(refused("{") == "body");
  CHECK(refused("{}") == "type");
  CHECK(refused(R"({"type":7})") == "type");
  CHECK(refused(R"({"type":"mine"})") == "type");
  CHECK(refused(R"({"type":"noop","extra":1})") == "extra");
  CHECK(refused(R"({"type":"noop","params":[]})") == "params");
  CHECK(refused(R"({"type":"noop","params":{"steps":-1}})") == "params.steps");
  CHECK(refused(R"({"type":"noop","params":{"steps":1.5}})") == "params.steps");
  CHECK(refused(R"({"type":"noop","params":{"steps":10001}})") == "params.steps");
  CHECK(refused(R"({"type":"noop","params":{"sleep":1}})") == "params.sleep");
  CHECK(refused(R"({"type":"noop","priority":1001})") == "priority");
  CHECK(refused(R"({"type":"noop","priority":"high"})") == "priority");
  CHECK(refused(R"({"type":"noop","max_attempts":0})") == "max_attempts");
  CHECK(refused(R"({"type":"noop","timeout_s":0})") == "timeout_s");
  CHECK(refused(R"({"type":"noop","run_at":12})") == "run_at");
  CHECK(refused(R"({"type":"noop","run_at":"2026-02-30T00:00:00Z"})") == "run_at");
  CHECK(refused(R"({"type":"noop","tenant":5})") == "tenant");
  auto r = jobs::parse_job_request(R"({"type":"noop","params":{"steps":-1}})");
  CHECK(std::get<bad_field>(r).reason == "must be an integer from 0 to 10000");
  CHECK(refused(R"({"type":"quick_data_refresh","params":{"sources":["tv"]}})") ==
        "params.sources");
  CHECK(refused(R"({"type":"quick_data_refresh","params":{"sources":"markets"}})") ==
        "params.sources");
  CHECK(refused(R"({"type":"quick_data_refresh","params":{"wait_s":0}})") == "params.wait_s");
  accepted(R"({"type":"quick_data_refresh","params":{"sources":["markets","weather"]}})");
}

TEST_CASE("RFC 3339 date-times become Unix milliseconds", "[jobs]") {
  CHECK(jobs::parse_rfc3339_ms("1970-01-01T00:00:00Z") == 0);
  CHECK(jobs::parse_rfc3339_ms("2000-03-01T00:00:00Z") == 951868800000);
  CHECK(jobs::parse_rfc3339_ms("2024-02-29T12:00:00.5Z") == 1709208000500);
  CHECK(jobs::parse_rfc3339_ms("2024-02-29T13:30:00+01:30") == 1709208000000);
  CHECK(jobs::parse_rfc3339_ms("2024-02-29T10:00:00-02:00") == 1709208000000);
  CHECK_FALSE(jobs::parse_rfc3339_ms("2023-02-29T00:00:00Z"));
  CHECK_FALSE(jobs::parse_rfc3339_ms("2024-02-29 12:00:00Z"));
  CHECK_FALSE(jobs::parse_rfc3339_ms("2024-02-29T12:00:00"));
  CHECK_FALSE(jobs::parse_rfc3339_ms("2024-02-29T24:00:00Z"));
  CHECK_FALSE(jobs::parse_rfc3339_ms("2024-02-29T12:00:00.Z"));
  CHECK_FALSE(jobs::parse_rfc3339_ms("2024-02-29T12:00:00Zjunk"));
  CHECK_FALSE(jobs::parse_rfc3339_ms("1969-12-31T23:59:59Z"));
}

TEST_CASE("the request hash tells requests apart and ignores formatting", "[jobs]") {
  auto a = accepted(R"({"type":"noop","params":{"steps":1}})");
  auto same = accepted(R"({ "params" : { "steps" : 1 }, "type" : "noop" })");
  CHECK(jobs::request_hash(a) == jobs::request_hash(same));
  auto other = accepted(R"({"type":"noop","params":{"steps":2}})");
  CHECK(jobs::request_hash(a) != jobs::request_hash(other));
  auto later = accepted(R"({"type":"noop","params":{"steps":1},"priority":1})");
  CHECK(jobs::request_hash(a) != jobs::request_hash(later));
  auto theirs = a;
  theirs.tenant = "acme";
  CHECK(jobs::request_hash(a) != jobs::request_hash(theirs));
}

TEST_CASE("retry delays double per attempt up to the cap", "[jobs]") {
  CHECK(jobs::retry_delay_ms(1, 1000, 60000) == 1000);
  CHECK(jobs::retry_delay_ms(2, 1000, 60000) == 2000);
  CHECK(jobs::retry_delay_ms(4, 1000, 60000) == 8000);
  CHECK(jobs::retry_delay_ms(10, 1000, 60000) == 60000);
  CHECK(jobs::retry_delay_ms(1000, 1000, 60000) == 60000);
  CHECK(jobs::retry_delay_ms(3, 0, 60000) == 0);
}

TEST_CASE("every job type has parameter rules and refuses unknown parameters", "[jobs]") {
  for (const auto& type : jobs::job_types()) {
    INFO(type);
    CHECK_FALSE(jobs::check_params(type, "{}"));
    auto bad = jobs::check_params(type, R"({"no_such_parameter":1})");
    REQUIRE(bad);
    CHECK(bad->name == "params.no_such_parameter");
  }
  CHECK(jobs::check_params("mine", "{}"));
}

TEST_CASE("schedules are checked against the job types' rules", "[jobs]") {
  std::vector<config::job_schedule_setting> s(3);
  s[0].name = "ok";
  s[0].type = "noop";
  s[0].params = R"({"steps":1})";
  s[1].name = "nope";
  s[1].type = "nap";
  s[2].name = "bad";
  s[2].type = "noop";
  s[2].params = R"({"steps":-1})";
  auto errors = jobs::check_schedules(s);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].to_string() == "jobs.schedules[1].type: unknown job type \"nap\"");
  CHECK(errors[1].to_string() ==
        "jobs.schedules[2].params.steps: must be an integer from 0 to 10000");
}
