#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "adapters/espn/teams.hpp"
#include "adapters/kalshi/ticker_map.hpp"
#include "tests/adapters/kalshi_samples.hpp"

using namespace playclock;
using namespace playclock::kalshi;

namespace {

sports::game game(std::string id, std::string away, std::string home, std::string start) {
  sports::game g;
  g.id = std::move(id);
  g.away.abbreviation = std::move(away);
  g.home.abbreviation = std::move(home);
  g.start_time = std::move(start);
  return g;
}

/// Every code a ticker may use for a team: ESPN's 32 and Kalshi's spellings.
std::vector<std::string> all_codes() {
  std::vector<std::string> out{"JAC", "WAS", "LA", "OAK"};
  for (int id = 1; id <= 34; ++id) {
    auto a = espn::team_abbreviation(std::to_string(id));
    if (!a.empty())
      out.emplace_back(a);
  }
  return out;
}

} // namespace

TEST_CASE("a game market ticker gives series, date, teams and outcome", "[kalshi]") {
  auto t = parse_game_ticker("KXNFLGAME-26JAN12HOUPIT-PIT");
  REQUIRE(t);
  CHECK(t->series == "KXNFLGAME");
  CHECK(t->date == "2026-01-12");
  CHECK(t->away == "HOU");
  CHECK(t->home == "PIT");
  CHECK(t->outcome == "PIT");
  CHECK(t->outcome_code == "PIT");

  auto event = parse_game_ticker("KXNFLGAME-26JAN12HOUPIT");
  REQUIRE(event);
  CHECK(event->outcome.empty());
  CHECK(event->outcome_code.empty());
  CHECK(event->home == "PIT");
}

TEST_CASE("Kalshi's team spellings become ESPN's", "[kalshi]") {
  CHECK(normalize_team("JAC") == "JAX");
  CHECK(normalize_team("JAX") == "JAX");
  CHECK(normalize_team("WAS") == "WSH");
  CHECK(normalize_team("WSH") == "WSH");
  CHECK(normalize_team("LA") == "LAR");
  CHECK(normalize_team("LAR") == "LAR");
  CHECK(normalize_team("LAC") == "LAC");
  CHECK(normalize_team("OAK") == "LV");
  CHECK(normalize_team("gb") == "GB");
  CHECK(normalize_team("XX").empty());
  CHECK(normalize_team("TIE").empty());
  CHECK(normalize_team("").empty());

  auto t = parse_game_ticker("KXNFLGAME-25OCT06KCJAC-JAC");
  REQUIRE(t);
  CHECK(t->away == "KC");
  CHECK(t->home == "JAX");
  CHECK(t->outcome == "JAX");
  auto w = parse_game_ticker("KXNFLGAME-25DEC20PHIWAS-PHI");
  REQUIRE(w);
  CHECK(w->home == "WSH");
  CHECK(w->outcome == "PHI");
}

TEST_CASE("team codes are split every way and only a unique split counts", "[kalshi]") {
  using split = std::vector<std::pair<std::string, std::string>>;
  // The first plausible cut is not always the right one.
  CHECK(split_teams("LACLAR") == split{{"LAC", "LAR"}});
  CHECK(split_teams("LACLA") == split{{"LAC", "LAR"}});
  CHECK(split_teams("LALAC") == split{{"LAR", "LAC"}});
  CHECK(split_teams("LASEA") == split{{"LAR", "SEA"}});
  CHECK(split_teams("SFLAR") == split{{"SF", "LAR"}});
  CHECK(split_teams("NENYJ") == split{{"NE", "NYJ"}});
  CHECK(split_teams("NYJNE") == split{{"NYJ", "NE"}});
  CHECK(split_teams("GBNO") == split{{"GB", "NO"}});
  CHECK(split_teams("KCLV") == split{{"KC", "LV"}});
  CHECK(split_teams("LACHI") == split{{"LAR", "CHI"}});
  // Not two teams, the same team twice, two spellings of one team.
  CHECK(split_teams("XXXYYY").empty());
  CHECK(split_teams("PITPIT").empty());
  CHECK(split_teams("LALAR").empty());
  CHECK(split_teams("JACJAX").empty());
  CHECK(split_teams("PIT").empty());
  CHECK(split_teams("HOUPITX").empty());
  CHECK(split_teams("houpit").empty());
}

