// Calibration numbers of the NFL game engine: simulates many games and prints
// per-team-per-game averages (docs/ENGINE.md, "engine vs real").
//
//   sim_stats [games=1000] [seed=2025]
//   sim_stats --game SEED [HOME AWAY]   print one game play by play

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "adapters/sim/engine.hpp"
#include "adapters/sim/stats.hpp"

using namespace playclock::sim;

namespace {

int print_game(std::uint64_t seed, const char* home, const char* away) {
  const auto* h = find_team(home);
  const auto* a = find_team(away);
  if (!h || !a) {
    std::fprintf(stderr, "unknown team\n");
    return 2;
  }
  game_options o;
  o.home = *h;
  o.away = *a;
  o.seed = seed;
  game_engine e(o);
  while (!e.finished()) {
    const auto& p = e.step();
    const auto& g = e.state();
    std::printf("%2d %5s %-4s %d&%-2d @%-2d %-28s %3d-%-3d %s\n", p.period, p.clock.c_str(),
                p.team.c_str(), p.start_down, p.start_distance, p.start_yards_to_endzone,
                p.type.c_str(), g.away_score, g.home_score, p.text.c_str());
  }
  for (const auto& d : e.drives())
    std::printf("drive %s %-4s %-18s %s\n", d.id.c_str(), d.team.c_str(), d.result.c_str(),
                d.description.c_str());
  std::printf("%s\n", e.state().status_detail.c_str());
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "--game") == 0)
    return print_game(std::strtoull(argv[2], nullptr, 10), argc > 3 ? argv[3] : "ATL",
                      argc > 4 ? argv[4] : "GB");
  int games = argc > 1 ? std::atoi(argv[1]) : 1000;
  std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 2025;
  auto s = simulate_many(games, seed);
  std::printf("games                        %d\n", s.games);
  std::printf("points / team-game           %.2f\n", s.points_per_team_game);
  std::printf("touchdowns / team-game       %.2f\n", s.touchdowns_per_team_game);
  std::printf("offensive plays / team-game  %.2f\n", s.offensive_plays_per_team_game);
  std::printf("pass rate                    %.3f\n", s.pass_rate);
  std::printf("yards / play                 %.2f\n", s.yards_per_play);
  std::printf("punts / team-game            %.2f\n", s.punts_per_team_game);
  std::printf("turnovers / team-game        %.2f\n", s.turnovers_per_team_game);
  std::printf("FG attempts / team-game      %.2f\n", s.field_goal_attempts_per_team_game);
  std::printf("FG made                      %.1f%%\n", 100 * s.field_goal_pct);
  std::printf("sacks / team-game            %.2f\n", s.sacks_per_team_game);
  std::printf("penalties / team-game        %.2f\n", s.penalties_per_team_game);
  std::printf("extra points made            %.1f%%\n", 100 * s.extra_point_pct);
  std::printf("two-point tries / team-game  %.2f\n", s.two_point_attempts_per_team_game);
  std::printf("safeties / team-game         %.3f\n", s.safeties_per_team_game);
  std::printf("overtime games               %d (%.1f%%)\n", s.overtime_games,
              100.0 * s.overtime_games / s.games);
  std::printf("ties                         %d\n", s.ties);
  std::printf("feed plays / game            %.1f\n", s.feed_plays_per_game);
  std::printf("wall minutes / game          %.0f\n", s.wall_minutes_per_game);
  return 0;
}
