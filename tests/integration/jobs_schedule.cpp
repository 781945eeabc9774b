// Cron schedules in config against real nodes: a bad schedule stops the
// daemon at start naming the field; two nodes with the same schedule
// enqueue each slot once between them (idempotency key cron:<name>:<slot>).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/integration/node_process.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

// playclockd --check-config on a file with these jobs.schedules.
test::command_result check_schedules(const std::string& schedules) {
  auto path = std::filesystem::temp_directory_path() /
              ("playclock-" + std::to_string(::getpid()) + "-schedules.json");
  std::ofstream{path} << R"({"jobs": {"schedules": )" << schedules << "}}";
  auto r = test::run_command(PLAYCLOCK_DAEMON_PATH, {"--check-config", path.string()});
  std::filesystem::remove(path);
  return r;
}

} // namespace

TEST_CASE("a bad job schedule is a configuration error naming the field",
          "[integration][config][jobs]") {
  auto r = check_schedules(R"([{"name":"a","cron":"0 25 * * *","type":"noop"}])");
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Catch::Contains("jobs.schedules: [0].cron: hour \"25\""));
  // Types and params are checked against the job types' rules.
  auto typed =
      check_schedules(R"([{"name":"b","cron":"@daily","type":"nap"},)"
                      R"({"name":"c","cron":"@daily","type":"noop","params":{"steps":"many"}}])");
  INFO(typed.output);
  CHECK(typed.exit_code == 1);
  CHECK_THAT(typed.output, Catch::Contains("jobs.schedules[0].type: unknown job type \"nap\""));
  CHECK_THAT(typed.output, Catch::Contains("jobs.schedules[1].params.steps: must be an integer"));
  auto good = check_schedules(R"([{"name":"d","cron":"20 */3 * * *","type":"noop"}])");
  INFO(good.output);
  CHECK(good.exit_code == 0);
}

TEST_CASE("two nodes with one schedule enqueue each slot once", "[integration][jobs]") {
  test::test_database db;
  if (!db.available())
    return;
  std::map<std::string, std::string> env{
      {"PLAYCLOCK_JOBS__SCHEDULES",
       R"([{"name":"tick","cron":"* * * * *","type":"noop","params":{"steps":1,"step_ms":10}}])"}};
  test::node_process a{db.url(), env};
  REQUIRE(a.wait_ready());
  test::node_process b{db.url(), env};
  REQUIRE(b.wait_ready());

  // The current minute's slot is due at once (within the 15-minute grace).
  REQUIRE(test::wait_until(
      [&] {
        return test::sql_value(db.url(), "SELECT count(*) FROM jobs WHERE status = 'completed'"
                                         " AND idempotency_key LIKE 'cron:tick:%'") != "0";
      },
      20s));
  CHECK(test::sql_value(db.url(), "SELECT count(*) = count(DISTINCT idempotency_key) FROM jobs") ==
        "t");
  CHECK(test::sql_value(db.url(),
                        "SELECT bool_and(extract(second FROM run_at) = 0"
                        " AND idempotency_key = 'cron:tick:' ||"
                        " to_char(run_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))"
                        " FROM jobs") == "t");
  // Both nodes handled a slot; what they enqueued between them is what the
  // table holds (read until no minute boundary falls between the reads).
  auto count = [](test::node_process& n, const char* outcome) {
    auto m = n.get("/metrics");
    auto v =
        m ? test::metric_value(m->body, std::string{"playclock_jobs_scheduled_total{outcome=\""} +
                                            outcome + "\",schedule=\"tick\"}")
          : -1;
    return v < 0 ? 0.0 : v;
  };
  CHECK(test::wait_until(
      [&] {
        auto before = test::sql_value(db.url(), "SELECT count(*) FROM jobs");
        auto enqueued = count(a, "enqueued") + count(b, "enqueued");
        auto handled = enqueued + count(a, "taken") + count(b, "taken");
        auto after = test::sql_value(db.url(), "SELECT count(*) FROM jobs");
        return before == after && std::to_string(static_cast<int>(enqueued)) == after &&
               handled >= 2;
      },
      15s));
}
