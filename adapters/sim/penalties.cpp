#include "adapters/sim/penalties.hpp"

namespace playclock::sim {

namespace {

struct entry {
  foul f;
  double rate; // per snap (per pass play for pass-only fouls)
};

// Rates: about 6 accepted or declined fouls per team and game, in the mix of
// the NFL's most called ones.
const entry table[] = {
    {{"False Start", true, 5, foul_timing::pre_snap, false, false, false, false, 'O'}, 0.014},
    {{"Delay of Game", true, 5, foul_timing::pre_snap, false, false, false, false, 'T'}, 0.004},
    {{"Neutral Zone Infraction", false, 5, foul_timing::pre_snap, false, false, false, false, 'D'},
     0.005},
    {{"Defensive Offside", false, 5, foul_timing::pre_snap, false, false, false, false, 'D'},
     0.004},
    {{"Encroachment", false, 5, foul_timing::pre_snap, false, false, false, false, 'D'}, 0.002},
    {{"Offensive Holding", true, 10, foul_timing::live, false, false, false, false, 'O'}, 0.015},
    {{"Illegal Formation", true, 5, foul_timing::live, false, false, false, false, 'O'}, 0.003},
    {{"Illegal Block Above the Waist", true, 10, foul_timing::live, false, false, false, false,
      'R'},
     0.003},
    {{"Defensive Holding", false, 5, foul_timing::live, true, false, false, false, 'B'}, 0.008},
    {{"Illegal Use of Hands", false, 5, foul_timing::live, true, false, false, false, 'D'}, 0.004},
    {{"Defensive Pass Interference", false, 0, foul_timing::live, true, false, true, true, 'B'},
     0.014},
    {{"Offensive Pass Interference", true, 10, foul_timing::live, false, false, false, true, 'R'},
     0.005},
    {{"Roughing the Passer", false, 15, foul_timing::live, true, false, false, true, 'D'}, 0.005},
    {{"Intentional Grounding", true, 10, foul_timing::live, false, true, false, true, 'Q'}, 0.004},
    {{"Unnecessary Roughness", false, 15, foul_timing::after_play, true, false, false, false, 'L'},
     0.004},
    {{"Face Mask", false, 15, foul_timing::after_play, true, false, false, false, 'L'}, 0.003},
};

template <std::size_t N>
const player* any(const std::array<player, N>& group, rng& r) {
  return &group[static_cast<std::size_t>(r.between(0, static_cast<int>(N) - 1))];
}

} // namespace

std::optional<foul> draw_foul(bool pass_play, rng& r) {
  double u = r.uniform();
  for (const auto& e : table) {
    if (e.f.pass_only && !pass_play)
      continue;
    if (u < e.rate)
      return e.f;
    u -= e.rate;
  }
  return std::nullopt;
}

bool foul_fits(const foul& f, const scrimmage_outcome& o) {
  const bool thrown = o.kind == outcome_kind::complete || o.kind == outcome_kind::incomplete ||
                      o.kind == outcome_kind::interception;
  if (f.spot_foul)
    return thrown && o.air_yards > 0;
  if (f.loss_of_down)
    return o.kind == outcome_kind::incomplete;
  if (f.pass_only && f.group == 'R')
    return thrown;
  if (f.pass_only)
    return thrown || o.kind == outcome_kind::sack;
  if (f.group == 'R') // blocks downfield: on runs and after catches
    return o.kind == outcome_kind::run || o.kind == outcome_kind::scramble ||
           o.kind == outcome_kind::complete;
  return true;
}

const player* offender(const foul& f, const roster& offense, const roster& defense, rng& r) {
  switch (f.group) {
  case 'O':
    return any(offense.ol, r);
  case 'R':
    return r.chance(0.8) ? any(offense.wr, r) : &offense.te;
  case 'Q':
    return &offense.qb;
  case 'D':
    return any(defense.dl, r);
  case 'L':
    return r.chance(0.5) ? any(defense.lb, r) : any(defense.db, r);
  case 'B':
    return any(defense.db, r);
  default:
    return nullptr;
  }
}

int enforced_yards(const foul& f, int yards_to_endzone, int air_yards) {
  if (f.on_offense) {
    int own = 100 - yards_to_endzone;
    return -(f.yards * 2 > own ? own / 2 : f.yards);
  }
  if (f.spot_foul) {
    int spot = air_yards < 1 ? 1 : air_yards;
    return spot >= yards_to_endzone ? yards_to_endzone - 1 : spot; // in the end zone: at the 1
  }
  return f.yards * 2 > yards_to_endzone ? yards_to_endzone / 2 : f.yards;
}

bool accept_foul(const foul& f, const scrimmage_outcome& o, int down, int distance, int enforced) {
  const bool turnover = o.kind == outcome_kind::interception || o.fumble_lost;
  const bool first = !turnover && o.yards >= distance;
  if (!f.on_offense) {
    if (o.touchdown)
      return false;
    if (turnover)
      return true;
    double play = o.yards + (first ? 10 : 0);
    double penalty = enforced + (f.automatic_first_down || enforced >= distance ? 10 : 0);
    return penalty >= play;
  }
  if (turnover || o.safety)
    return false;
  if (o.touchdown)
    return true;
  // The offense's view of the play; the defense picks whatever is worse for it.
  double play =
      o.yards + (first ? 10 : 0) - (!first && down == 3 ? 15 : 0) - (!first && down == 4 ? 100 : 0);
  double penalty = enforced - (f.loss_of_down ? (down >= 3 ? 15 : 5) : 0);
  return penalty < play;
}

} // namespace playclock::sim
