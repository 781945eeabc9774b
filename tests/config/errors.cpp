#include <catch2/catch.hpp>

#include "config/loader.hpp"
#include "tests/config/helpers.hpp"

using namespace playclock::config;
using playclock::config::test::errors_of;
using playclock::config::test::messages;
using strings = std::vector<std::string>;

TEST_CASE("an unknown key is an error naming its path", "[config]") {
  CHECK(errors_of(R"({"http": {"listn": "127.0.0.1:1"}})") == strings{"http.listn: unknown key"});
  CHECK(errors_of(R"({"htp": {}})") == strings{"htp: unknown key"});
}

TEST_CASE("a value of the wrong JSON type is an error naming the expected type", "[config]") {
  CHECK(errors_of(R"({"database": {"pool_size": "8"}})") ==
        strings{"database.pool_size: expected an integer, got string"});
  CHECK(errors_of(R"({"database": {"pool_size": 2.5}})") ==
        strings{"database.pool_size: expected an integer, got non-integer number"});
  CHECK(errors_of(R"({"database": {"migrate": "yes"}})") ==
        strings{"database.migrate: expected a boolean, got string"});
  CHECK(errors_of(R"({"http": {"listen": 8080}})") ==
        strings{"http.listen: expected a string, got number"});
  CHECK(errors_of(R"({"http": {"body_limit_bytes": -1}})") ==
        strings{"http.body_limit_bytes: expected a non-negative integer, got a negative number"});
  CHECK(errors_of(R"({"http": "127.0.0.1:1"})") == strings{"http: expected an object, got string"});
}

TEST_CASE("an out-of-range number is an error naming the range", "[config]") {
  CHECK(errors_of(R"({"http": {"threads": 65}})") ==
        strings{"http.threads: must be between 1 and 64"});
  CHECK(errors_of(R"({"http": {"body_limit_bytes": 10}})") ==
        strings{"http.body_limit_bytes: must be between 1024 and 1073741824"});
  CHECK(errors_of(R"({"log": {"max_file_bytes": 1000}})") ==
        strings{"log.max_file_bytes: must be >= 1024"});
  CHECK(errors_of(R"({"http": {"threads": 18446744073709551615}})") ==
        strings{"http.threads: must be between 1 and 64"});
}

TEST_CASE("a value outside an enumeration is an error listing the allowed values", "[config]") {
  CHECK(errors_of(R"({"log": {"level": "verbose"}})") ==
        strings{"log.level: must be one of trace, debug, info, warn, error, critical, off"});
  CHECK(errors_of(R"({"log": {"format": "xml"}})") ==
        strings{"log.format: must be one of text, json"});
}

TEST_CASE("http.listen must be host:port with a valid port", "[config]") {
  for (const char* bad : {"8080", "localhost", ":8080", "host:", "host:http", "a b:80", "::1:80"}) {
    INFO(bad);
    CHECK(errors_of(std::string{R"({"http": {"listen": ")"} + bad + "\"}}") ==
          strings{"http.listen: must be host:port"});
  }
  CHECK(errors_of(R"({"http": {"listen": "127.0.0.1:0"}})") ==
        strings{"http.listen: port must be between 1 and 65535"});
  CHECK(errors_of(R"({"http": {"listen": "127.0.0.1:65536"}})") ==
        strings{"http.listen: port must be between 1 and 65535"});
  for (const char* good : {"0.0.0.0:80", "localhost:8080", "[::1]:8080", "api.example.com:65535"}) {
    INFO(good);
    CHECK(errors_of(std::string{R"({"http": {"listen": ")"} + good + "\"}}") == strings{});
  }
}

TEST_CASE("database.url must be a postgresql URL and its error hides the password", "[config]") {
  auto errors = errors_of(R"({"database": {"url": "mysql://u:hunter2@h/db"}})");
  CHECK(errors == strings{"database.url: must start with postgresql:// or postgres://"});
  auto r = load({"", "", {{"DATABASE_URL", "host=h password=hunter2"}}});
  CHECK(messages(r) == strings{"DATABASE_URL: must start with postgresql:// or postgres://"});
  for (const auto& line : messages(r)) {
    CHECK(line.find("hunter2") == std::string::npos);
  }
}

TEST_CASE("backoff_max_ms below backoff_initial_ms is a cross-field error", "[config]") {
  CHECK(errors_of(R"({"supervision": {"backoff_initial_ms": 5000, "backoff_max_ms": 1000}})") ==
        strings{"supervision.backoff_max_ms: must be >= supervision.backoff_initial_ms (5000)"});
}

TEST_CASE("the feeds' base URLs must be sim: or an http(s) URL", "[config]") {
  auto espn = [](const std::string& url) {
    return errors_of(R"({"sources": {"espn": {"base_url": ")" + url + "\"}}}");
  };
  auto weather = [](const std::string& url) {
    return errors_of(R"({"sources": {"weather": {"base_url": ")" + url + "\"}}}");
  };
  for (const char* good :
       {"sim:", "http://127.0.0.1:8081", "https://site.api.espn.com", "http://feed/x?y=1"}) {
    INFO(good);
    CHECK(espn(good) == strings{});
    CHECK(weather(good) == strings{});
  }
  CHECK(weather("") == strings{});
  for (const char* bad :
       {"", "sim", "sim:x", "ftp://h", "http://", "https:/h", "site.api.espn.com", "HTTP://h"}) {
    INFO(bad);
    CHECK(espn(bad) == strings{"sources.espn.base_url: must be sim: or an http(s):// URL"});
    if (*bad != '\0') {
      CHECK(weather(bad) ==
            strings{"sources.weather.base_url: must be empty, sim: or an http(s):// URL"});
    }
  }
}

