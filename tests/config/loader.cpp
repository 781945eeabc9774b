#include "config/loader.hpp"

#include <catch2/catch.hpp>

#include "tests/config/helpers.hpp"

using namespace playclock::config;
using playclock::config::test::load_json;
using playclock::config::test::messages;
using playclock::config::test::temp_file;
using strings = std::vector<std::string>;

TEST_CASE("loading nothing gives the defaults under the development profile", "[config]") {
  auto r = load({});
  REQUIRE(r.ok());
  CHECK(r.sources == strings{"defaults", "profile development"});
  CHECK(r.values.profile == "development");
  CHECK(r.values.log.level == "debug");
  CHECK(r.values.http.listen == settings{}.http.listen);
}

TEST_CASE("the config file overrides the defaults and the profile", "[config]") {
  auto r = load_json(R"({"http": {"listen": "0.0.0.0:9000", "threads": 4},
                         "log": {"level": "warn"}})");
  REQUIRE(messages(r) == strings{});
  CHECK(r.values.http.listen == "0.0.0.0:9000");
  CHECK(r.values.http.threads == 4);
  CHECK(r.values.log.level == "warn");
  CHECK(r.values.database.pool_size == 2); // from the development profile
  CHECK(r.sources.size() == 3);
  CHECK(r.sources[2].rfind("file ", 0) == 0);
}

TEST_CASE("the environment overrides the config file", "[config]") {
  auto r = load_json(R"({"http": {"listen": "0.0.0.0:9000"}, "database": {"pool_size": 3}})",
                     {{"PLAYCLOCK_HTTP__LISTEN", "127.0.0.1:9090"},
                      {"PLAYCLOCK_DATABASE__POOL_SIZE", "8"},
                      {"PLAYCLOCK_DATABASE__MIGRATE", "no"}});
  REQUIRE(messages(r) == strings{});
  CHECK(r.values.http.listen == "127.0.0.1:9090");
  CHECK(r.values.database.pool_size == 8);
  CHECK_FALSE(r.values.database.migrate);
  CHECK(r.sources.back() == "env PLAYCLOCK_HTTP__LISTEN");
}

TEST_CASE("DATABASE_URL overrides every other source of database.url", "[config]") {
  auto r = load_json(R"({"database": {"url": "postgresql://file@h/db"}})",
                     {{"PLAYCLOCK_DATABASE__URL", "postgresql://env@h/db"},
                      {"DATABASE_URL", "postgres://u:pw@db.example:5433/live"}});
  REQUIRE(r.ok());
  CHECK(r.values.database.url == "postgres://u:pw@db.example:5433/live");
  CHECK(r.sources.back() == "env DATABASE_URL");
}

TEST_CASE("an empty DATABASE_URL is treated as unset", "[config]") {
  auto r = load({"", "", {{"DATABASE_URL", ""}}});
  REQUIRE(r.ok());
  CHECK(r.values.database.url == settings{}.database.url);
}

TEST_CASE("PLAYCLOCK_PROFILE selects the profile overlay", "[config]") {
  auto r = load({"", "", {{"PLAYCLOCK_PROFILE", "production"}}});
  REQUIRE(r.ok());
  CHECK(r.values.profile == "production");
  CHECK(r.values.log.format == "json");
  CHECK(r.values.database.pool_size == 8);
  CHECK(r.sources[1] == "profile production");
}

TEST_CASE("the --profile flag wins over PLAYCLOCK_PROFILE and the file's profile", "[config]") {
  temp_file file{R"({"profile": "production"})"};
  auto r = load({file.path(), "testing", {{"PLAYCLOCK_PROFILE", "production"}}});
  REQUIRE(r.ok());
  CHECK(r.values.profile == "testing");
  CHECK(r.values.log.file.empty());
  CHECK(r.values.shutdown.grace_s == 5);
}

