#pragma once
// Play texts in ESPN's style ("(Shotgun) J.Love pass short right to
// C.Watson to ATL 31 for 12 yards (A.Terrell).") and the scoreboard's
// status line before kick-off.

#include <string>

#include "adapters/sim/clock.hpp"
#include "adapters/sim/kicking.hpp"
#include "adapters/sim/penalties.hpp"
#include "adapters/sim/play_outcome.hpp"
#include "adapters/sim/roster.hpp"

namespace playclock::sim {

/// A spot on the field as texts write it: `yards_to_endzone` from the goal
/// that `offense` attacks (defended by `defense`): "GB 25", "50", "ATL 10";
/// beyond the goal line "GB -9".
std::string spot_text(const std::string& offense, const std::string& defense, int yards_to_endzone);

/// "for 3 yards", "for 1 yard", "for no gain", "for -2 yards".
std::string for_yards(int yards);

/// The teams of a snap and where it starts.
struct snap_view {
  std::string offense;
  std::string defense;
  int yards_to_endzone = 0;
  tempo pace = tempo::normal;
};

/// The text of a run, pass, sack, kneel or spike, including a fumble and
/// the return of a turnover.
std::string describe_snap(const scrimmage_outcome& o, const snap_view& v);

/// A kickoff or free kick from the kicking team's `from` yard line.
std::string describe_kickoff(const kick_result& k, int from, const std::string& kicking,
                             const std::string& receiving, const player& kicker,
                             const player* returner, const player* tackler, const player* keeper);

/// A punt by `kicking`.
std::string describe_punt(const punt_result& p, const std::string& kicking,
                          const std::string& receiving, const roster& kickers,
                          const player* returner, const player* cover);

/// "Y.Koo 24 yard field goal is GOOD, Center-L.McCullough, Holder-B.Pinion."
std::string describe_field_goal(int distance, const field_goal_result& f, const roster& kickers);

/// The try after a touchdown: an extra point or a two-point conversion.
std::string describe_extra_point(bool good, const roster& kickers);
std::string describe_two_point(bool good, const player& passer, const player* receiver,
                               const player* rusher);

/// "PENALTY on GB-R.Walker, False Start, 5 yards, enforced at ATL 28 - No Play."
std::string describe_foul(const foul& f, const std::string& team, const player* who, int yards,
                          const std::string& spot, bool no_play);

/// "Penalty on ATL-K.Elliss, Defensive Offside, declined."
std::string describe_declined(const foul& f, const std::string& team, const player* who);

/// The scoreboard's line before kick-off: "Sun, September 7th at 1:00 PM EDT"
/// from "2025-09-07T17:00Z" (US Eastern time); "Scheduled" if unparsable.
std::string pregame_status(const std::string& start_time);

} // namespace playclock::sim