TEST_CASE("no two team codes run together ambiguously", "[kalshi]") {
  // If a new alias ever made "AB"+"CDE" also read as "ABC"+"DE", tickers of
  // that matchup would stop mapping: this keeps the table honest.
  auto codes = all_codes();
  REQUIRE(codes.size() == 36);
  int pairs = 0;
  for (const auto& a : codes)
    for (const auto& b : codes) {
      if (normalize_team(a) == normalize_team(b))
        continue;
      INFO(a << b);
      auto splits = split_teams(a + b);
      REQUIRE(splits.size() == 1);
      CHECK(splits[0].first == normalize_team(a));
      CHECK(splits[0].second == normalize_team(b));
      ++pairs;
    }
  CHECK(pairs > 1000);
}

TEST_CASE("tickers that do not name a game parse to nothing", "[kalshi]") {
  for (const char* t :
       {"", "KXNFLGAME", "KXNFLGAME-", "-26JAN12HOUPIT", "KXELONMARS-99",
        "KXMVENFLSINGLEGAME-S202513E70FA7695-688BECB3826", "KXNFLGAME-26JAN12",
        "KXNFLGAME-26XYZ12HOUPIT", "KXNFLGAME-26FEB30HOUPIT", "KXNFLGAME-26JAN32HOUPIT",
        "KXNFLGAME-2XJAN12HOUPIT", "KXNFLGAME-26JAN12ZZZPIT", "KXNFLGAME-26JAN12HOUPIT-",
        "KXNFLGAME-25NOV29-NEBUF-B250", "KXNFLAFCCHAMP-25-NE", "KXSB-26-SEA"}) {
    INFO(t);
    CHECK_FALSE(parse_game_ticker(t));
  }
  // Leap years.
  CHECK(parse_game_ticker("KXNFLGAME-28FEB29HOUPIT"));
  CHECK_FALSE(parse_game_ticker("KXNFLGAME-27FEB29HOUPIT"));
}

TEST_CASE("other series of a game keep their outcome code but name no team", "[kalshi]") {
  auto spread = parse_game_ticker("KXNFLSPREAD-25SEP28NOBUF-BUF7");
  REQUIRE(spread);
  CHECK(spread->away == "NO");
  CHECK(spread->home == "BUF");
  CHECK(spread->outcome.empty());
  CHECK(spread->outcome_code == "BUF7");
  auto prop = parse_game_ticker("KXNFLREC-26JAN12HOUPIT-PITKGAINWELL14-4");
  REQUIRE(prop);
  CHECK(prop->outcome_code == "PITKGAINWELL14-4");
  CHECK(prop->outcome.empty());
  auto tie = parse_game_ticker("KXNFLGAME-26JAN12HOUPIT-TIE");
  REQUIRE(tie);
  CHECK(tie->outcome.empty());
  // A team that does not play in this game is no outcome of it.
  auto other = parse_game_ticker("KXNFLGAME-26JAN12HOUPIT-DAL");
  REQUIRE(other);
  CHECK(other->outcome.empty());
}

TEST_CASE("the game tickers inside the recorded parlay markets parse", "[kalshi]") {
  auto doc = test::kalshi_response(test::kalshi_markets_list);
  if (!doc)
    return test::skip_without_realdata();
  int legs = 0;
  for (const auto& m : (*doc)["markets"].GetArray()) {
    REQUIRE(m.HasMember("mve_selected_legs"));
    for (const auto& leg : m["mve_selected_legs"].GetArray()) {
      std::string market = leg["market_ticker"].GetString();
      std::string event = leg["event_ticker"].GetString();
      INFO(market);
      auto t = parse_game_ticker(market);
      auto e = parse_game_ticker(event);
      if (event.rfind("KXNFL", 0) != 0) {
        continue; // multi-sport parlays hold other leagues' legs
      }
      REQUIRE(t);
      REQUIRE(e);
      CHECK(t->date == e->date);
      CHECK(t->home == e->home);
      CHECK(t->away == e->away);
      if (event.rfind("KXNFLGAME-", 0) == 0) {
        CHECK_FALSE(t->outcome.empty());
        CHECK((t->outcome == t->home || t->outcome == t->away));
      }
      ++legs;
    }
  }
  CHECK(legs >= 5);
  auto first = parse_game_ticker("KXNFLGAME-26JAN12HOUPIT-PIT");
  REQUIRE(first);
  CHECK(first->home == "PIT");
}

