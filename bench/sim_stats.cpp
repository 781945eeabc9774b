// Calibration numbers of the NFL game engine: simulates many games and prints
// per-team-per-game averages (docs/ENGINE.md, "engine vs real").
//
//   sim_stats [games=1000] [seed=2025]   random pairs of teams, 2025 rules
//   sim_stats --matchups GAMES_CSV [seeds=100] [seed=2025]
//       the games of an nflverse games or schedule CSV (columns home_team,
//       away_team, season; season_type or game_type if present), each played
//       with seeds seed .. seed+seeds-1 under that season's rules
//   sim_stats --game SEED [HOME AWAY]   print one game play by play

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "adapters/pipeline/csv.hpp"
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

void print_stats(const season_stats& s) {
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
}

// One slate is the file's games played with one seed: a simulated "week 1",
// to show how much the averages of so few games vary.
struct metric {
  const char* label;
  double (*get)(const season_stats&);
  int decimals = 2;
};

const metric slate_metrics[] = {
    {"points / team-game", [](const season_stats& s) { return s.points_per_team_game; }},
    {"touchdowns / team-game", [](const season_stats& s) { return s.touchdowns_per_team_game; }},
    {"offensive plays / team-game",
     [](const season_stats& s) { return s.offensive_plays_per_team_game; }},
    {"pass rate", [](const season_stats& s) { return s.pass_rate; }, 3},
    {"yards / play", [](const season_stats& s) { return s.yards_per_play; }},
    {"punts / team-game", [](const season_stats& s) { return s.punts_per_team_game; }},
    {"turnovers / team-game", [](const season_stats& s) { return s.turnovers_per_team_game; }},
    {"FG attempts / team-game",
     [](const season_stats& s) { return s.field_goal_attempts_per_team_game; }},
    {"FG made %", [](const season_stats& s) { return 100 * s.field_goal_pct; }, 1},
    {"sacks / team-game", [](const season_stats& s) { return s.sacks_per_team_game; }},
    {"penalties / team-game", [](const season_stats& s) { return s.penalties_per_team_game; }},
    {"extra points made %", [](const season_stats& s) { return 100 * s.extra_point_pct; }, 1},
    {"two-point tries / team-game",
     [](const season_stats& s) { return s.two_point_attempts_per_team_game; }},
    {"safeties / team-game", [](const season_stats& s) { return s.safeties_per_team_game; }, 3},
};

void print_slate_ranges(const std::vector<season_accumulator>& slates) {
  std::printf("\nslates (one seed each): 5%% .. 95%% of %zu\n", slates.size());
  std::vector<season_stats> results;
  for (const auto& a : slates)
    results.push_back(a.result());
  for (const auto& m : slate_metrics) {
    std::vector<double> v;
    for (const auto& r : results)
      v.push_back(m.get(r));
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v[static_cast<std::size_t>(q * (v.size() - 1) + 0.5)]; };
    std::printf("%-28s %.*f .. %.*f\n", m.label, m.decimals, at(0.05), m.decimals, at(0.95));
  }
}

// The engine's team (ESPN abbreviations) for an nflverse abbreviation.
const team_profile& team_for(const std::string& nflverse, const std::string& path) {
  static const std::pair<const char*, const char*> renamed[] = {
      {"LA", "LAR"}, {"WAS", "WSH"}, {"OAK", "LV"}, {"SD", "LAC"}, {"STL", "LAR"}, {"JAC", "JAX"}};
  std::string espn = nflverse;
  for (const auto& [from, to] : renamed)
    if (nflverse == from)
      espn = to;
  const auto* t = find_team(espn);
  if (!t)
    throw std::runtime_error(path + ": unknown team '" + nflverse + "'");
  return *t;
}

int number(const std::string& s, const char* what) {
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0')
    throw std::runtime_error(std::string(what) + " is not an integer: '" + s + "'");
  return static_cast<int>(v);
}

// The game as the engine plays it, and the wall time a live feed of it takes.
playclock::sports::game_summary play_game(const game_options& o, double& wall) {
  game_engine e(o);
  for (int i = 0; !e.finished(); ++i) {
    if (i == 5000)
      throw std::runtime_error("game " + o.game_id + " did not finish");
    e.step();
    wall += e.last_step_wall_seconds();
  }
  playclock::sports::game_summary s;
  s.header = e.state();
  s.drives = e.drives();
  s.scoring_play_ids = e.scoring_play_ids();
  return s;
}

int simulate_matchups(const std::string& path, int seeds, std::uint64_t seed) {
  const auto t = playclock::pipeline::read_csv(path);
  const auto home = t.require("home_team", path);
  const auto away = t.require("away_team", path);
  const auto season = t.require("season", path);
  int kind = t.column("season_type");
  kind = kind >= 0 ? kind : t.column("game_type");
  const int id = t.column("game_id");
  season_accumulator acc;
  std::vector<season_accumulator> slates(static_cast<std::size_t>(seeds));
  std::set<std::string> seen; // a play-by-play file repeats the game on every row
  for (const auto& row : t.rows) {
    const std::string name =
        id >= 0 ? row[static_cast<std::size_t>(id)] : row[away] + "@" + row[home];
    if (id >= 0 && !seen.insert(name).second)
      continue;
    game_options o;
    o.home = team_for(row[home], path);
    o.away = team_for(row[away], path);
    o.season = number(row[season], "season");
    o.allow_tie = kind < 0 || row[static_cast<std::size_t>(kind)] == "REG";
    // Both teams possess in overtime: playoffs since 2022, regular season since 2025.
    const bool both = o.season >= (o.allow_tie ? 2025 : 2022);
    o.overtime = both ? overtime_rule::both_possess : overtime_rule::modified_sudden_death;
    for (int k = 0; k < seeds; ++k) {
      o.seed = seed + static_cast<std::uint64_t>(k);
      o.game_id = name + "-" + std::to_string(k);
      double wall = 0;
      auto game = play_game(o, wall);
      acc.add(game, wall);
      slates[static_cast<std::size_t>(k)].add(game, wall);
    }
  }
  const auto matchups = id >= 0 ? seen.size() : t.rows.size();
  if (matchups == 0)
    throw std::runtime_error(path + ": no games");
  std::printf("matchups                     %zu x %d seeds\n", matchups, seeds);
  print_stats(acc.result());
  print_slate_ranges(slates);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "--game") == 0)
    return print_game(std::strtoull(argv[2], nullptr, 10), argc > 3 ? argv[3] : "ATL",
                      argc > 4 ? argv[4] : "GB");
  if (argc >= 2 && std::strcmp(argv[1], "--matchups") == 0) {
    if (argc < 3) {
      std::fprintf(stderr, "usage: %s --matchups GAMES_CSV [seeds=100] [seed=2025]\n", argv[0]);
      return 2;
    }
    try {
      int seeds = argc > 3 ? number(argv[3], "seeds") : 100;
      if (seeds < 1)
        throw std::runtime_error("seeds must be at least 1");
      return simulate_matchups(argv[2], seeds,
                               argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 2025);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "sim_stats: %s\n", e.what());
      return 1;
    }
  }
  int games = argc > 1 ? std::atoi(argv[1]) : 1000;
  std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 2025;
  print_stats(simulate_many(games, seed));
  return 0;
}