TEST_CASE("the file's profile key selects the profile when nothing else does", "[config]") {
  auto r = load_json(R"({"profile": "testing", "shutdown": {"grace_s": 7}})");
  REQUIRE(r.ok());
  CHECK(r.values.profile == "testing");
  CHECK(r.values.log.file.empty());
  CHECK(r.values.shutdown.grace_s == 7); // the file beats its own profile
}

TEST_CASE("an unknown profile is an error at path profile", "[config]") {
  CHECK(messages(load({"", "staging", {}})) ==
        strings{"profile: unknown profile \"staging\" (from --profile); must be one of "
                "development, demo, testing, production"});
  CHECK(messages(load_json(R"({"profile": "staging"})")) ==
        strings{"profile: must be one of development, demo, testing, production"});
  CHECK(messages(load({"", "", {{"PLAYCLOCK_PROFILE", "staging"}}})) ==
        strings{"PLAYCLOCK_PROFILE: must be one of development, demo, testing, production"});
}

TEST_CASE("an unknown PLAYCLOCK_ variable with a double underscore is an error", "[config]") {
  auto r = load({"", "", {{"PLAYCLOCK_HTTP__LISTN", "127.0.0.1:1"}}});
  CHECK(messages(r) == strings{"PLAYCLOCK_HTTP__LISTN: unknown setting http.listn"});
}

TEST_CASE("PLAYCLOCK_ variables without a double underscore are left to tools", "[config]") {
  auto r = load({"",
                 "",
                 {{"PLAYCLOCK_TEST_FOO", "x"},
                  {"PLAYCLOCK_TEST_DATABASE_URL", "postgresql://t@h/db"},
                  {"PLAYCLOCK_REALDATA_DIR", "/data"},
                  {"HOME", "/root"}}});
  REQUIRE(r.ok());
  CHECK(r.sources == strings{"defaults", "profile development"});
}

TEST_CASE("environment values are converted strictly to the key's kind", "[config]") {
  CHECK(messages(load({"", "", {{"PLAYCLOCK_DATABASE__POOL_SIZE", "8x"}}})) ==
        strings{"PLAYCLOCK_DATABASE__POOL_SIZE: expected an integer, got \"8x\""});
  CHECK(messages(load({"", "", {{"PLAYCLOCK_HTTP__THREADS", " 2"}}})) ==
        strings{"PLAYCLOCK_HTTP__THREADS: expected an integer, got \" 2\""});
  CHECK(messages(load({"", "", {{"PLAYCLOCK_DATABASE__MIGRATE", "maybe"}}})) ==
        strings{"PLAYCLOCK_DATABASE__MIGRATE: expected a boolean (true/false/1/0/yes/no), got "
                "\"maybe\""});
  CHECK(messages(load({"", "", {{"PLAYCLOCK_HTTP__BODY_LIMIT_BYTES", "-1"}}})) ==
        strings{"PLAYCLOCK_HTTP__BODY_LIMIT_BYTES: expected a non-negative integer, got \"-1\""});
  CHECK(messages(load({"", "", {{"PLAYCLOCK_HTTP__THREADS", "99999999999999999999"}}})) ==
        strings{"PLAYCLOCK_HTTP__THREADS: must be between 1 and 64"});
  CHECK(messages(load({"", "", {{"PLAYCLOCK_LOG__LEVEL", "loud"}}})) ==
        strings{"PLAYCLOCK_LOG__LEVEL: must be one of trace, debug, info, warn, error, critical, "
                "off"});
}

TEST_CASE("an empty environment value sets an empty string", "[config]") {
  auto r = load({"", "", {{"PLAYCLOCK_LOG__FILE", ""}}});
  REQUIRE(r.ok());
  CHECK(r.values.log.file.empty());
}

TEST_CASE("a bad value is not applied and the previous layer's value stays", "[config]") {
  auto r = load_json(R"({"http": {"threads": 4}})", {{"PLAYCLOCK_HTTP__THREADS", "0"}});
  CHECK(messages(r) == strings{"PLAYCLOCK_HTTP__THREADS: must be between 1 and 64"});
  CHECK(r.values.http.threads == 4);
}
