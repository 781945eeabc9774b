// The number kind (double fields) and unsigned 64-bit fields.
#include <cmath>
#include <limits>

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include "config/describe.hpp"
#include "config/key_builder.hpp"
#include "config/layers.hpp"
#include "config/loader.hpp"
#include "config/schema.hpp"
#include "tests/config/helpers.hpp"

using namespace playclock::config;
using playclock::config::test::errors_of;
using playclock::config::test::load_json;
using playclock::config::test::messages;
using playclock::config::test::temp_file;
using strings = std::vector<std::string>;

namespace {

load_result load_env(const std::string& name, const std::string& value) {
  return load({"", "", {{name, value}}});
}

std::optional<std::string> ok() {
  return std::nullopt;
}

std::optional<std::string> msg(const char* text) {
  return std::optional<std::string>{text};
}

} // namespace

TEST_CASE("a number key reads fractions and integers from the file", "[config]") {
  auto r = load_json(R"({"sources": {"espn": {"rate_limit_per_s": 2.5},
                                     "simulated": {"speed": 120}}})");
  REQUIRE(messages(r) == strings{});
  CHECK(r.values.sources.espn.rate_limit_per_s == 2.5);
  CHECK(r.values.sources.simulated.speed == 120.0);
  r = load_json(R"({"sources": {"weather": {"rate_limit_per_s": 0}}})");
  REQUIRE(messages(r) == strings{});
  CHECK(r.values.sources.weather.rate_limit_per_s == 0.0);
  r = load_json(R"({"sources": {"espn": {"rate_limit_per_s": 1e-3}}})");
  REQUIRE(messages(r) == strings{});
  CHECK(r.values.sources.espn.rate_limit_per_s == 0.001);
}

TEST_CASE("a number key rejects other JSON types and values out of range", "[config]") {
  CHECK(errors_of(R"({"sources": {"espn": {"rate_limit_per_s": "2"}}})") ==
        strings{"sources.espn.rate_limit_per_s: expected a number, got string"});
  CHECK(errors_of(R"({"sources": {"espn": {"rate_limit_per_s": true}}})") ==
        strings{"sources.espn.rate_limit_per_s: expected a number, got boolean"});
  CHECK(errors_of(R"({"sources": {"espn": {"rate_limit_per_s": -0.5}}})") ==
        strings{"sources.espn.rate_limit_per_s: must be between 0 and 100000"});
  CHECK(errors_of(R"({"sources": {"espn": {"rate_limit_per_s": 100000.01}}})") ==
        strings{"sources.espn.rate_limit_per_s: must be between 0 and 100000"});
  CHECK(errors_of(R"({"sources": {"simulated": {"speed": 0.5}}})") ==
        strings{"sources.simulated.speed: must be between 1 and 100000"});
  CHECK(errors_of(R"({"sources": {"simulated": {"speed": 18446744073709551615}}})") ==
        strings{"sources.simulated.speed: must be between 1 and 100000"});
  CHECK(errors_of(R"({"sources": {"espn": {"rate_limit_per_s": 100000}}})") == strings{});
}

TEST_CASE("a number key is read strictly from the environment", "[config]") {
  auto r = load_env("PLAYCLOCK_SOURCES__ESPN__RATE_LIMIT_PER_S", "0.25");
  REQUIRE(messages(r) == strings{});
  CHECK(r.values.sources.espn.rate_limit_per_s == 0.25);
  CHECK(r.sources.back() == "env PLAYCLOCK_SOURCES__ESPN__RATE_LIMIT_PER_S");
  r = load_env("PLAYCLOCK_SOURCES__SIMULATED__SPEED", "600");
  REQUIRE(messages(r) == strings{});
  CHECK(r.values.sources.simulated.speed == 600.0);
  r = load_env("PLAYCLOCK_SOURCES__SIMULATED__SPEED", "1.5e3");
  REQUIRE(messages(r) == strings{});
  CHECK(r.values.sources.simulated.speed == 1500.0);

  const std::string name = "PLAYCLOCK_SOURCES__ESPN__RATE_LIMIT_PER_S";
  for (const char* bad : {"1.5x", "", " 1", "1 ", "+1", "0x10", "1,5", "abc", "."}) {
    INFO(bad);
    CHECK(messages(load_env(name, bad)) ==
          strings{name + ": expected a number, got \"" + bad + "\""});
  }
  for (const char* bad : {"inf", "-inf", "nan", "infinity", "1e400"}) {
    INFO(bad);
    CHECK(messages(load_env(name, bad)) ==
          strings{name + ": expected a finite number, got \"" + bad + "\""});
  }
  CHECK(messages(load_env(name, "-1")) == strings{name + ": must be between 0 and 100000"});
  CHECK(messages(load_env(name, "1e6")) == strings{name + ": must be between 0 and 100000"});
}

