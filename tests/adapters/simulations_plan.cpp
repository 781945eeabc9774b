#include <catch2/catch.hpp>

#include <set>

#include "adapters/simulations/llm.hpp"
#include "adapters/simulations/plan.hpp"
#include "adapters/simulations/summary.hpp"

using namespace playclock::simulations;

namespace {

std::vector<fixture> play_all(plan& p, int home_wins_by = 7) {
  std::vector<fixture> games;
  std::vector<outcome> played;
  while (auto f = p.next(played)) {
    games.push_back(*f);
    outcome o;
    o.home = f->home.team.abbreviation;
    o.away = f->away.team.abbreviation;
    o.home_score = 20 + home_wins_by;
    o.away_score = 20;
    o.round = f->round;
    played.push_back(o);
  }
  return games;
}

} // namespace

TEST_CASE("a regular season plays every pair of teams once", "[simulations]") {
  request r;
  r.kind = "regular_season";
  r.teams = {"KC", "BUF", "GB", "DAL", "SF"};
  plan p{r};
  auto games = play_all(p);
  REQUIRE(games.size() == 10);
  CHECK(p.total_games() == 10);
  std::set<std::set<std::string>> pairs;
  for (const auto& g : games)
    pairs.insert({g.home.team.abbreviation, g.away.team.abbreviation});
  CHECK(pairs.size() == 10);
  CHECK(games.front().key.rfind("g1-", 0) == 0);
}

TEST_CASE("playoffs are a seeded bracket whose winners meet", "[simulations]") {
  request r;
  r.kind = "playoffs";
  r.teams = {"KC", "BUF", "GB", "DAL", "SF", "PHI", "DET", "BAL"};
  plan p{r};
  auto games = play_all(p); // the home team (the better seed) always wins
  REQUIRE(games.size() == 7);
  CHECK(games[0].round == 1);
  CHECK(games[4].round == 2);
  CHECK(games[6].round == 3);
  CHECK_FALSE(games[6].allow_tie);
  // The final is between the two first-round home teams that kept winning.
  CHECK(games[6].home.team.abbreviation == games[0].home.team.abbreviation);
}

TEST_CASE("teams are checked per kind; the seed picks them when absent", "[simulations]") {
  CHECK(check_teams("single_game", {"KC"}));
  CHECK(check_teams("single_game", {"KC", "KC"}));
  CHECK(check_teams("single_game", {"KC", "NOPE"}));
  CHECK(check_teams("playoffs", {"KC", "BUF", "GB"}));
  CHECK_FALSE(check_teams("playoffs", {}));
  CHECK_FALSE(check_teams("regular_season", {"KC", "BUF", "GB"}));
  request r;
  r.seed = 42;
  plan a{r}, b{r};
  REQUIRE(a.teams().size() == 2);
  CHECK(a.teams()[0].team.abbreviation == b.teams()[0].team.abbreviation);
}

TEST_CASE("a missing seed comes from the idempotency key, or at random", "[simulations]") {
  auto a = with_seed(R"({"kind":"single_game"})", "key-1");
  CHECK(a == with_seed(R"({"kind":"single_game"})", "key-1"));
  CHECK(a != with_seed(R"({"kind":"single_game"})", "key-2"));
  CHECK(a.find("\"seed\":") != std::string::npos);
  CHECK(with_seed(R"({"seed":5})", "key-1") == R"({"seed":5})");
  CHECK(read_request(a).seed < (std::uint64_t{1} << 53));
}

TEST_CASE("the summary names the winner, the standings and the leaders", "[simulations]") {
  game_record g;
  g.key = "g1-BUF@KC";
  g.result = outcome{"KC", "BUF", 27, 20, 1};
  g.turning_points = {"Q4 2:00 (27-20): P.Mahomes pass to T.Kelce, TOUCHDOWN"};
  g.box.players["p1"].name = "P.Mahomes";
  g.box.players["p1"].team = "KC";
  g.box.players["p1"].passing_yards = 310;
  auto text = narrate("single_game", {g}, false);
  CHECK_THAT(text, Catch::StartsWith("KC won, BUF 20 @ KC 27."));
  CHECK_THAT(text,
             Catch::Contains("Turning points") && Catch::Contains("P.Mahomes (KC), 0/0, 310"));
  auto json = result_json("single_game", {g}, 150, false);
  CHECK_THAT(json, Catch::Contains(R"("winner":"KC")") && Catch::Contains(R"("events":150)"));
  CHECK_THAT(json, Catch::Contains(R"({"team":"KC","wins":1,"losses":0)"));
  CHECK(narrate("playoffs", {}, false) == "No game was completed.");
}

TEST_CASE("the chat-completions writer reports why it has no text", "[simulations]") {
  llm_options off;
  CHECK_FALSE(llm_narrative(off, "facts").ok);
  llm_options down;
  down.url = "http://127.0.0.1:9/v1";
  down.timeout = std::chrono::milliseconds{2000};
  auto r = llm_narrative(down, "facts");
  CHECK_FALSE(r.ok);
  CHECK_FALSE(r.text.empty());
}
