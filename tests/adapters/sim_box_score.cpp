#include <catch2/catch.hpp>

#include <map>

#include "adapters/sim/engine.hpp"
#include "adapters/sim/stats.hpp"

using namespace playclock;
using namespace playclock::sim;

TEST_CASE("box scores computed from the plays add up", "[sim]") {
  for (std::uint64_t seed = 1; seed <= 25; ++seed) {
    game_options o;
    o.home = *find_team("PHI");
    o.away = *find_team("DAL");
    o.seed = seed;
    auto s = simulate_game(o);
    auto box = compute_box_score(s);
    const auto& home = box.teams.at("PHI");
    const auto& away = box.teams.at("DAL");
    CHECK(home.points == s.header->home_score);
    CHECK(away.points == s.header->away_score);
    for (const auto* t : {&home, &away}) {
      int from_scores = 6 * t->touchdowns + t->extra_points_made + 2 * t->two_points_made +
                        3 * t->field_goals_made + 2 * t->safeties;
      CHECK(from_scores == t->points);
      CHECK(t->offensive_plays > 40);
      CHECK(t->pass_plays < t->offensive_plays);
      // Kneels (-1 each) count as rushing but not as offensive plays.
      int kneel_yards = t->yards - (t->passing_yards + t->rushing_yards);
      CHECK(kneel_yards >= 0);
      CHECK(kneel_yards <= t->kneels);
    }
    // Player lines add up to the team's.
    std::map<std::string, int> passing;
    std::map<std::string, int> rushing;
    std::map<std::string, int> receiving;
    std::map<std::string, int> sacks;
    for (const auto& [id, p] : box.players) {
      passing[p.team] += p.passing_yards;
      rushing[p.team] += p.rushing_yards;
      receiving[p.team] += p.receiving_yards;
      sacks[p.team] += p.sacks;
    }
    CHECK(receiving["PHI"] == passing["PHI"]);
    CHECK(sacks["DAL"] == home.sacks_taken);
    CHECK(sacks["PHI"] == away.sacks_taken);
  }
}

TEST_CASE("simulate_many aggregates games", "[sim]") {
  auto st = simulate_many(20, 1);
  CHECK(st.games == 20);
  CHECK(st.points_per_team_game > 10);
  CHECK(st.offensive_plays_per_team_game > 50);
  CHECK(st.wall_minutes_per_game > 150);
  CHECK(st.feed_plays_per_game > 140);
}
