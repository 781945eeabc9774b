#pragma once
// A seeded, deterministic NFL game engine. It plays a game snap by snap and
// fills the project's domain types the way ESPN's feed does: one play per
// step (snaps, kicks and clock events such as timeouts and period ends),
// drives, the scoreboard with down and distance. Same options and seed, same
// game, play by play, on every platform.
//
// Rules: four 15:00 quarters, two-minute warning, 3 timeouts per half,
// kickoff rules by season (see kicking.hpp), overtime per `overtime_rule`.
// The try after a touchdown (extra point or two-point conversion) is folded
// into the touchdown play, as ESPN's summaries do ("..., TOUCHDOWN. Y.Koo
// extra point is GOOD, ..."): its score_value is 6 + the try's points.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "adapters/sim/teams.hpp"
#include "adapters/sports/types.hpp"

namespace playclock::sim {

/// Overtime rules.
enum class overtime_rule {
  /// Since 2025 (regular season; playoffs since 2022): both teams get a
  /// possession unless the defense scores on the first one; then sudden
  /// death.
  both_possess,
  /// 2017-2024 regular season: a touchdown on the first possession wins; a
  /// field goal gives the other team a possession; then sudden death.
  modified_sudden_death,
};

struct game_options {
  /// Feed id of the game; also the prefix of play and drive ids. Empty:
  /// "sim" + the seed.
  std::string game_id;
  team_profile home;
  team_profile away;
  std::uint64_t seed = 1;
  /// Regular season: a 10:00 overtime that may end tied. False (postseason):
  /// 15:00 overtime periods until someone wins.
  bool allow_tie = true;
  /// Also picks the kickoff rules.
  int season = 2025;
  int week = 1;
  std::string start_time = "2025-09-07T17:00Z";
  /// Empty id: the home team's stadium.
  sports::venue where;
  overtime_rule overtime = overtime_rule::both_possess;
};

class game_engine {
 public:
  explicit game_engine(game_options opts);
  ~game_engine();
  game_engine(game_engine&&) noexcept;
  game_engine& operator=(game_engine&&) noexcept;

  bool finished() const;

  /// Plays the next snap or clock event (Timeout, Two-minute warning, End
  /// Period, End of Half, End of Game) and returns it. Play ids are unique
  /// within the game and increase; sequence numbers count from 1. After the
  /// end, returns the last play again.
  const sports::play& step();

  /// The game as a scoreboard shows it now: state pre before the first step,
  /// in, post when finished; period, clock, score, status detail and the
  /// situation (down, distance, possession, red zone, timeouts; before a
  /// kickoff down 0 and the kicking team in possession).
  const sports::game& state() const;

  /// Drives so far, each with its plays (the current one last). A kickoff
  /// opens the receiving team's drive, as in ESPN's summaries.
  const std::vector<sports::drive>& drives() const;

  /// Ids of the scoring plays so far.
  const std::vector<std::string>& scoring_play_ids() const;

  /// Game-clock seconds the last step took plus the real time around it that
  /// the clock does not show (huddles with a stopped clock, timeouts,
  /// reviews, breaks): how long a live feed takes for it (a game is about
  /// three hours).
  double last_step_wall_seconds() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// Plays a whole game and returns its summary (header, drives, scoring
/// plays).
sports::game_summary simulate_game(const game_options& opts);

} // namespace playclock::sim
