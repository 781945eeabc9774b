// Field position, request paths and the team table of the ESPN adapter.
#include <catch2/catch.hpp>

#include <set>

#include "adapters/espn/field.hpp"
#include "adapters/espn/paths.hpp"
#include "adapters/espn/teams.hpp"

using namespace playclock::espn;

TEST_CASE("yardLine counts from the home goal line whoever has the ball", "[espn]") {
  CHECK(yards_to_endzone_from_yard_line(20, true) == 80);  // ATL (home) at ATL 20
  CHECK(yards_to_endzone_from_yard_line(95, true) == 5);   // NE (home) at NYJ 5
  CHECK(yards_to_endzone_from_yard_line(2, false) == 2);   // PHI (away) at IND 2
  CHECK(yards_to_endzone_from_yard_line(83, false) == 83); // DET (away) at DET 17
  for (int y = 0; y <= 100; ++y)
    for (bool home : {true, false})
      CHECK(yard_line_from_yards_to_endzone(yards_to_endzone_from_yard_line(y, home), home) == y);
}

TEST_CASE("possessionText reads from the offense's side", "[espn]") {
  CHECK(yards_to_endzone_from_text("ATL 20", "ATL") == 80);
  CHECK(yards_to_endzone_from_text("ATL 20", "CHI") == 20);
  CHECK(yards_to_endzone_from_text("50", "GB") == 50);
  CHECK(yards_to_endzone_from_text("GB 50", "ATL") == 50);
  CHECK(yards_to_endzone_from_text("GB 1", "GB") == 99);
  CHECK(yards_to_endzone_from_text("GB 0", "GB") == 100);
  CHECK_FALSE(yards_to_endzone_from_text("", "GB"));
  CHECK_FALSE(yards_to_endzone_from_text("GB", "GB"));
  CHECK_FALSE(yards_to_endzone_from_text("GB 51", "GB"));
  CHECK_FALSE(yards_to_endzone_from_text("GB -5", "GB"));
  CHECK_FALSE(yards_to_endzone_from_text("GB 123", "GB"));
  CHECK_FALSE(yards_to_endzone_from_text("GB 2x", "GB"));
  CHECK_FALSE(yards_to_endzone_from_text("20", "GB")); // which side?
  CHECK_FALSE(yards_to_endzone_from_text("GB 20", ""));
}

TEST_CASE("possession_text and its reading are inverse on the whole field", "[espn]") {
  CHECK(possession_text(80, "ATL", "CHI") == "ATL 20");
  CHECK(possession_text(35, "ATL", "CHI") == "CHI 35");
  CHECK(possession_text(50, "ATL", "CHI") == "ATL 50");
  for (int y = 0; y <= 100; ++y) {
    INFO(y);
    CHECK(yards_to_endzone_from_text(possession_text(y, "NYJ", "NE"), "NYJ") == y);
  }
}

TEST_CASE("field position prefers the text, then yardsToEndzone, then yardLine", "[espn]") {
  // A stale yardsToEndzone (38) loses to the displayed "ATL 28".
  CHECK(resolve_yards_to_endzone(std::string{"ATL 28"}, 38, 28, "GB", false) == 28);
  CHECK(resolve_yards_to_endzone(std::nullopt, 65, 35, "ATL", true) == 65);
  CHECK(resolve_yards_to_endzone(std::string{"garbage"}, 65, 35, "ATL", true) == 65);
  CHECK(resolve_yards_to_endzone(std::nullopt, std::nullopt, 35, "ATL", true) == 65);
  CHECK(resolve_yards_to_endzone(std::nullopt, std::nullopt, 35, "ATL", false) == 35);
  CHECK(resolve_yards_to_endzone(std::nullopt, 140, 35, "ATL", true) == 65);
  CHECK(resolve_yards_to_endzone(std::nullopt, std::nullopt, 35, "KC", std::nullopt) == 0);
  CHECK(resolve_yards_to_endzone(std::nullopt, std::nullopt, -3, "ATL", true) == 0);
  CHECK(resolve_yards_to_endzone(std::nullopt, std::nullopt, std::nullopt, "ATL", true) == 0);
}

TEST_CASE("ESPN paths encode their query values", "[espn]") {
  CHECK(scoreboard_path() == "/apis/site/v2/sports/football/nfl/scoreboard");
  CHECK(scoreboard_path("20241215") ==
        "/apis/site/v2/sports/football/nfl/scoreboard?dates=20241215");
  CHECK(scoreboard_path("20241215-20241222") ==
        "/apis/site/v2/sports/football/nfl/scoreboard?dates=20241215-20241222");
  CHECK(summary_path("401547417") == "/apis/site/v2/sports/football/nfl/summary?event=401547417");
  CHECK(summary_path("1&x=2 3") == "/apis/site/v2/sports/football/nfl/summary?event=1%26x%3D2%203");
  CHECK(url_encode("aZ09-._~") == "aZ09-._~");
  CHECK(url_encode("/?#%+ ") == "%2F%3F%23%25%2B%20");
  CHECK(url_encode(std::string{"\0\xff", 2}) == "%00%FF");
  CHECK(url_encode("é") == "%C3%A9");
}

TEST_CASE("ESPN's team table maps the 32 ids and abbreviations both ways", "[espn]") {
  std::set<std::string_view> abbreviations;
  int known = 0;
  for (int id = 0; id <= 40; ++id) {
    auto abbreviation = team_abbreviation(std::to_string(id));
    if (abbreviation.empty())
      continue;
    ++known;
    abbreviations.insert(abbreviation);
    CHECK(team_id(abbreviation) == std::to_string(id));
  }
  CHECK(known == 32);
  CHECK(abbreviations.size() == 32);
  CHECK(team_abbreviation("9") == "GB");
  CHECK(team_abbreviation("34") == "HOU");
  CHECK(team_abbreviation("31").empty());
  CHECK(team_abbreviation("").empty());
  CHECK(team_abbreviation("09").empty());
  CHECK(team_id("WSH") == "28");
  CHECK(team_id("WAS").empty());
  CHECK(team_id("gb").empty());
}
