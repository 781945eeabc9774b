#pragma once
// Fouls on snaps from scrimmage: which one (rates from NFL seasons), who
// commits it, its yardage after the half-the-distance rule, and whether the
// other team accepts it.

#include <optional>

#include "adapters/sim/play_outcome.hpp"
#include "adapters/sim/rng.hpp"
#include "adapters/sim/roster.hpp"

namespace playclock::sim {

/// When the foul happens, which decides how it is enforced.
enum class foul_timing {
  /// Before the snap (false start, offside): no play, from the line.
  pre_snap,
  /// During the play (holding, pass interference): the play is wiped out
  /// if accepted; from the line, or at the spot for pass interference.
  live,
  /// After the play (personal fouls): added to the end of the play.
  after_play,
};

/// One kind of foul.
struct foul {
  /// As ESPN names it: "False Start", "Defensive Pass Interference".
  const char* name = "";
  bool on_offense = true;
  int yards = 5;
  foul_timing timing = foul_timing::pre_snap;
  bool automatic_first_down = false;
  bool loss_of_down = false;
  /// Pass interference: enforced where the pass was thrown to.
  bool spot_foul = false;
  /// Only on pass plays.
  bool pass_only = false;
  /// Who commits it: 'O' offensive line, 'R' receiver, 'Q' quarterback,
  /// 'D' defensive line, 'L' linebacker, 'B' defensive back, 'T' the team.
  char group = 'T';
};

/// The foul on a snap, if any (about 9% of snaps).
std::optional<foul> draw_foul(bool pass_play, rng& r);

/// True when the foul can happen on this play (grounding needs an incomplete
/// pass, pass interference a thrown ball, ...).
bool foul_fits(const foul& f, const scrimmage_outcome& o);

/// The player who committed it; nullptr for a team foul.
const player* offender(const foul& f, const roster& offense, const roster& defense, rng& r);

/// The yardage as enforced, from the offense's view (+ for defensive fouls),
/// `yards_to_endzone` from the enforcement spot; half the distance to the
/// goal when the foul is longer than that.
int enforced_yards(const foul& f, int yards_to_endzone, int air_yards);

/// Whether the other team accepts the foul rather than the play's result.
bool accept_foul(const foul& f, const scrimmage_outcome& o, int down, int distance, int enforced);

} // namespace playclock::sim
