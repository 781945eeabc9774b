// The 32 home stadiums: complete, plausible, and in line with ESPN's venues.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "adapters/espn/parse.hpp"
#include "adapters/espn/teams.hpp"
#include "adapters/weather/stadiums.hpp"
#include "tests/adapters/espn_samples.hpp"

using namespace playclock;
using weather::roof;

TEST_CASE("there is one stadium for each of the 32 teams", "[weather]") {
  const auto& all = weather::stadiums();
  REQUIRE(all.size() == 32);
  std::set<std::string_view> teams;
  for (const auto& s : all) {
    teams.insert(s.team);
    CHECK(weather::stadium_for(s.team) == &s);
    // Every team is one of ESPN's, under ESPN's abbreviation.
    CHECK(!espn::team_id(s.team).empty());
  }
  CHECK(teams.size() == 32);
}

TEST_CASE("stadium_for knows teams by ESPN abbreviation only", "[weather]") {
  const auto* gb = weather::stadium_for("GB");
  REQUIRE(gb);
  CHECK(gb->name == "Lambeau Field");
  CHECK(gb->city == "Green Bay");
  CHECK(gb->state == "WI");
  CHECK(gb->cover == roof::open);
  CHECK(gb->outdoor);
  REQUIRE(weather::stadium_for("WSH"));
  CHECK(weather::stadium_for("WSH")->name == "Northwest Stadium");
  for (const char* unknown : {"", "gb", "WAS", "GNB", "XYZ", "GB "})
    CHECK(weather::stadium_for(unknown) == nullptr);
}

TEST_CASE("stadium coordinates lie in the continental United States", "[weather]") {
  for (const auto& s : weather::stadiums()) {
    INFO(s.team);
    CHECK(s.latitude >= 25);
    CHECK(s.latitude <= 48);
    CHECK(s.longitude >= -125);
    CHECK(s.longitude <= -70);
    CHECK(s.state.size() == 2);
    CHECK(!s.city.empty());
  }
  // Miami is the southernmost, Seattle the westernmost, Foxborough the easternmost.
  const auto& all = weather::stadiums();
  auto by = [&](auto less) { return std::min_element(all.begin(), all.end(), less)->team; };
  CHECK(by([](auto& a, auto& b) { return a.latitude < b.latitude; }) == "MIA");
  CHECK(by([](auto& a, auto& b) { return a.longitude < b.longitude; }) == "SEA");
  CHECK(by([](auto& a, auto& b) { return a.longitude > b.longitude; }) == "NE");
}

TEST_CASE("only open-air stadiums are polled for weather", "[weather]") {
  int open = 0;
  for (const auto& s : weather::stadiums()) {
    INFO(s.team << " " << weather::to_string(s.cover));
    CHECK(s.outdoor == (s.cover == roof::open));
    open += s.outdoor ? 1 : 0;
  }
  for (const char* dome : {"DET", "NO", "MIN", "LV", "LAR", "LAC"})
    CHECK(weather::stadium_for(dome)->cover == roof::dome);
  for (const char* retractable : {"ATL", "ARI", "DAL", "HOU", "IND"})
    CHECK(weather::stadium_for(retractable)->cover == roof::retractable);
  CHECK(open == 21);
  CHECK(std::string{weather::to_string(roof::open)} == "open");
  CHECK(std::string{weather::to_string(roof::dome)} == "dome");
  CHECK(std::string{weather::to_string(roof::retractable)} == "retractable");
}

TEST_CASE("teams sharing a stadium share its place", "[weather]") {
  for (auto [a, b] : {std::pair{"NYG", "NYJ"}, std::pair{"LAR", "LAC"}}) {
    const auto* x = weather::stadium_for(a);
    const auto* y = weather::stadium_for(b);
    CHECK(x->name == y->name);
    CHECK(x->latitude == y->latitude);
    CHECK(x->longitude == y->longitude);
    CHECK(x->cover == y->cover);
  }
}

TEST_CASE("stadiums match the venues of ESPN's 2024 and 2025 scoreboards", "[weather]") {
  if (!test::realdata_dir())
    return test::skip_without_realdata();
  int home_games = 0;
  for (const char* name : {test::scoreboard_2024_wk15, test::scoreboard_2025_wk1}) {
    auto r = espn::parse_scoreboard(*test::realdata_file(name));
    REQUIRE_FALSE(r.error);
    for (const auto& g : r.games) {
      const auto* s = weather::stadium_for(g.home.abbreviation);
      REQUIRE(s);
      if (g.where.city != s->city)
        continue; // a neutral site (Sao Paulo)
      INFO(g.id << " " << g.where.name);
      ++home_games;
      CHECK(g.where.name == s->name);
      CHECK(g.where.state == s->state);
      CHECK(g.where.indoor == !s->outdoor);
    }
  }
  CHECK(home_games == 28);
}
