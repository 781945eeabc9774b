// Core API injury documents: the page of $refs and one injury object.
#include <catch2/catch.hpp>

#include <set>

#include "adapters/espn/parse.hpp"
#include "adapters/espn/paths.hpp"
#include "tests/adapters/espn_samples.hpp"

using namespace playclock;

TEST_CASE("the DET core injuries page gives its 71 $refs", "[espn]") {
  auto text = test::realdata_file(test::core_injury_refs);
  if (!text)
    return test::skip_without_realdata();
  auto r = espn::parse_core_injury_refs(*text);
  REQUIRE(std::holds_alternative<std::vector<std::string>>(r));
  const auto& refs = std::get<std::vector<std::string>>(r);
  REQUIRE(refs.size() == 71);
  CHECK(refs.front() == "http://sports.core.api.espn.com/v2/sports/football/leagues/nfl/seasons/"
                        "2025/athletes/4566092/injuries/598631?lang=en&region=us");
  CHECK(refs.back() == "http://sports.core.api.espn.com/v2/sports/football/leagues/nfl/seasons/"
                       "2025/athletes/3916370/injuries/522547?lang=en&region=us");
  CHECK(std::set<std::string>(refs.begin(), refs.end()).size() == 71);
  for (const auto& ref : refs)
    CHECK(ref.find("/injuries/") != std::string::npos);
}

TEST_CASE("the core injury object gives player, team, status and date", "[espn]") {
  auto text = test::realdata_file(test::core_injury_detail);
  if (!text)
    return test::skip_without_realdata();
  auto r = espn::parse_core_injury(*text);
  if (auto* error = std::get_if<std::string>(&r))
    FAIL(*error);
  const auto& in = std::get<sports::injury>(r);
  CHECK(in.player_id == "4426502"); // from the athlete $ref
  CHECK(in.team == "ATL");          // team $ref ".../teams/1"
  CHECK(in.status == "Active");
  CHECK(in.date == "2025-04-30T14:46Z");
  CHECK(in.player_name.empty()); // names are not in this document
  // No details: no body part. type.description ("active") is the status again.
  CHECK(in.detail.empty());
}

TEST_CASE("core injury refs skip items without a $ref and reject other documents", "[espn]") {
  auto r = espn::parse_core_injury_refs(
      R"({"count":4,"items":[{"$ref":"a"},{"$ref":""},{"$ref":7},"x",{"$ref":"b"}]})");
  REQUIRE(std::holds_alternative<std::vector<std::string>>(r));
  CHECK(std::get<std::vector<std::string>>(r) == std::vector<std::string>{"a", "b"});
  auto empty = espn::parse_core_injury_refs(R"({"count":0,"items":[]})");
  REQUIRE(std::holds_alternative<std::vector<std::string>>(empty));
  CHECK(std::get<std::vector<std::string>>(empty).empty());
  for (const char* bad : {"", "not json", "[]", "null", R"({"items":{}})", R"({"count":1})",
                          R"({"items":[{"$ref":"a"})"})
    CHECK(std::holds_alternative<std::string>(espn::parse_core_injury_refs(bad)));
}

TEST_CASE("a core injury needs an athlete id and a status", "[espn]") {
  const std::string team = R"("team":{"$ref":"http://x/v2/seasons/2025/teams/8?lang=en"})";
  auto ok = espn::parse_core_injury(
      R"({"status":"Out","athlete":{"$ref":"http://x/athletes/123?lang=en"},)" + team +
      R"(,"details":{"type":"Knee"}})");
  REQUIRE(std::holds_alternative<sports::injury>(ok));
  CHECK(std::get<sports::injury>(ok).team == "DET");
  CHECK(std::get<sports::injury>(ok).player_id == "123");
  CHECK(std::get<sports::injury>(ok).detail == "Knee");
  // An id given directly wins over the $ref; an unknown team id falls back
  // to the abbreviation when there is one.
  auto direct = espn::parse_core_injury(
      R"({"status":"Out","athlete":{"id":456,"$ref":"http://x/athletes/123"},)"
      R"("team":{"id":"99","abbreviation":"XYZ"}})");
  REQUIRE(std::holds_alternative<sports::injury>(direct));
  CHECK(std::get<sports::injury>(direct).player_id == "456");
  CHECK(std::get<sports::injury>(direct).team == "XYZ");

  const char* bad[] = {
      "",
      "[1]",
      R"({"athlete":{"$ref":"http://x/athletes/123"}})",              // no status
      R"({"status":7,"athlete":{"$ref":"http://x/athletes/123"}})",   // status not text
      R"({"status":"Out"})",                                          // no athlete
      R"({"status":"Out","athlete":{"$ref":"http://x/teams/1"}})",    // not an athlete
      R"({"status":"Out","athlete":"http://x/athletes/123"})",        // not an object
      R"({"status":"Out","athlete":{"$ref":"http://x/athletes/123")", // truncated
  };
  for (const char* json : bad) {
    INFO(json);
    CHECK(std::holds_alternative<std::string>(espn::parse_core_injury(json)));
  }
}

TEST_CASE("core injury paths are built per season and team", "[espn]") {
  CHECK(espn::core_injuries_path(2025, "8") ==
        "/v2/sports/football/leagues/nfl/seasons/2025/teams/8/injuries?limit=100");
  CHECK(espn::core_injuries_path(2024, "a/b") ==
        "/v2/sports/football/leagues/nfl/seasons/2024/teams/a%2Fb/injuries?limit=100");
}