TEST_CASE("a bad number is not applied and the previous layer's value stays", "[config]") {
  auto r = load_json(R"({"sources": {"simulated": {"speed": 30.5}}})",
                     {{"PLAYCLOCK_SOURCES__SIMULATED__SPEED", "1.5x"}});
  CHECK(messages(r) ==
        strings{"PLAYCLOCK_SOURCES__SIMULATED__SPEED: expected a number, got \"1.5x\""});
  CHECK(r.values.sources.simulated.speed == 30.5);
}

TEST_CASE("check_value keeps a number finite and within its integer bounds", "[config]") {
  key_spec k = keydef::number("ratio",
                              keydef::at(&settings::sources, &sources_settings::simulated,
                                         &simulated_league_settings::speed),
                              "Ratio.")
                   .between(-2, 3);
  CHECK(k.kind == value_kind::number);
  CHECK(std::get<double>(k.default_value) == 60.0);
  CHECK(check_value(k, setting_value{-2.0}) == ok());
  CHECK(check_value(k, setting_value{2.999}) == ok());
  CHECK(check_value(k, setting_value{3.001}) == msg("must be between -2 and 3"));
  CHECK(check_value(k, setting_value{std::nan("")}) == msg("must be a finite number"));
  CHECK(check_value(k, setting_value{std::numeric_limits<double>::infinity()}) ==
        msg("must be a finite number"));
  CHECK(check_value(k, setting_value{std::int64_t{1}}) ==
        msg("holds a value of the wrong type for number"));
  key_spec open = keydef::number("any",
                                 keydef::at(&settings::sources, &sources_settings::simulated,
                                            &simulated_league_settings::speed),
                                 "Any.");
  CHECK(range_text(open).empty());
  CHECK(check_value(open, setting_value{-1e300}) == ok());
}

TEST_CASE("number_text shows integral numbers without a fraction", "[config]") {
  CHECK(number_text(60.0) == "60");
  CHECK(number_text(0.0) == "0");
  CHECK(number_text(1.0) == "1");
  CHECK(number_text(100000.0) == "100000");
  CHECK(number_text(0.25) == "0.25");
  CHECK(number_text(-2.5) == "-2.5");
  CHECK(number_text(0.1) == "0.1");
  CHECK(number_text(1e20) == "1e+20");
  CHECK(number_text(1e-7) == "1e-07");
  CHECK(std::stod(number_text(1.0 / 3)) == 1.0 / 3);
}

TEST_CASE("render_json writes a number key as a JSON number", "[config]") {
  settings s;
  s.sources.espn.rate_limit_per_s = 0.5;
  s.sources.simulated.speed = 600;
  rapidjson::Document doc;
  doc.Parse(render_json(s).c_str());
  REQUIRE_FALSE(doc.HasParseError());
  const auto& espn = doc["sources"]["espn"];
  REQUIRE(espn["rate_limit_per_s"].IsNumber());
  CHECK(espn["rate_limit_per_s"].GetDouble() == 0.5);
  CHECK(doc["sources"]["simulated"]["speed"].GetDouble() == 600.0);
  CHECK(doc["sources"]["weather"]["rate_limit_per_s"].GetDouble() == 1.0);
  // What render_json writes loads back to the same values.
  temp_file file{render_json(s, false)};
  auto r = load({file.path(), "", {}});
  REQUIRE(messages(r) == strings{});
  CHECK(r.values.sources.espn.rate_limit_per_s == 0.5);
  CHECK(r.values.sources.simulated.speed == 600.0);
}

