// Tenant simulations against a real node and PostgreSQL: each kind runs to
// completion with its events, result and narrative; the same seed gives the
// same games; tenants see only their own; a narrative is 409 until the end;
// one tenant's flood does not starve another; and the narrative comes from
// a chat-completions endpoint when one is configured (a local server here),
// the built-in summary when it fails.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include "adapters/http/router.hpp"
#include "tests/integration/job_client.hpp"
#include "tests/integration/node_process.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

const std::string& admin = test::admin_token;
const std::string& acme = test::acme_token;
const std::string& bravo = test::bravo_token;
const std::string sims = "/api/tenants/acme/simulations";

std::map<std::string, std::string> node_env(std::map<std::string, std::string> more = {}) {
  more.try_emplace("PLAYCLOCK_SOURCES__ESPN__BASE_URL", "http://127.0.0.1:9");
  more.try_emplace("PLAYCLOCK_SOURCES__KALSHI__BASE_URL", "");
  return test::tenants_env(std::move(more));
}

std::string location_id(const std::string& job) {
  return std::to_string(static_cast<long long>(test::json_number(job, "/id")));
}

// A chat-completions endpoint on loopback that answers with `text`.
class fake_llm {
 public:
  explicit fake_llm(std::string text, int status = 200) {
    auto r = std::make_shared<http::router>();
    r->add("POST", "/v1/chat/completions",
           [this, text, status](const http::request& req, const http::path_params&,
                                http::responder res) {
             last_body_ = req.body;
             http::response out;
             out.status = status;
             out.body =
                 R"({"choices":[{"message":{"role":"assistant","content":")" + text + R"("}}]})";
             res(std::move(out));
           });
    server_ = std::make_unique<test::loopback_server>(r);
  }
  // Stopped before the body the handler writes goes.
  ~fake_llm() { server_.reset(); }
  std::string url() const { return server_->base_url() + "/v1"; }
  std::string last_body() const { return last_body_; }

 private:
  std::unique_ptr<test::loopback_server> server_;
  std::string last_body_;
};

} // namespace

TEST_CASE("a single game simulation runs to its result, events and narrative",
          "[integration][simulations]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(), node_env()};
  REQUIRE(node.wait_ready());

  auto job =
      test::run_job(node, acme, sims, R"({"kind":"single_game","teams":["KC","BUF"],"seed":7})");
  INFO(job);
  REQUIRE(test::json_string(job, "/status") == "completed");
  CHECK(test::json_string(job, "/result/games/0/home") == "KC");
  CHECK(test::json_string(job, "/result/games/0/away") == "BUF");
  CHECK(test::json_number(job, "/events") > 100);
  CHECK(test::json_number(job, "/progress") == 100);
  auto id = location_id(job);
  CHECK(test::sql_value(db.url(), "SELECT count(*) FROM simulation_events WHERE simulation_id = " +
                                      id + " AND tenant_id = 'acme'") ==
        std::to_string(static_cast<int>(test::json_number(job, "/events"))));

  auto events = node.request_as(acme, "GET", sims + "/" + id + "/events?limit=5");
  REQUIRE(events);
  INFO(events->body);
  CHECK(events->status == 200);
  CHECK(test::json_number(events->body, "/next_after") == 5);
  CHECK(test::json_string(events->body, "/events/0/event/type") == "play");
  CHECK(test::json_string(events->body, "/events/0/game") == "g1-BUF@KC");
  CHECK(test::json_number(events->body, "/events/4/event/rolling/KC/plays") >= 0);
  auto last =
      node.request_as(acme, "GET",
                      sims + "/" + id + "/events?after=" +
                          std::to_string(static_cast<int>(test::json_number(job, "/events")) - 1));
  REQUIRE(last);
  CHECK(test::json_string(last->body, "/events/0/event/type") == "game_final");

  auto story = node.request_as(acme, "GET", sims + "/" + id + "/narrative");
  REQUIRE(story);
  INFO(story->body);
  CHECK(story->status == 200);
  CHECK(test::json_string(story->body, "/source") == "builtin");
  CHECK_THAT(test::json_string(story->body, "/narrative"),
             Catch::Contains("KC") && Catch::Contains("Best players"));

  // The same seed, the same game.
  auto again =
      test::run_job(node, acme, sims, R"({"kind":"single_game","teams":["KC","BUF"],"seed":7})");
  CHECK(test::json_number(again, "/result/games/0/home_score") ==
        test::json_number(job, "/result/games/0/home_score"));
  CHECK(test::json_number(again, "/result/games/0/away_score") ==
        test::json_number(job, "/result/games/0/away_score"));
  CHECK(test::json_number(again, "/events") == test::json_number(job, "/events"));

  // Another tenant sees none of it.
  CHECK(node.request_as(bravo, "GET", sims + "/" + id)->status == 403);
  CHECK(node.request_as(bravo, "GET", "/api/tenants/bravo/simulations/" + id)->status == 404);
  CHECK(node.request_as(bravo, "GET", "/api/tenants/bravo/simulations/" + id + "/narrative")
            ->status == 404);
  auto list = node.request_as(acme, "GET", sims + "?limit=1");
  REQUIRE(list);
  CHECK(test::json_number(list->body, "/simulations/0/id") > test::json_number(job, "/id"));
  CHECK_FALSE(test::json_string(list->body, "/next_cursor").empty());
  auto theirs = node.request_as(bravo, "GET", "/api/tenants/bravo/simulations");
  REQUIRE(theirs);
  CHECK(theirs->body.find(R"("simulations":[])") != std::string::npos);
}

