// Win-probability coefficients as JSON: exact round trip, and a clear
// rejection of every malformed form.
#include <catch2/catch.hpp>

#include <string>

#include "adapters/winprob/model.hpp"

using namespace playclock::winprob;

namespace {

// The JSON array of the feature names, or of `count` numbers.
std::string names_json() {
  std::string s = "[";
  for (const auto& f : feature_names())
    s += (s.size() > 1 ? ",\"" : "\"") + f + "\"";
  return s + "]";
}

std::string numbers_json(std::size_t count, const std::string& last = "0.5") {
  std::string s = "[";
  for (std::size_t i = 0; i < count; ++i)
    s += (i ? "," : "") + (i + 1 == count ? last : std::string("0.5"));
  return s + "]";
}

std::string doc(const std::string& name, const std::string& version, const std::string& features,
                const std::string& weights) {
  std::string s = "{";
  auto add = [&](const char* key, const std::string& v) {
    if (v.empty())
      return;
    s += (s.size() > 1 ? ",\"" : "\"") + std::string(key) + "\":" + v;
  };
  add("name", name);
  add("version", version);
  add("features", features);
  add("weights", weights);
  return s + "}";
}

// from_json must reject `text` with a message that contains `expected`.
void rejects(const std::string& text, const std::string& expected) {
  std::string error;
  INFO(text);
  CHECK_FALSE(from_json(text, &error).has_value());
  CHECK_THAT(error, Catch::Contains(expected));
  CHECK_FALSE(from_json(text, nullptr).has_value()); // no error slot: still no crash
}

} // namespace

TEST_CASE("winprob coefficients round-trip through JSON bit for bit", "[winprob]") {
  coefficients c;
  c.name = "nfl_wp_refit \"week 3\"";
  c.version = 7;
  for (std::size_t i = 0; i < feature_names().size(); ++i)
    c.weights.push_back((i % 2 ? -1.0 : 1.0) * (0.1 + i) / 3.0 * 1e-3 * (i + 1));
  c.weights[3] = 0;
  c.weights[4] = 1e-300;
  c.weights[5] = -123456.78901234567;
  std::string error;
  const auto back = from_json(to_json(c), &error);
  REQUIRE(back);
  CHECK(error.empty());
  CHECK(back->name == c.name);
  CHECK(back->version == 7);
  REQUIRE(back->weights.size() == c.weights.size());
  for (std::size_t i = 0; i < c.weights.size(); ++i)
    CHECK(back->weights[i] == c.weights[i]);
  const auto builtin_back = from_json(to_json(builtin()), nullptr);
  REQUIRE(builtin_back);
  CHECK(builtin_back->weights == builtin().weights);
  CHECK(to_json(*builtin_back) == to_json(builtin()));
}

TEST_CASE("winprob coefficients JSON lists the features by name", "[winprob]") {
  const auto json = to_json(builtin());
  CHECK_THAT(json, Catch::StartsWith("{\"name\":\"nfl_wp\",\"version\":1,\"features\":[\"bias\","));
  CHECK_THAT(json, Catch::Contains("\"weights\":["));
}

TEST_CASE("winprob coefficients JSON: every malformed form is rejected clearly", "[winprob]") {
  const auto n = feature_names().size();
  const auto names = names_json();
  const auto weights = numbers_json(n);
  // The well-formed document these variations break.
  REQUIRE(from_json(doc("\"m\"", "2", names, weights), nullptr));

  rejects("", "not JSON");
  rejects("{\"name\":", "not JSON");
  rejects(doc("\"m\"", "2", names, weights) + "x", "not JSON");
  rejects("[1,2]", "not a JSON object");
  rejects("\"nfl_wp\"", "not a JSON object");

  rejects(doc("", "2", names, weights), "\"name\" must be a non-empty string");
  rejects(doc("\"\"", "2", names, weights), "\"name\" must be a non-empty string");
  rejects(doc("7", "2", names, weights), "\"name\" must be a non-empty string");

  rejects(doc("\"m\"", "", names, weights), "\"version\" must be a positive integer");
  rejects(doc("\"m\"", "0", names, weights), "\"version\" must be a positive integer");
  rejects(doc("\"m\"", "-3", names, weights), "\"version\" must be a positive integer");
  rejects(doc("\"m\"", "1.5", names, weights), "\"version\" must be a positive integer");
  rejects(doc("\"m\"", "\"1\"", names, weights), "\"version\" must be a positive integer");
  rejects(doc("\"m\"", "99999999999", names, weights), "\"version\" must be a positive integer");

  rejects(doc("\"m\"", "2", "", weights), "\"features\" must be an array");
  rejects(doc("\"m\"", "2", "\"bias\"", weights), "\"features\" must be an array");
  rejects(doc("\"m\"", "2", "[\"bias\"]", weights), "\"features\" has 1 names, this model has");
  std::string renamed = names;
  renamed.replace(renamed.find("score_diff"), 10, "score_gap_");
  rejects(doc("\"m\"", "2", renamed, weights), "feature 1 must be \"score_diff\"");
  std::string swapped = names;
  swapped.replace(swapped.find("\"bias\""), 6, "3");
  rejects(doc("\"m\"", "2", swapped, weights), "feature 0 must be \"bias\"");

  rejects(doc("\"m\"", "2", names, ""), "\"weights\" must be an array");
  rejects(doc("\"m\"", "2", names, "{}"), "\"weights\" must be an array");
  rejects(doc("\"m\"", "2", names, numbers_json(n - 1)),
          "\"weights\" has " + std::to_string(n - 1) + " numbers");
  rejects(doc("\"m\"", "2", names, numbers_json(n + 1)),
          "\"weights\" has " + std::to_string(n + 1) + " numbers");
  rejects(doc("\"m\"", "2", names, numbers_json(n, "\"0.5\"")), "is not a number");
  rejects(doc("\"m\"", "2", names, numbers_json(n, "null")), "is not a number");
  // Non-finite numbers: JSON has no literal for them, and an overflowing one
  // is refused too.
  rejects(doc("\"m\"", "2", names, numbers_json(n, "1e400")), "not JSON");
  rejects(doc("\"m\"", "2", names, numbers_json(n, "NaN")), "not JSON");
  rejects(doc("\"m\"", "2", names, numbers_json(n, "-Infinity")), "not JSON");
}
