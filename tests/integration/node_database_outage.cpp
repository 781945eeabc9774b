#include <catch2/catch.hpp>

#include <csignal>

#include "tests/integration/node_process.hpp"
#include "tests/support/pg_instance.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

std::string db_status(test::node_process& node) {
  auto res = node.get("/api/system/health");
  return res ? test::json_string(res->body, "/database/status") : "no answer";
}

} // namespace

TEST_CASE("health shows the database down while PostgreSQL restarts, then recovers",
          "[integration]") {
  test::pg_instance pg;
  if (!pg.available())
    return;
  test::node_process node{pg.url()};
  REQUIRE(node.wait_ready());
  REQUIRE(db_status(node) == "up");
  auto pid = node.process().pid();

  pg.stop();
  CHECK(test::wait_until([&] { return db_status(node) == "down"; }, 20s));
  auto down = node.get("/api/system/health");
  REQUIRE(down);
  CHECK(down->status == 503);
  CHECK(test::json_string(down->body, "/status") == "down");
  CHECK_FALSE(test::json_string(down->body, "/database/error").empty());

  pg.start();
  CHECK(test::wait_until([&] { return db_status(node) == "up"; }, 20s));
  // The same process recovered: no restart of the node.
  CHECK(node.process().running());
  CHECK(node.process().pid() == pid);
  auto metrics = node.get("/metrics");
  REQUIRE(metrics);
  CHECK_THAT(metrics->body, Catch::Contains("playclock_db_up 1"));

  node.process().signal(SIGTERM);
  auto code = node.process().wait_for_exit(15s);
  INFO(node.process().output());
  REQUIRE(code);
  CHECK(*code == 0);
}