TEST_CASE("sources.espn.backoff_max_ms below backoff_initial_ms is a cross-field error",
          "[config]") {
  CHECK(
      errors_of(R"({"sources": {"espn": {"backoff_initial_ms": 5000, "backoff_max_ms": 1000}}})") ==
      strings{"sources.espn.backoff_max_ms: must be >= sources.espn.backoff_initial_ms (5000)"});
  CHECK(
      errors_of(R"({"sources": {"espn": {"backoff_initial_ms": 5000, "backoff_max_ms": 5000}}})") ==
      strings{});
}

TEST_CASE("storage.max_buffered below storage.batch_size is a cross-field error", "[config]") {
  CHECK(errors_of(R"({"storage": {"batch_size": 5000, "max_buffered": 1000}})") ==
        strings{"storage.max_buffered: must be >= storage.batch_size (5000)"});
  CHECK(errors_of(R"({"storage": {"batch_size": 100, "max_buffered": 100}})") == strings{});
}

TEST_CASE("the new groups' integer keys check their ranges", "[config]") {
  CHECK(errors_of(R"({"sources": {"espn": {"concurrency": 0}}})") ==
        strings{"sources.espn.concurrency: must be between 1 and 256"});
  CHECK(errors_of(R"({"sources": {"espn": {"schedule_days": 61}}})") ==
        strings{"sources.espn.schedule_days: must be between 0 and 60"});
  CHECK(errors_of(R"({"sources": {"weather": {"interval_s": 59}}})") ==
        strings{"sources.weather.interval_s: must be between 60 and 86400"});
  CHECK(errors_of(R"({"sources": {"simulated": {"games": 0}}})") ==
        strings{"sources.simulated.games: must be between 1 and 100000"});
  CHECK(errors_of(R"({"games": {"big_play_yards": 100}})") ==
        strings{"games.big_play_yards: must be between 1 and 99"});
  CHECK(errors_of(R"({"storage": {"flush_interval_ms": 0}})") ==
        strings{"storage.flush_interval_ms: must be between 1 and 60000"});
  CHECK(errors_of(R"({"sources": {"espn": {"rate_limit_burst": 1.5}}})") ==
        strings{"sources.espn.rate_limit_burst: expected an integer, got non-integer number"});
}

TEST_CASE("the weather API key never shows in errors or dumps", "[config]") {
  auto r = load({"", "", {{"PLAYCLOCK_SOURCES__WEATHER__API_KEY", "k3y-s3cr3t"}}});
  REQUIRE(messages(r) == strings{});
  CHECK(r.values.sources.weather.api_key == "k3y-s3cr3t");
  auto dump = render_json(r.values);
  CHECK(dump.find("k3y-s3cr3t") == std::string::npos);
  CHECK(dump.find(R"("api_key": "***")") != std::string::npos);
  CHECK(render_json(settings{}).find(R"("api_key": "")") != std::string::npos);
}

TEST_CASE("every error of a file is reported, not just the first", "[config]") {
  auto errors = errors_of(R"({
    "http": {"threads": 0, "listn": "x", "listen": "nope"},
    "database": {"pool_size": "8"},
    "log": {"level": "loud"},
    "extra": true
  })");
  CHECK(errors ==
        strings{"http.threads: must be between 1 and 64", "http.listn: unknown key",
                "http.listen: must be host:port",
                "database.pool_size: expected an integer, got string",
                "log.level: must be one of trace, debug, info, warn, error, critical, off",
                "extra: unknown key"});
}

TEST_CASE("errors from the file and the environment are reported together", "[config]") {
  auto r = playclock::config::test::load_json(
      R"({"http": {"threads": 0}})",
      {{"PLAYCLOCK_HTTP__LISTN", "x"}, {"PLAYCLOCK_SHUTDOWN__GRACE_S", "0"}});
  CHECK(messages(r).size() == 3);
}

TEST_CASE("a duplicate key in the file is an error", "[config]") {
  CHECK(errors_of(R"({"log": {"level": "info", "level": "debug"}})") ==
        strings{"log.level: duplicate key"});
}

TEST_CASE("a malformed JSON file gives one error with its position", "[config]") {
  CHECK(errors_of("{\n  \"http\": {\"threads\": 2,}\n}") ==
        strings{"FILE: invalid JSON at line 2, column 25 (offset 26): Missing a name for object "
                "member."});
  CHECK(errors_of("[1, 2]") == strings{"FILE: expected a JSON object at the top level, got array"});
}

TEST_CASE("a missing config file gives one error naming the file", "[config]") {
  auto r = load({"/nonexistent/playclock.json", "", {}});
  CHECK(messages(r) ==
        strings{"/nonexistent/playclock.json: cannot open config file: No such file or directory"});
  CHECK(r.sources == std::vector<std::string>{"defaults", "profile development"});
}