TEST_CASE("describe_markdown shows a number key's kind, range and default", "[config]") {
  auto table = describe_markdown();
  CHECK(
      table.find("| `sources.espn.rate_limit_per_s` | `PLAYCLOCK_SOURCES__ESPN__RATE_LIMIT_PER_S` "
                 "| number, between 0 and 100000 | `1` | Requests per second at most (token "
                 "bucket); 0 = unlimited. |") != std::string::npos);
  CHECK(table.find("| `sources.simulated.speed` | `PLAYCLOCK_SOURCES__SIMULATED__SPEED` | number, "
                   "between 1 and 100000 | `60` |") != std::string::npos);
  CHECK(table.find("| `sources.simulated.seed` | `PLAYCLOCK_SOURCES__SIMULATED__SEED` | unsigned "
                   "integer | `1` |") != std::string::npos);
}

TEST_CASE("size binds to a std::uint64_t field over the whole uint64 range", "[config]") {
  const key_spec* k = find_key("sources.simulated.seed");
  REQUIRE(k != nullptr);
  CHECK(k->kind == value_kind::size);
  CHECK(range_text(*k).empty());
  CHECK(std::get<std::uint64_t>(k->default_value) == 1);

  auto r = load_json(R"({"sources": {"simulated": {"seed": 18446744073709551615}}})");
  REQUIRE(messages(r) == strings{});
  CHECK(r.values.sources.simulated.seed == std::numeric_limits<std::uint64_t>::max());
  r = load_env("PLAYCLOCK_SOURCES__SIMULATED__SEED", "9223372036854775813");
  REQUIRE(messages(r) == strings{});
  CHECK(r.values.sources.simulated.seed == (std::uint64_t{1} << 63) + 5);
  r = load_env("PLAYCLOCK_SOURCES__SIMULATED__SEED", "0");
  REQUIRE(messages(r) == strings{});
  CHECK(r.values.sources.simulated.seed == 0);

  CHECK(errors_of(R"({"sources": {"simulated": {"seed": -1}}})") ==
        strings{"sources.simulated.seed: expected a non-negative integer, got a negative number"});
  CHECK(messages(load_env("PLAYCLOCK_SOURCES__SIMULATED__SEED", "-1")) ==
        strings{"PLAYCLOCK_SOURCES__SIMULATED__SEED: expected a non-negative integer, got \"-1\""});

  settings s;
  s.sources.simulated.seed = std::numeric_limits<std::uint64_t>::max();
  rapidjson::Document doc;
  doc.Parse(render_json(s).c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["sources"]["simulated"]["seed"].GetUint64() ==
        std::numeric_limits<std::uint64_t>::max());
}

TEST_CASE("an integer or size key bound to a narrower field checks that the value fits",
          "[config]") {
  key_spec k = keydef::size("narrow", keydef::at(&settings::http, &http_settings::threads),
                            "An int field read as a size.");
  CHECK(check_value(k, setting_value{std::uint64_t{7}}) == ok());
  CHECK(check_value(k, setting_value{std::uint64_t{1} << 40}) ==
        msg("must be between -2147483648 and 2147483647"));
  key_spec wide = keydef::integer("wide",
                                  keydef::at(&settings::sources, &sources_settings::simulated,
                                             &simulated_league_settings::seed),
                                  "A uint64 field read as an integer.");
  CHECK(check_value(wide, setting_value{std::int64_t{5}}) == ok());
  CHECK(check_value(wide, setting_value{std::int64_t{-1}}) ==
        msg("must be between 0 and 18446744073709551615"));
}
