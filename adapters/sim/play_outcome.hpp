#pragma once
// What happens on a snap from scrimmage, given the call and the matchup:
// yards, completions, sacks, scrambles, interceptions, fumbles, who was
// involved and how long it took. Distributions are calibrated to NFL rates
// (see docs/ENGINE.md).

#include <string>
#include <vector>

#include "adapters/sim/play_calling.hpp"
#include "adapters/sim/rng.hpp"
#include "adapters/sim/roster.hpp"

namespace playclock::sim {

enum class outcome_kind { run, scramble, complete, incomplete, sack, interception, kneel, spike };

/// The result of one snap, before penalties.
struct scrimmage_outcome {
  outcome_kind kind = outcome_kind::run;
  /// Yards the offense gained; on a touchdown exactly the yards to the end
  /// zone, on a safety the yards back to the own goal line.
  int yards = 0;
  bool touchdown = false;
  /// Ball carrier down in his own end zone.
  bool safety = false;
  bool out_of_bounds = false;
  bool shotgun = false;
  /// Run: "left end", "up the middle", ...; pass: "short right", "deep left", ...
  std::string direction;
  /// Pass: how far beyond the line the ball was thrown.
  int air_yards = 0;
  bool fumble = false;
  /// The defense recovered the fumble.
  bool fumble_lost = false;
  /// After an interception or lost fumble: the defense's return.
  int return_yards = 0;
  bool return_touchdown = false;
  /// Interception in the end zone, downed there.
  bool touchback = false;
  /// The defense's yards to the end zone after a turnover (0 on a return TD).
  int defense_yards_to_endzone = 0;
  const player* passer = nullptr;
  /// Rusher, scrambler or receiver (intended receiver when incomplete).
  const player* carrier = nullptr;
  /// Sacker, interceptor, pass defender or the player forcing a fumble.
  const player* defender = nullptr;
  const player* recoverer = nullptr;
  std::vector<const player*> tacklers;
  /// Game seconds the play took.
  int seconds = 0;
};

/// Resolves a run, pass, kneel or spike on `down` and `distance`,
/// `yards_to_endzone` from the goal. `edge` is the offense's rating minus the
/// opposing defense's (about -2..+2).
scrimmage_outcome resolve_play(const play_call& call, int yards_to_endzone, int down, int distance,
                               double edge, const roster& offense, const roster& defense, rng& r);

} // namespace playclock::sim