TEST_CASE("a market maps to the game with its teams on its date", "[kalshi]") {
  // HOU at PIT, Monday night Jan 12 2026: 8:15 pm ET is 01:15 UTC the next day.
  std::vector<sports::game> games{
      game("401", "HOU", "PIT", "2026-01-13T01:15Z"),
      game("402", "LAR", "SEA", "2026-01-10T21:30Z"),
      game("403", "HOU", "PIT", "2025-10-05T17:00Z"), // the same teams earlier in the season
      game("404", "JAX", "WSH", "2026-01-11T18:00Z"),
  };
  ticker_mapper mapper;

  auto pit = mapper.map("KXNFLGAME-26JAN12HOUPIT-PIT", games);
  REQUIRE(pit);
  CHECK(pit->game_id == "401");
  CHECK(pit->team == "PIT");
  CHECK(pit->home);
  auto hou = mapper.map("KXNFLGAME-26JAN12HOUPIT-HOU", games);
  REQUIRE(hou);
  CHECK(hou->game_id == "401");
  CHECK(hou->team == "HOU");
  CHECK_FALSE(hou->home);

  // Kalshi's spellings against ESPN's, answered in the game's spelling.
  auto jac = mapper.map("KXNFLGAME-26JAN11JACWAS-JAC", games);
  REQUIRE(jac);
  CHECK(jac->game_id == "404");
  CHECK(jac->team == "JAX");
  CHECK_FALSE(jac->home);
  auto la = mapper.map("KXNFLGAME-26JAN10LASEA-LA", games);
  REQUIRE(la);
  CHECK(la->game_id == "402");
  CHECK(la->team == "LAR");

  // Non-team markets of the game map with no team.
  auto total = mapper.map("KXNFLTOTAL-26JAN12HOUPIT-45", games);
  REQUIRE(total);
  CHECK(total->game_id == "401");
  CHECK(total->team.empty());
  CHECK_FALSE(total->home);

  // The market overload reads the ticker.
  markets::market m;
  m.ticker = "KXNFLGAME-26JAN12HOUPIT-PIT";
  auto viam = mapper.map(m, games);
  REQUIRE(viam);
  CHECK(viam->game_id == "401");
}

TEST_CASE("a market maps only within a day of the ticker's date", "[kalshi]") {
  ticker_mapper mapper;
  std::vector<sports::game> games{game("1", "HOU", "PIT", "2026-01-13T01:15Z")};
  CHECK(mapper.map("KXNFLGAME-26JAN12HOUPIT-PIT", games)); // next UTC day
  CHECK(mapper.map("KXNFLGAME-26JAN13HOUPIT-PIT", games)); // same UTC day
  CHECK_FALSE(mapper.map("KXNFLGAME-26JAN11HOUPIT-PIT", games));
  CHECK_FALSE(mapper.map("KXNFLGAME-26JAN14HOUPIT-PIT", games));
  // A month boundary.
  std::vector<sports::game> jan{game("2", "DAL", "NYG", "2026-02-01T01:20Z")};
  CHECK(mapper.map("KXNFLGAME-26JAN31DALNYG", jan));
  // A game without a usable start time never matches.
  std::vector<sports::game> no_time{game("3", "HOU", "PIT", "")};
  CHECK_FALSE(mapper.map("KXNFLGAME-26JAN12HOUPIT-PIT", no_time));
}

TEST_CASE("a neutral-site ticker with the teams the other way round still maps", "[kalshi]") {
  ticker_mapper mapper;
  std::vector<sports::game> games{game("sb", "SEA", "NE", "2026-02-08T23:30Z")};
  auto m = mapper.map("KXNFLGAME-26FEB08NESEA-SEA", games);
  REQUIRE(m);
  CHECK(m->game_id == "sb");
  CHECK(m->team == "SEA");
  CHECK_FALSE(m->home);
}

