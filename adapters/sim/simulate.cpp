// Whole games and many games: simulate_game, season_accumulator,
// simulate_many.
#include <stdexcept>

#include "adapters/sim/engine.hpp"
#include "adapters/sim/rng.hpp"
#include "adapters/sim/stats.hpp"

namespace playclock::sim {

namespace {

// No game needs this many steps (a real one has about 180 plays).
constexpr int max_steps = 5000;

sports::game_summary play_out(game_engine& e, double* wall) {
  for (int i = 0; !e.finished(); ++i) {
    if (i == max_steps)
      throw std::runtime_error("simulated game did not finish");
    e.step();
    if (wall)
      *wall += e.last_step_wall_seconds();
  }
  sports::game_summary s;
  s.header = e.state();
  s.drives = e.drives();
  s.scoring_play_ids = e.scoring_play_ids();
  return s;
}

void add_box(team_box& sum, const team_box& t) {
  sum.points += t.points;
  sum.touchdowns += t.touchdowns;
  sum.offensive_plays += t.offensive_plays;
  sum.pass_plays += t.pass_plays;
  sum.yards += t.yards;
  sum.punts += t.punts;
  sum.interceptions += t.interceptions;
  sum.fumbles_lost += t.fumbles_lost;
  sum.sacks_taken += t.sacks_taken;
  sum.field_goal_attempts += t.field_goal_attempts;
  sum.field_goals_made += t.field_goals_made;
  sum.extra_point_attempts += t.extra_point_attempts;
  sum.extra_points_made += t.extra_points_made;
  sum.two_point_attempts += t.two_point_attempts;
  sum.safeties += t.safeties;
  sum.penalties += t.penalties;
}

double ratio(double a, double b) {
  return b > 0 ? a / b : 0;
}

} // namespace

sports::game_summary simulate_game(const game_options& opts) {
  game_engine e(opts);
  return play_out(e, nullptr);
}

void season_accumulator::add(const sports::game_summary& game, double wall_seconds) {
  auto box = compute_box_score(game);
  for (const auto& [abbr, t] : box.teams)
    add_box(sum_, t);
  ++games_;
  wall_ += wall_seconds;
  for (const auto& d : game.drives)
    feed_plays_ += static_cast<long>(d.plays.size());
  if (game.header && game.header->home_score == game.header->away_score)
    ++ties_;
  if (game.header && game.header->period >= 5)
    ++overtime_;
}

season_stats season_accumulator::result() const {
  season_stats s;
  const double tg = 2.0 * games_;
  s.games = games_;
  s.points_per_team_game = ratio(sum_.points, tg);
  s.touchdowns_per_team_game = ratio(sum_.touchdowns, tg);
  s.offensive_plays_per_team_game = ratio(sum_.offensive_plays, tg);
  s.punts_per_team_game = ratio(sum_.punts, tg);
  s.turnovers_per_team_game = ratio(sum_.interceptions + sum_.fumbles_lost, tg);
  s.field_goal_attempts_per_team_game = ratio(sum_.field_goal_attempts, tg);
  s.field_goal_pct = ratio(sum_.field_goals_made, sum_.field_goal_attempts);
  s.sacks_per_team_game = ratio(sum_.sacks_taken, tg);
  s.penalties_per_team_game = ratio(sum_.penalties, tg);
  s.pass_rate = ratio(sum_.pass_plays, sum_.offensive_plays);
  s.yards_per_play = ratio(sum_.yards, sum_.offensive_plays);
  s.ties = ties_;
  s.overtime_games = overtime_;
  s.extra_point_pct = ratio(sum_.extra_points_made, sum_.extra_point_attempts);
  s.two_point_attempts_per_team_game = ratio(sum_.two_point_attempts, tg);
  s.safeties_per_team_game = ratio(sum_.safeties, tg);
  s.feed_plays_per_game = ratio(static_cast<double>(feed_plays_), games_);
  s.wall_minutes_per_game = ratio(wall_ / 60.0, games_);
  return s;
}

season_stats simulate_many(int games, std::uint64_t seed) {
  const auto& teams = nfl_teams();
  const int n = static_cast<int>(teams.size());
  season_accumulator acc;
  for (int i = 0; i < games; ++i) {
    rng r(mix_seed(seed, static_cast<std::uint64_t>(i)));
    int home = r.between(0, n - 1);
    int away = r.between(0, n - 2);
    away += away >= home ? 1 : 0;
    game_options o;
    o.home = teams[static_cast<std::size_t>(home)];
    o.away = teams[static_cast<std::size_t>(away)];
    o.seed = r.next();
    o.game_id = "sim" + std::to_string(i);
    game_engine e(o);
    double wall = 0;
    auto summary = play_out(e, &wall);
    acc.add(summary, wall);
  }
  return acc.result();
}

} // namespace playclock::sim