TEST_CASE("season and playoff simulations; bad requests name the field",
          "[integration][simulations]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(), node_env()};
  REQUIRE(node.wait_ready());

  auto season =
      test::run_job(node, acme, sims,
                    R"({"kind":"regular_season","teams":["KC","BUF","GB","DAL"],"seed":3})", 60s);
  INFO(season);
  REQUIRE(test::json_string(season, "/status") == "completed");
  CHECK(test::json_number(season, "/result/games/5/round") == 3); // 6 games, 3 rounds
  CHECK(test::json_number(season, "/result/games/6/round") == -1);
  CHECK_FALSE(test::json_string(season, "/result/standings/3/team").empty());

  auto playoffs = test::run_job(
      node, acme, sims, R"({"kind":"playoffs","teams":["KC","BUF","GB","DAL"],"seed":5})", 60s);
  INFO(playoffs);
  REQUIRE(test::json_string(playoffs, "/status") == "completed");
  CHECK(test::json_number(playoffs, "/result/games/2/round") == 2);
  auto champion = test::json_string(playoffs, "/result/champion");
  CHECK(champion == test::json_string(playoffs, "/result/games/2/winner"));
  CHECK_FALSE(champion.empty());

  // Stopped by steps: a result all the same, marked truncated.
  auto short_one = test::run_job(node, acme, sims, R"({"kind":"single_game","steps":20})");
  CHECK(test::json_number(short_one, "/events") == 20);
  CHECK(short_one.find(R"("truncated": true)") != std::string::npos);

  for (const auto& [body, field] :
       {std::pair<const char*, const char*>{R"({"kind":"tournament"})", "params.kind"},
        {R"({"kind":"single_game","teams":["KC"]})", "params.teams"},
        {R"({"teams":["KC","LON"]})", "params.teams"},
        {R"({"kind":"playoffs","teams":["KC","BUF","GB"]})", "params.teams"},
        {R"({"speed":-1})", "params.speed"},
        {R"({"colour":"red"})", "params.colour"}}) {
    auto res = node.request_as(acme, "POST", sims, body);
    REQUIRE(res);
    INFO(body << " -> " << res->body);
    CHECK(res->status == 422);
    CHECK_THAT(res->body, Catch::Contains(field));
  }
  CHECK(node.request_as(bravo, "POST", sims, "{}")->status == 403);
  auto cluster = node.request_as(admin, "POST", "/api/jobs", R"({"type":"simulation"})");
  REQUIRE(cluster);
  CHECK(cluster->status == 422);
}

