#pragma once
// Box scores computed from plays alone (types, texts, participants, scores),
// the way a consumer of the feed would, and season aggregates of many
// simulated games for calibration.

#include <cstdint>
#include <map>
#include <string>

#include "adapters/sports/types.hpp"

namespace playclock::sim {

/// One team's numbers in one game.
struct team_box {
  int points = 0;
  int touchdowns = 0;
  /// Snaps from scrimmage: runs (scrambles included), passes, sacks,
  /// interceptions; not kneels, spikes, kicks or fouls that wiped a play.
  int offensive_plays = 0;
  /// Of those: dropbacks that ended in a pass or a sack.
  int pass_plays = 0;
  int yards = 0;
  int passing_yards = 0; // net of sacks, as the NFL counts team passing
  /// Kneels included, as the NFL counts team rushing.
  int rushing_yards = 0;
  int kneels = 0;
  int punts = 0;
  int interceptions = 0;
  int fumbles_lost = 0;
  int sacks_taken = 0;
  int field_goal_attempts = 0;
  int field_goals_made = 0;
  int extra_point_attempts = 0;
  int extra_points_made = 0;
  int two_point_attempts = 0;
  int two_points_made = 0;
  int safeties = 0;
  /// Fouls called on the team, accepted or declined.
  int penalties = 0;
};

/// One player's numbers in one game.
struct player_box {
  std::string name;
  std::string team;
  int pass_attempts = 0;
  int completions = 0;
  int passing_yards = 0;
  int passing_touchdowns = 0;
  int interceptions_thrown = 0;
  int rush_attempts = 0;
  int rushing_yards = 0;
  int rushing_touchdowns = 0;
  int receptions = 0;
  int receiving_yards = 0;
  int receiving_touchdowns = 0;
  int sacks = 0;
  int interceptions = 0;
  int field_goal_attempts = 0;
  int field_goals_made = 0;
};

struct box_score {
  /// By team abbreviation.
  std::map<std::string, team_box> teams;
  /// By player id.
  std::map<std::string, player_box> players;
};

/// The box score of a game from its plays; the header names home and away.
box_score compute_box_score(const sports::game_summary& game);

/// Averages over many games, per team and game unless named otherwise.
struct season_stats {
  int games = 0;
  double points_per_team_game = 0;
  double touchdowns_per_team_game = 0;
  double offensive_plays_per_team_game = 0;
  double punts_per_team_game = 0;
  double turnovers_per_team_game = 0;
  double field_goal_attempts_per_team_game = 0;
  /// Made / attempted, 0..1.
  double field_goal_pct = 0;
  double sacks_per_team_game = 0;
  double penalties_per_team_game = 0;
  /// Pass plays (incl. sacks) / offensive plays.
  double pass_rate = 0;
  double yards_per_play = 0;
  int ties = 0;
  int overtime_games = 0;
  double extra_point_pct = 0;
  double two_point_attempts_per_team_game = 0;
  double safeties_per_team_game = 0;
  /// Every play the feed carries, clock events included, per game.
  double feed_plays_per_game = 0;
  /// Real time a live feed of a game takes (see last_step_wall_seconds).
  double wall_minutes_per_game = 0;
};

/// Adds up games into season_stats.
class season_accumulator {
 public:
  void add(const sports::game_summary& game, double wall_seconds = 0);
  season_stats result() const;

 private:
  int games_ = 0;
  team_box sum_;
  long feed_plays_ = 0;
  double wall_ = 0;
  int ties_ = 0;
  int overtime_ = 0;
};

/// Simulates `games` games between teams drawn from nfl_teams() (seeded by
/// `seed` and the game's index) and aggregates them.
season_stats simulate_many(int games, std::uint64_t seed);

} // namespace playclock::sim
