#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/support/process.hpp"

using namespace playclock;

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() /
              ("playclock-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream{path} << text;
  return path.string();
}

} // namespace

TEST_CASE("checking a config file prints every error with its path and exits non-zero",
          "[integration][config]") {
  auto file = write_temp("bad.json", R"({"http": {"listn": "x", "threads": 0},
                                          "log": {"level": "loud"}})");
  auto r = test::run_command(PLAYCLOCK_DAEMON_PATH, {"--check-config", file});
  std::filesystem::remove(file);
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Catch::Contains("http.listn: unknown key"));
  CHECK_THAT(r.output, Catch::Contains("http.threads: must be between 1 and 64"));
  CHECK_THAT(r.output, Catch::Contains("log.level: must be one of"));
}

TEST_CASE("checking the shipped example config file passes the shipped example file",
          "[integration][config]") {
  auto r = test::run_command(PLAYCLOCK_DAEMON_PATH, {"--check-config", PLAYCLOCK_SOURCE_DIR
                                                     "/config/playclock.example.json"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("configuration OK"));
}

TEST_CASE("printing the config never shows the database password", "[integration][config]") {
  test::child_process p{PLAYCLOCK_DAEMON_PATH,
                        {"--print-config"},
                        {{"DATABASE_URL", "postgresql://u:hunter2@db.example:5432/pc"}}};
  auto code = p.wait_for_exit(std::chrono::seconds{10});
  REQUIRE(code);
  CHECK(*code == 0);
  CHECK_THAT(p.output(), Catch::Contains("postgresql://u:***@db.example:5432/pc"));
  CHECK_THAT(p.output(), !Catch::Contains("hunter2"));
}

TEST_CASE("an unknown command line argument is a usage error", "[integration][config]") {
  auto r = test::run_command(PLAYCLOCK_DAEMON_PATH, {"--frobnicate"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("unknown argument: --frobnicate"));
}
