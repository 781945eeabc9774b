#include "config/schema.hpp"

#include <set>

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include "config/describe.hpp"
#include "config/key_builder.hpp"
#include "config/layers.hpp"

using namespace playclock::config;
using strings = std::vector<std::string>;

namespace {

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t start = 0; !text.empty() && start <= text.size();) {
    auto comma = std::min(text.find(',', start), text.size());
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : ",") + item;
  }
  return out;
}

/// A list key stored (for the test) in node.name as "a,b".
key_spec tags_key() {
  key_spec k;
  k.path = "node.tags";
  k.kind = value_kind::string_list;
  k.get = [](const settings& s) { return setting_value{split(s.node.name)}; };
  k.set = [](settings& s, const setting_value& v) {
    s.node.name = join(std::get<std::vector<std::string>>(v));
  };
  return k;
}

/// A json key like a later tenants list: [{"id": "..."}], stored in log.file as "a,b".
key_spec tenants_key() {
  auto apply = [](settings& s, const std::string& text) -> std::optional<std::string> {
    rapidjson::Document doc;
    doc.Parse(text.c_str());
    if (!doc.IsArray()) {
      return "must be an array of objects with a string id";
    }
    std::vector<std::string> ids;
    for (const auto& t : doc.GetArray()) {
      if (!t.IsObject() || !t.HasMember("id") || !t["id"].IsString()) {
        return "must be an array of objects with a string id";
      }
      ids.emplace_back(t["id"].GetString());
    }
    s.log.file = join(ids);
    return std::nullopt;
  };
  auto render = [](const settings& s) {
    std::string out;
    for (const auto& id : split(s.log.file)) {
      out += (out.empty() ? "" : ",") + std::string{R"({"id":")"} + id + "\"}";
    }
    return "[" + out + "]";
  };
  return keydef::json("tenants", "Tenants.", apply, render);
}

} // namespace

TEST_CASE("every key has a unique path, a doc string and its default", "[config]") {
  std::set<std::string> paths;
  for (const auto& k : keys()) {
    INFO(k.path);
    CHECK(paths.insert(k.path).second);
    CHECK_FALSE(k.doc.empty());
    CHECK(k.get(settings{}) == k.default_value);
    CHECK_FALSE(check_value(k, k.default_value));
  }
  CHECK(paths.count("profile") == 1);
  CHECK(paths.count("database.pool_size") == 1);
}

TEST_CASE("a key's environment variable is its path upper-cased with double underscores",
          "[config]") {
  CHECK(find_key("http.listen")->env_name() == "PLAYCLOCK_HTTP__LISTEN");
  CHECK(find_key("database.pool_size")->env_name() == "PLAYCLOCK_DATABASE__POOL_SIZE");
  CHECK(find_key("profile")->env_name() == "PLAYCLOCK_PROFILE");
  CHECK(find_key("database.url")->env_alias == "DATABASE_URL");
  CHECK(find_key("http.listn") == nullptr);
}

TEST_CASE("database.url, the weather and LLM API keys, the Telegram token, the webhook secret "
          "and the bearer tokens are the only secrets",
          "[config]") {
  for (const auto& k : keys()) {
    INFO(k.path);
    CHECK(k.is_secret() == (k.path == "database.url" || k.path == "sources.weather.api_key" ||
                            k.path == "alerts.telegram.token" ||
                            k.path == "alerts.webhook.secret" || k.path == "auth.admin_token" ||
                            k.path == "tenants" || k.path == "simulations.llm_api_key"));
  }
  CHECK(find_key("tenants")->secret == secrecy::json_tokens);
  CHECK(find_key("database.url")->secret == secrecy::url_password);
  CHECK(find_key("sources.weather.api_key")->secret == secrecy::whole);
}

TEST_CASE("a lower bound of 1 reads as greater than zero", "[config]") {
  key_spec k =
      keydef::integer("alerts.cooldown_s",
                      keydef::at(&settings::shutdown, &shutdown_settings::grace_s), "Cooldown.")
          .at_least(1);
  CHECK(check_value(k, setting_value{std::int64_t{0}}) ==
        std::optional<std::string>{"must be > 0"});
  CHECK_FALSE(check_value(k, setting_value{std::int64_t{300}}));
  CHECK(check_value(k, setting_value{std::int64_t{1} << 40}) ==
        std::optional<std::string>{"must be between -2147483648 and 2147483647"});
}

