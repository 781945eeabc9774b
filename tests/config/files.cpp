// The shipped JSON files: profile overlays and the example config.
#include <fstream>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include "config/layers.hpp"
#include "config/loader.hpp"
#include "config/schema.hpp"
#include "tests/config/helpers.hpp"

namespace playclock::config::embedded {
const std::vector<std::pair<const char*, const char*>>& profiles();
} // namespace playclock::config::embedded

using namespace playclock::config;
using playclock::config::test::messages;
using strings = std::vector<std::string>;

namespace {

const std::string example_path =
    std::string{PLAYCLOCK_SOURCE_DIR} + "/config/playclock.example.json";

void leaf_paths(const rapidjson::Value& object, const std::string& prefix,
                std::set<std::string>& out) {
  for (const auto& m : object.GetObject()) {
    auto path =
        prefix.empty() ? std::string{m.name.GetString()} : prefix + "." + m.name.GetString();
    if (m.value.IsObject() && find_key(path) == nullptr) {
      leaf_paths(m.value, path, out);
    } else {
      out.insert(path);
    }
  }
}

} // namespace

TEST_CASE("the defaults pass every check", "[config]") {
  CHECK(validate(settings{}).empty());
}

TEST_CASE("each shipped profile parses cleanly and passes every check", "[config]") {
  const auto& allowed = find_key("profile")->allowed;
  REQUIRE(embedded::profiles().size() == allowed.size());
  for (const auto& [file, contents] : embedded::profiles()) {
    INFO(file);
    settings s;
    CHECK(apply_document(contents, file, keys(), s).empty());
    CHECK(validate(s).empty());
  }
  for (const auto& name : allowed) {
    INFO(name);
    auto r = load({"", name, {}});
    CHECK(messages(r) == strings{});
    CHECK(r.sources == strings{"defaults", "profile " + name});
  }
}

TEST_CASE("the profiles set what the deployment expects", "[config]") {
  auto dev = load({"", "development", {}}).values;
  CHECK(dev.log.level == "debug");
  CHECK(dev.database.pool_size < settings{}.database.pool_size);
  auto testing = load({"", "testing", {}}).values;
  CHECK(testing.log.level == "info");
  CHECK(testing.log.file.empty());
  CHECK(testing.shutdown.grace_s == 5);
  CHECK(testing.sources.espn.rate_limit_per_s == 0.0);
  CHECK(testing.sources.weather.rate_limit_per_s == 0.0);
  CHECK(testing.sources.espn.base_url == "sim:");
  CHECK(testing.sources.simulated.speed == 600.0);
  CHECK(testing.storage.flush_interval_ms == 50);
  CHECK(dev.sources.espn.base_url == "sim:");
  CHECK(dev.sources.weather.base_url == "sim:");
  CHECK(dev.sources.espn.rate_limit_per_s == settings{}.sources.espn.rate_limit_per_s);
  CHECK(dev.storage.flush_interval_ms == settings{}.storage.flush_interval_ms);
  auto prod = load({"", "production", {}}).values;
  CHECK(prod.log.level == "info");
  CHECK(prod.log.format == "json");
  CHECK(prod.database.pool_size == 8);
  CHECK(prod.http.listen == "127.0.0.1:8080");
  CHECK(prod.sources.espn.base_url == "https://site.api.espn.com");
  CHECK(prod.sources.weather.base_url.empty());
  CHECK(prod.sources.espn.rate_limit_per_s == settings{}.sources.espn.rate_limit_per_s);
  CHECK(prod.sources.simulated.speed == settings{}.sources.simulated.speed);
  CHECK(prod.sources.simulated.seed == settings{}.sources.simulated.seed);
}

TEST_CASE("the example config file has exactly the schema's keys", "[config]") {
  std::ifstream in{example_path};
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse(text.str().c_str());
  REQUIRE_FALSE(doc.HasParseError());
  std::set<std::string> in_file;
  leaf_paths(doc, "", in_file);
  std::set<std::string> in_schema;
  for (const auto& k : keys()) {
    in_schema.insert(k.path);
  }
  CHECK(in_file == in_schema);
}

TEST_CASE("the example config file loads cleanly with every key at its default", "[config]") {
  auto r = load({example_path, "", {}});
  REQUIRE(messages(r) == strings{});
  CHECK(r.sources == strings{"defaults", "profile development", "file " + example_path});
  CHECK(render_json(r.values, false) == render_json(settings{}, false));
}
