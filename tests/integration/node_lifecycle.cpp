#include <catch2/catch.hpp>

#include <csignal>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/node_process.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

// promtool reads the exposition from stdin; nullopt when it is not installed.
std::optional<test::command_result> promtool_check(const std::string& exposition) {
  auto which = test::run_command("/bin/sh", {"-c", "command -v promtool"});
  if (which.exit_code != 0) {
    if (std::getenv("PLAYCLOCK_TEST_REQUIRE_DB") != nullptr)
      FAIL("promtool is not installed (package prometheus)");
    WARN("skipped the promtool check: promtool is not installed");
    return std::nullopt;
  }
  auto file = std::filesystem::temp_directory_path() /
              ("playclock-metrics-" + std::to_string(::getpid()) + ".txt");
  std::ofstream{file} << exposition;
  auto result = test::run_command("/bin/sh", {"-c", "promtool check metrics < " + file.string()});
  std::filesystem::remove(file);
  return result;
}

// The name of each thread of `pid`, from /proc.
std::vector<std::string> thread_names(pid_t pid) {
  std::vector<std::string> out;
  for (const auto& task :
       std::filesystem::directory_iterator{"/proc/" + std::to_string(pid) + "/task"}) {
    std::string name;
    std::getline(std::ifstream{task.path() / "comm"}, name);
    out.push_back(name);
  }
  return out;
}

} // namespace

TEST_CASE("a node reports its database up and serves metrics that promtool accepts",
          "[integration]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url()};
  REQUIRE(node.wait_ready());
  auto health = node.get("/api/system/health");
  REQUIRE(health);
  INFO(health->body);
  CHECK(health->status == 200);
  CHECK(health->header("content-type").value_or("") == "application/json");
  CHECK(test::json_string(health->body, "/status") == "ok");
  CHECK(test::json_string(health->body, "/database/status") == "up");
  CHECK(test::json_string(health->body, "/version") == PLAYCLOCK_VERSION);
  // The root's children in start order, then the sub-supervisors' children
  // (in the order the sub-supervisors answer).
  const char* order[] = {"node/database",   "node/tenants",         "node/storage",
                         "node/events",     "node/fetchers",        "node/games",
                         "node/pollers",    "node/market_fetchers", "node/markets",
                         "node/correlator", "node/markets_poller",  "node/alert_store",
                         "node/notifiers",  "node/alert_router",    "node/query",
                         "node/jobs",       "node/health"};
  for (std::size_t i = 0; i < std::size(order); ++i)
    CHECK(test::json_string(health->body, "/components/" + std::to_string(i) + "/path") ==
          order[i]);
  for (const char* child : {"node/pollers/scoreboard", "node/notifiers/webhook", "node/jobs/queue",
                            "node/jobs/listener"})
    CHECK_THAT(health->body, Catch::Contains(std::string{"\"path\":\""} + child + "\""));

  auto metrics = node.get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->status == 200);
  CHECK_THAT(metrics->header("content-type").value_or(""), Catch::StartsWith("text/plain"));
  CHECK_THAT(metrics->body, Catch::Contains("process_cpu_seconds_total"));
  CHECK_THAT(metrics->body, Catch::Contains("playclock_db_pool_connections{state=\"in_use\"}"));
  CHECK_THAT(metrics->body, Catch::Contains("playclock_db_pool_waits_total"));
  CHECK_THAT(
      metrics->body,
      Catch::Contains(
          R"(playclock_http_requests_total{method="GET",route="/api/system/health",status="200"} 1)"));
  CHECK_THAT(metrics->body, Catch::Contains("playclock_http_request_duration_seconds_bucket"));
  CHECK_THAT(metrics->body, Catch::Contains("playclock_db_up 1"));
  if (auto check = promtool_check(metrics->body)) {
    INFO(check->output);
    CHECK(check->exit_code == 0);
    CHECK(check->output.empty());
  }

  node.process().signal(SIGTERM);
  auto code = node.process().wait_for_exit(15s);
  INFO(node.process().output());
  REQUIRE(code);
  CHECK(*code == 0);
  auto out = node.process().output();
  // The stated order: HTTP first, then actors, the database last.
  auto http = out.find("HTTP listener stopped");
  auto actors = out.find("actors stopped");
  auto done = out.find("shutdown complete");
  CHECK(http != std::string::npos);
  CHECK(actors != std::string::npos);
  CHECK(done != std::string::npos);
  CHECK(http < actors);
  CHECK(actors < done);
  CHECK(out.find("node stopped all children") < actors);
}

TEST_CASE("SIGINT shuts a node down cleanly too", "[integration]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url()};
  REQUIRE(node.wait_ready());
  node.process().signal(SIGINT);
  auto code = node.process().wait_for_exit(15s);
  INFO(node.process().output());
  REQUIRE(code);
  CHECK(*code == 0);
  CHECK_THAT(node.process().output(), Catch::Contains("received SIGINT"));
}

TEST_CASE("a node gives up on an unreachable database with a clear error", "[integration]") {
  auto url = "postgresql://nobody:secret-pw@127.0.0.1:" + std::to_string(test::free_port()) + "/x";
  test::node_process node{url, {{"PLAYCLOCK_DATABASE__STARTUP_TIMEOUT_S", "1"}}};
  auto code = node.process().wait_for_exit(20s);
  auto out = node.process().output();
  INFO(out);
  REQUIRE(code);
  CHECK(*code == 1);
  CHECK_THAT(out, Catch::Contains("database unreachable"));
  CHECK_THAT(out, !Catch::Contains("secret-pw"));
}

TEST_CASE("SIGTERM while waiting for the database exits cleanly", "[integration]") {
  auto url = "postgresql://nobody@127.0.0.1:" + std::to_string(test::free_port()) + "/x";
  test::node_process node{url, {{"PLAYCLOCK_DATABASE__STARTUP_TIMEOUT_S", "60"}}};
  // Give it time to reach the retry loop.
  std::this_thread::sleep_for(500ms);
  node.process().signal(SIGTERM);
  auto code = node.process().wait_for_exit(10s);
  INFO(node.process().output());
  REQUIRE(code);
  CHECK(*code == 0);
}

TEST_CASE("a node whose port is taken exits with a clear error", "[integration]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process first{db.url()};
  REQUIRE(first.wait_ready());
  test::node_process second{
      db.url(), {{"PLAYCLOCK_HTTP__LISTEN", "127.0.0.1:" + std::to_string(first.port())}}};
  auto code = second.process().wait_for_exit(20s);
  INFO(second.process().output());
  REQUIRE(code);
  CHECK(*code == 1);
  CHECK_THAT(second.process().output(), Catch::Contains("cannot listen"));
}

TEST_CASE("a node runs one scheduler thread per core by default", "[integration]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url()};
  REQUIRE(node.wait_ready());
  // CAF names its scheduler threads "caf.multiplexer" (detached actors are
  // "caf.actor"); its own default would start at least 4.
  const auto names = thread_names(node.process().pid());
  const auto schedulers = std::count(names.begin(), names.end(), "caf.multiplexer");
  CHECK(schedulers == std::max(1u, std::thread::hardware_concurrency()));
}