TEST_CASE("validate reports every invalid field of a settings value", "[config]") {
  settings s;
  s.http.threads = 0;
  s.log.level = "loud";
  s.supervision.backoff_max_ms = 1;
  s.sources.espn.rate_limit_per_s = -1;
  s.storage.max_buffered = 500;
  std::vector<std::string> errors;
  for (const auto& e : validate(s)) {
    errors.push_back(e.to_string());
  }
  CHECK(errors ==
        strings{"http.threads: must be between 1 and 64",
                "log.level: must be one of trace, debug, info, warn, error, critical, off",
                "sources.espn.rate_limit_per_s: must be between 0 and 100000",
                "supervision.backoff_max_ms: must be >= supervision.backoff_initial_ms (100)",
                "storage.max_buffered: must be >= storage.batch_size (1000)"});
}

TEST_CASE("a list-of-strings key reads JSON arrays and comma-separated variables", "[config]") {
  std::vector<key_spec> schema{tags_key()};
  settings s;
  CHECK(apply_document(R"({"node": {"tags": ["a", "b"]}})", "f", schema, s).empty());
  CHECK(s.node.name == "a,b");
  auto errors = apply_document(R"({"node": {"tags": ["a", 1]}})", "f", schema, s);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].to_string() == "node.tags: expected an array of strings, element 1 is number");
  std::vector<std::string> applied;
  CHECK(apply_environment({{"PLAYCLOCK_NODE__TAGS", " x , y"}}, schema, s, applied).empty());
  CHECK(s.node.name == "x,y");
  CHECK(apply_environment({{"PLAYCLOCK_NODE__TAGS", R"(["p", "q"])"}}, schema, s, applied).empty());
  CHECK(s.node.name == "p,q");
  CHECK(applied == strings{"env PLAYCLOCK_NODE__TAGS", "env PLAYCLOCK_NODE__TAGS"});
}

TEST_CASE("a json key is checked and stored by its own function", "[config]") {
  std::vector<key_spec> schema{tenants_key()};
  const auto& k = schema.front();
  CHECK(std::get<std::string>(k.default_value) == R"([{"id":"var/log/playclockd.log"}])");
  settings s;
  CHECK(apply_document(R"({"tenants": [{"id": "a"}, {"id": "b"}]})", "f", schema, s).empty());
  CHECK(s.log.file == "a,b");
  auto errors = apply_document(R"({"tenants": [{"id": 1}]})", "f", schema, s);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].to_string() == "tenants: must be an array of objects with a string id");
  CHECK(s.log.file == "a,b");
  std::vector<std::string> applied;
  CHECK(apply_environment({{"PLAYCLOCK_TENANTS", R"([{"id": "c"}])"}}, schema, s, applied).empty());
  CHECK(s.log.file == "c");
  errors = apply_environment({{"PLAYCLOCK_TENANTS", "[{"}}, schema, s, applied);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "PLAYCLOCK_TENANTS");
  CHECK(errors[0].message.rfind("invalid JSON at line 1, column 3 (offset 2): ", 0) == 0);
}

TEST_CASE("describe_markdown has a row for every key", "[config]") {
  auto table = describe_markdown();
  CHECK(table.rfind("| Key | Environment variable | Type | Default | Description |\n", 0) == 0);
  for (const auto& k : keys()) {
    INFO(k.path);
    CHECK(table.find("| `" + k.path + "` | `" + k.env_name() + "`") != std::string::npos);
  }
  CHECK(table.find("| `http.threads` | `PLAYCLOCK_HTTP__THREADS` | integer, between 1 and 64 | "
                   "`1` | I/O threads of the HTTP server. |") != std::string::npos);
  CHECK(table.find("`PLAYCLOCK_DATABASE__URL`, `DATABASE_URL`") != std::string::npos);
  CHECK(table.find("one of `text`, `json`") != std::string::npos);
  CHECK(table.find("| `node.name` | `PLAYCLOCK_NODE__NAME` | string | (empty) |") !=
        std::string::npos);
  CHECK(table.find("| `sources.weather.api_key` | `PLAYCLOCK_SOURCES__WEATHER__API_KEY` | string, "
                   "secret | (empty) |") != std::string::npos);
}