TEST_CASE("a running simulation has no narrative yet, can be cancelled, and one tenant's flood "
          "does not starve another",
          "[integration][simulations]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(), node_env({{"PLAYCLOCK_JOBS__MAX_RUNNING_PER_TENANT", "1"}})};
  REQUIRE(node.wait_ready());
  // acme floods: four slow simulations (20 events a second).
  std::vector<std::string> flood;
  for (int i = 0; i < 4; ++i) {
    auto res = node.request_as(acme, "POST", sims, R"({"kind":"single_game","speed":20})");
    REQUIRE(res);
    REQUIRE(res->status == 202);
    flood.push_back(res->header("location").value_or(""));
  }
  REQUIRE(test::wait_until(
      [&] {
        return test::json_string(node.request_as(acme, "GET", flood[0])->body, "/status") ==
               "running";
      },
      10s));
  auto early = node.request_as(acme, "GET", flood[0] + "/narrative");
  REQUIRE(early);
  CHECK(early->status == 409);
  // One at a time for acme (jobs.max_running_per_tenant).
  CHECK(test::wait_until(
      [&] {
        auto m = node.get("/metrics");
        return m && test::metric_value(m->body, "playclock_simulations_running") == 1;
      },
      5s));

  // bravo's simulation runs at once beside acme's and finishes first.
  auto theirs =
      test::run_job(node, bravo, "/api/tenants/bravo/simulations", R"({"kind":"single_game"})");
  CHECK(test::json_string(theirs, "/status") == "completed");
  CHECK(test::json_string(node.request_as(acme, "GET", flood[1])->body, "/status") == "pending");

  // Cancelled mid-run through the job API (same id).
  auto id = flood[0].substr(flood[0].rfind('/') + 1);
  auto cancel = node.request_as(acme, "POST", "/api/jobs/" + id + "/cancel");
  REQUIRE(cancel);
  CHECK(cancel->status == 202);
  CHECK(test::wait_until(
      [&] {
        return test::json_string(node.request_as(acme, "GET", flood[0])->body, "/status") ==
               "cancelled";
      },
      10s));
}

TEST_CASE("a configured chat-completions endpoint writes the narrative; the summary is the "
          "fallback",
          "[integration][simulations]") {
  test::test_database db;
  if (!db.available())
    return;
  fake_llm llm{"What a game it was."};
  {
    test::node_process node{
        db.url(), node_env({{"PLAYCLOCK_SIMULATIONS__LLM_URL", llm.url()},
                            {"PLAYCLOCK_SIMULATIONS__LLM_API_KEY", "sk-test-key-0123456789"}})};
    REQUIRE(node.wait_ready());
    auto job = test::run_job(node, acme, sims, R"({"teams":["GB","CHI"],"seed":11})");
    auto story = node.request_as(acme, "GET", sims + "/" + location_id(job) + "/narrative");
    REQUIRE(story);
    INFO(story->body);
    CHECK(test::json_string(story->body, "/narrative") == "What a game it was.");
    CHECK(test::json_string(story->body, "/source") == "llm");
    // The endpoint was given the built-in summary to retell.
    CHECK_THAT(llm.last_body(), Catch::Contains("GB") && Catch::Contains("messages"));
  }
  test::node_process node{db.url(),
                          node_env({{"PLAYCLOCK_SIMULATIONS__LLM_URL", "http://127.0.0.1:9/v1"}})};
  REQUIRE(node.wait_ready());
  auto job = test::run_job(node, acme, sims, R"({"teams":["GB","CHI"],"seed":11})");
  auto story = node.request_as(acme, "GET", sims + "/" + location_id(job) + "/narrative");
  REQUIRE(story);
  INFO(story->body);
  CHECK_THAT(test::json_string(story->body, "/source"), Catch::StartsWith("builtin (llm failed"));
  CHECK_THAT(test::json_string(story->body, "/narrative"), Catch::Contains("GB"));
}
