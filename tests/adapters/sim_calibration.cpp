// The acceptance test of the NFL game engine: 1,000 games between random
// pairs of teams land on NFL averages per team and game, and every game is
// well formed. PLAYCLOCK_SIM_GAMES overrides the count (for slow builds).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <set>

#include "adapters/sim/engine.hpp"
#include "adapters/sim/rng.hpp"
#include "adapters/sim/stats.hpp"
#include "adapters/sports/enrich.hpp"

using namespace playclock;
using namespace playclock::sim;

namespace {

int game_count() {
  const char* env = std::getenv("PLAYCLOCK_SIM_GAMES");
  int n = env ? std::atoi(env) : 0;
  return n > 0 ? n : 1000;
}

// Every play of a finished game: clocks, downs, field position, ids, scores.
void check_game(const sports::game_summary& s) {
  REQUIRE(s.header);
  const auto& g = *s.header;
  REQUIRE(g.state == sports::game_state::post);
  auto plays = s.all_plays();
  REQUIRE(!plays.empty());
  CHECK(plays.back().type == "End of Game");
  int home = 0;
  int away = 0;
  std::int64_t seq = 0;
  std::set<std::string> ids;
  for (const auto& p : plays) {
    CHECK(p.sequence == seq + 1);
    seq = p.sequence;
    CHECK(ids.insert(p.id).second);
    int left = sports::clock_seconds(p.clock);
    CHECK(left >= 0);
    CHECK(left <= 900);
    CHECK(p.period >= 1);
    if (p.start_down != 0) {
      CHECK(p.start_down >= 1);
      CHECK(p.start_down <= 4);
      CHECK(p.start_yards_to_endzone >= 1);
      CHECK(p.start_yards_to_endzone <= 99);
      CHECK(p.start_distance >= 1);
      CHECK(p.start_distance <= p.start_yards_to_endzone);
    }
    int dh = p.home_score - home;
    int da = p.away_score - away;
    CHECK(dh >= 0);
    CHECK(da >= 0);
    CHECK((dh == 0 || da == 0));
    CHECK(dh + da == (p.scoring ? p.score_value : 0));
    home = p.home_score;
    away = p.away_score;
  }
  CHECK(home == g.home_score);
  CHECK(away == g.away_score);
  if (g.period == 4)
    CHECK(g.home_score != g.away_score);
  std::size_t scoring = 0;
  for (const auto& p : plays)
    scoring += p.scoring ? 1 : 0;
  CHECK(scoring == s.scoring_play_ids.size());
}

} // namespace

TEST_CASE("a thousand simulated games match NFL averages per team and game", "[sim]") {
  const int games = game_count();
  const auto& teams = nfl_teams();
  season_accumulator acc;
  for (int i = 0; i < games; ++i) {
    rng r(mix_seed(20250907, static_cast<std::uint64_t>(i)));
    int h = r.between(0, 31);
    int a = r.between(0, 30);
    a += a >= h ? 1 : 0;
    game_options o;
    o.home = teams[static_cast<std::size_t>(h)];
    o.away = teams[static_cast<std::size_t>(a)];
    o.seed = r.next();
    o.game_id = "g" + std::to_string(i);
    auto s = simulate_game(o);
    check_game(s);
    acc.add(s);
  }
  auto st = acc.result();
  INFO("points " << st.points_per_team_game << " tds " << st.touchdowns_per_team_game << " plays "
                 << st.offensive_plays_per_team_game << " punts " << st.punts_per_team_game
                 << " turnovers " << st.turnovers_per_team_game << " fga "
                 << st.field_goal_attempts_per_team_game << " fg% " << st.field_goal_pct);
  if (games < 1000)
    return; // too few games for averages to be tight
  CHECK(st.points_per_team_game >= 21);
  CHECK(st.points_per_team_game <= 25);
  CHECK(st.touchdowns_per_team_game >= 2.3);
  CHECK(st.touchdowns_per_team_game <= 2.9);
  CHECK(st.offensive_plays_per_team_game >= 60);
  CHECK(st.offensive_plays_per_team_game <= 66);
  CHECK(st.punts_per_team_game >= 3.5);
  CHECK(st.punts_per_team_game <= 4.8);
  CHECK(st.turnovers_per_team_game >= 1.1);
  CHECK(st.turnovers_per_team_game <= 1.6);
  CHECK(st.field_goal_attempts_per_team_game >= 1.5);
  CHECK(st.field_goal_attempts_per_team_game <= 2.2);
  CHECK(st.field_goal_pct >= 0.8);
  CHECK(st.field_goal_pct <= 0.9);
  CHECK(st.pass_rate >= 0.52);
  CHECK(st.pass_rate <= 0.64);
  CHECK(st.yards_per_play >= 5.0);
  CHECK(st.yards_per_play <= 6.0);
  CHECK(st.extra_point_pct >= 0.9);
  CHECK(st.overtime_games < games / 10);
}

TEST_CASE("the same seed and teams give the identical game, play by play", "[sim]") {
  game_options o;
  o.home = *find_team("ATL");
  o.away = *find_team("GB");
  o.seed = 42;
  auto a = simulate_game(o).all_plays();
  auto b = simulate_game(o).all_plays();
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].id == b[i].id);
    CHECK(a[i].type == b[i].type);
    CHECK(a[i].text == b[i].text);
    CHECK(a[i].clock == b[i].clock);
    CHECK(a[i].home_score == b[i].home_score);
    CHECK(a[i].away_score == b[i].away_score);
  }
  o.seed = 43;
  auto c = simulate_game(o).all_plays();
  bool differs = c.size() != a.size();
  for (std::size_t i = 0; !differs && i < a.size(); ++i)
    differs = a[i].text != c[i].text;
  CHECK(differs);
}
