#pragma once
// The win-probability state of a row as the database stores it (a play at
// its snap, or a game's latest scoreboard): the columns the model needs,
// with the feed's text fields (clock "MM:SS", team abbreviations) read.

#include <cstdint>
#include <string>

#include "adapters/winprob/model.hpp"

namespace playclock::winprob {

struct stored_row {
  std::string home_team, away_team;
  int home_score = 0, away_score = 0;
  int period = 0;
  /// "MM:SS" (malformed or empty: start of the period).
  std::string clock;
  /// Abbreviation of the team with the ball; empty if unknown.
  std::string possession;
  /// 0 = none (kickoff, or unknown).
  int down = 0, distance = 0;
  /// Yards to the end zone of the team with the ball; 0 = unknown.
  int yards_to_endzone = 0;
  bool final = false;
};

/// The state of `r`: period 0 (pre-game) is the opening kick-off, unknown
/// field position is the 25, possession +1/-1 by abbreviation.
game_state state_of(const stored_row& r);

/// Whether a game belongs to the held-out share `holdout_pct` (0-100) of
/// games, by a stable hash of its id (the same split on every run).
bool held_out(const std::string& game_id, int holdout_pct);

} // namespace playclock::winprob