TEST_CASE("the closest game wins and a tie maps to nothing", "[kalshi]") {
  ticker_mapper mapper;
  std::vector<sports::game> games{game("late", "HOU", "PIT", "2026-01-13T01:15Z"),
                                  game("exact", "HOU", "PIT", "2026-01-12T18:00Z")};
  auto m = mapper.map("KXNFLGAME-26JAN12HOUPIT-PIT", games);
  REQUIRE(m);
  CHECK(m->game_id == "exact");
  std::vector<sports::game> twins{game("a", "HOU", "PIT", "2026-01-12T18:00Z"),
                                  game("b", "HOU", "PIT", "2026-01-12T21:00Z")};
  CHECK_FALSE(mapper.map("KXNFLGAME-26JAN12HOUPIT-PIT", twins));
}

TEST_CASE("unknown teams, other games and non-game tickers map to nothing", "[kalshi]") {
  ticker_mapper mapper;
  std::vector<sports::game> games{game("1", "HOU", "PIT", "2026-01-13T01:15Z")};
  CHECK_FALSE(mapper.map("KXNFLGAME-26JAN12ZZZPIT-PIT", games));
  CHECK_FALSE(mapper.map("KXNFLGAME-26JAN12DALPIT-PIT", games));
  CHECK_FALSE(mapper.map("KXMVENFLSINGLEGAME-S202513E70FA7695-688BECB3826", games));
  CHECK_FALSE(mapper.map("KXELONMARS-99", games));
  CHECK_FALSE(mapper.map("KXNFLGAME-26JAN12HOUPIT-PIT", {}));
}

TEST_CASE("configured rules win over the ticker, the longest prefix first", "[kalshi]") {
  std::vector<sports::game> games{game("401", "HOU", "PIT", "2026-01-13T01:15Z"),
                                  game("999", "DAL", "NYG", "2026-01-11T18:00Z")};
  ticker_mapper mapper{{
      {"KXNFLGAME-26JAN12HOUPIT", "999", ""},
      {"KXNFLGAME-26JAN12HOUPIT-PIT", "401", "PIT"},
      {"CUSTOM-", "999", "NYG"},
      {"", "777", ""},     // an empty prefix would match everything: ignored
      {"NOGAME-", "", ""}, // a rule without a game: ignored
  }};
  CHECK(mapper.rules().size() == 5);

  auto pit = mapper.map("KXNFLGAME-26JAN12HOUPIT-PIT", games);
  REQUIRE(pit);
  CHECK(pit->game_id == "401");
  CHECK(pit->team == "PIT");
  CHECK(pit->home);

  // The shorter rule beats the ticker's own teams; its team comes from the
  // ticker, which game 999 does not have.
  auto hou = mapper.map("KXNFLGAME-26JAN12HOUPIT-HOU", games);
  REQUIRE(hou);
  CHECK(hou->game_id == "999");
  CHECK(hou->team == "HOU");
  CHECK_FALSE(hou->home);

  auto custom = mapper.map("CUSTOM-GIANTS-WIN", games);
  REQUIRE(custom);
  CHECK(custom->game_id == "999");
  CHECK(custom->team == "NYG");
  CHECK(custom->home);

  // A rule maps even when its game is not among the known ones.
  auto unknown = mapper.map("CUSTOM-X", {});
  REQUIRE(unknown);
  CHECK(unknown->game_id == "999");
  CHECK_FALSE(unknown->home);

  CHECK_FALSE(mapper.map("NOGAME-1", games));
  CHECK_FALSE(mapper.map("KXELONMARS-99", games));
}

TEST_CASE("dates are counted across months and years", "[kalshi]") {
  CHECK(days_between("2026-01-12", "2026-01-13") == 1);
  CHECK(days_between("2025-12-31", "2026-01-01") == 1);
  CHECK(days_between("2028-02-28", "2028-03-01") == 2);
  CHECK(days_between("2026-01-13", "2026-01-12") == -1);
  CHECK_FALSE(days_between("2026-13-01", "2026-01-01"));
  CHECK_FALSE(days_between("2026-01-01T00:00Z", "2026-01-01"));
}
