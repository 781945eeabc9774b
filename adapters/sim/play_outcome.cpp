#include "adapters/sim/play_outcome.hpp"

#include <algorithm>

namespace playclock::sim {

namespace {

const char* const run_holes[] = {"left end",    "left tackle",  "left guard", "up the middle",
                                 "right guard", "right tackle", "right end"};

const player* defender_for_run(const roster& d, rng& r) {
  switch (r.pick({0.3, 0.45, 0.25})) {
  case 0:
    return &d.dl[static_cast<std::size_t>(r.between(0, 3))];
  case 1:
    return &d.lb[static_cast<std::size_t>(r.between(0, 2))];
  default:
    return &d.db[static_cast<std::size_t>(r.between(0, 3))];
  }
}

const player* defender_in_coverage(const roster& d, rng& r) {
  if (r.chance(0.65))
    return &d.db[static_cast<std::size_t>(r.between(0, 3))];
  return &d.lb[static_cast<std::size_t>(r.between(0, 2))];
}

const player* pass_rusher(const roster& d, rng& r) {
  switch (r.pick({0.62, 0.3, 0.08})) {
  case 0:
    return &d.dl[static_cast<std::size_t>(r.between(0, 3))];
  case 1:
    return &d.lb[static_cast<std::size_t>(r.between(0, 2))];
  default:
    return &d.db[static_cast<std::size_t>(r.between(0, 3))];
  }
}

void add_tacklers(scrimmage_outcome& o, const roster& d, bool coverage, rng& r) {
  const player* first = coverage ? defender_in_coverage(d, r) : defender_for_run(d, r);
  o.tacklers.push_back(first);
  if (r.chance(0.3)) {
    const player* second = defender_for_run(d, r);
    if (second != first)
      o.tacklers.push_back(second);
  }
}

int run_yards(double edge, int y, rng& r) {
  double u = r.uniform();
  // Backed up against the own goal line, offenses run safe; at the goal line
  // the defense stacks the box.
  double loss = (y >= 96 ? 0.04 : y <= 5 ? 0.13 : 0.095) - 0.02 * edge;
  double stuffed = y <= 5 ? 0.18 : 0.08;
  if (u < loss)
    return -(1 + static_cast<int>(r.pick({0.45, 0.25, 0.15, 0.1, 0.05})));
  if (u < loss + stuffed)
    return 0;
  int gain = 1 + static_cast<int>(r.exponential((y <= 10 ? 3.4 : 4.5) * (1 + 0.1 * edge)));
  if (r.chance(0.02 + 0.008 * edge))
    gain += r.between(8, 45);
  return gain;
}

// A lost fumble at the end of the play: the defense recovers and returns.
void maybe_fumble(scrimmage_outcome& o, int yards_to_endzone, double rate, const roster& off,
                  const roster& def, rng& r) {
  if (o.touchdown || !r.chance(rate))
    return;
  o.fumble = true;
  if (!o.defender)
    o.defender = o.tacklers.empty() ? defender_for_run(def, r) : o.tacklers.front();
  if (!r.chance(0.5)) {
    o.recoverer = o.carrier ? o.carrier : &off.qb;
    return;
  }
  o.fumble_lost = true;
  o.recoverer = defender_for_run(def, r);
  int spot = yards_to_endzone - o.yards; // the offense's yards to go where the ball came out
  o.return_yards = r.chance(0.6) ? 0 : r.between(1, 6);
  if (r.chance(0.04))
    o.return_yards = spot; // all the way
  o.defense_yards_to_endzone = 100 - spot - o.return_yards;
  if (spot >= 100 || o.defense_yards_to_endzone <= 0) {
    o.return_touchdown = true;
    o.return_yards = std::max(0, spot);
    o.defense_yards_to_endzone = 0;
  }
  o.safety = false;
}

void finish_gain(scrimmage_outcome& o, int yards_to_endzone) {
  if (o.yards >= yards_to_endzone) {
    o.yards = yards_to_endzone;
    o.touchdown = true;
    o.out_of_bounds = false;
  } else if (yards_to_endzone - o.yards >= 100) {
    o.yards = yards_to_endzone - 100;
    o.safety = true;
  }
}

void run_play(scrimmage_outcome& o, int y, double edge, const roster& off, const roster& def,
              rng& r) {
  auto who = r.pick({0.6, 0.31, 0.09});
  o.carrier = who == 2 ? &off.qb : &off.rb[who];
  auto hole = r.pick({0.15, 0.14, 0.14, 0.14, 0.14, 0.14, 0.15});
  o.direction = run_holes[hole];
  o.shotgun = r.chance(0.4);
  o.yards = run_yards(edge, y, r);
  bool edge_run = hole == 0 || hole == 6;
  o.out_of_bounds = r.chance(edge_run ? 0.16 : 0.03) && o.yards > 0;
  finish_gain(o, y);
  if (!o.touchdown && !o.out_of_bounds)
    add_tacklers(o, def, false, r);
  o.seconds = std::clamp(4 + o.yards / 10 + r.between(0, 2), 3, 12);
  maybe_fumble(o, y, 0.012, off, def, r);
}

void sack_play(scrimmage_outcome& o, int y, const roster& off, const roster& def, rng& r) {
  o.kind = outcome_kind::sack;
  o.carrier = &off.qb;
  o.defender = pass_rusher(def, r);
  o.yards = -(3 + r.between(0, 5) + r.between(0, 4));
  // Backed up, quarterbacks take short drops: most sacks end short of the goal line.
  if (y - o.yards >= 100 && r.chance(0.45))
    o.yards = y - 99;
  finish_gain(o, y);
  o.seconds = r.between(4, 7);
  maybe_fumble(o, y, 0.1, off, def, r);
}

void scramble_play(scrimmage_outcome& o, int y, const roster& off, const roster& def, rng& r) {
  o.kind = outcome_kind::scramble;
  o.carrier = &off.qb;
  auto side = r.pick({0.4, 0.2, 0.4});
  o.direction = side == 0 ? "left end" : side == 1 ? "up the middle" : "right end";
  o.yards = 1 + static_cast<int>(r.exponential(5.0));
  o.out_of_bounds = r.chance(0.35);
  finish_gain(o, y);
  if (!o.touchdown && !o.out_of_bounds)
    add_tacklers(o, def, false, r);
  o.seconds = std::clamp(5 + o.yards / 10 + r.between(0, 2), 4, 12);
  maybe_fumble(o, y, 0.008, off, def, r);
}

const player* target(const roster& off, int air, bool deep, rng& r) {
  if (deep) {
    auto i = r.pick({0.38, 0.3, 0.17, 0.15});
    return i < 3 ? &off.wr[i] : &off.te;
  }
  if (air <= 0) {
    auto i = r.pick({0.45, 0.2, 0.2, 0.15});
    return i < 2 ? &off.rb[i] : &off.wr[i - 2];
  }
  auto i = r.pick({0.27, 0.2, 0.12, 0.18, 0.15, 0.08});
  return i < 3 ? &off.wr[i] : i == 3 ? &off.te : &off.rb[i - 4];
}

void interception(scrimmage_outcome& o, int y, const roster& def, rng& r) {
  o.kind = outcome_kind::interception;
  o.defender = r.chance(0.85) ? &def.db[static_cast<std::size_t>(r.between(0, 3))]
                              : &def.lb[static_cast<std::size_t>(r.between(0, 2))];
  int spot = y - o.air_yards; // offense's yards to go at the catch
  if (spot <= 0) {
    if (r.chance(0.75)) {
      o.touchback = true;
      o.defense_yards_to_endzone = 80;
      return;
    }
    spot = 0;
    o.return_yards = r.between(12, 30);
  } else {
    o.return_yards = r.chance(0.35) ? 0 : r.between(1, 8) + static_cast<int>(r.exponential(6));
    if (r.chance(0.05))
      o.return_yards = 100 - spot;
  }
  o.defense_yards_to_endzone = 100 - spot - o.return_yards;
  if (o.defense_yards_to_endzone <= 0) {
    o.return_touchdown = true;
    o.return_yards = 100 - spot;
    o.defense_yards_to_endzone = 0;
  } else if (o.return_yards > 0 || r.chance(0.5)) {
    o.tacklers.push_back(o.carrier); // the intended receiver makes the tackle
  }
  o.seconds = std::clamp(5 + o.return_yards / 10 + r.between(0, 2), 4, 14);
}

void throw_play(scrimmage_outcome& o, const play_call& call, int y, int down, int distance,
                double edge, const roster& off, const roster& def, rng& r) {
  o.passer = &off.qb;
  bool deep = call.deep || call.hail_mary;
  double depth = 0;
  if (call.hail_mary) {
    o.air_yards = y + r.between(0, 4);
  } else if (deep) {
    o.air_yards = r.between(18, 40);
  } else {
    auto band = r.pick({0.12, 0.55, 0.33});
    o.air_yards = band == 0 ? r.between(-3, 0) : band == 1 ? r.between(1, 8) : r.between(9, 17);
    depth = band;
    // On third and fourth down most throws go to the sticks.
    if (down >= 3 && distance > o.air_yards && r.chance(0.45)) {
      o.air_yards = distance + r.between(-1, 3);
      depth = o.air_yards <= 8 ? 1 : 2;
    }
  }
  o.air_yards = std::min(o.air_yards, y + r.between(0, 9));
  o.carrier = target(off, o.air_yards, deep, r);
  const char* side = call.sideline ? (r.chance(0.5) ? "left" : "right")
                                   : (r.chance(0.37)  ? "left"
                                      : r.chance(0.4) ? "middle"
                                                      : "right");
  o.direction = std::string(deep ? "deep " : "short ") + side;
  double p_int = (call.hail_mary ? 0.12 : deep ? 0.046 : 0.021) * (1 - 0.25 * edge);
  double p_cmp = call.hail_mary ? 0.06
                 : deep         ? 0.38
                 : depth == 0   ? 0.8
                 : depth == 1   ? 0.72
                                : 0.58 - 0.012 * std::max(0, o.air_yards - 15);
  p_cmp += 0.045 * edge - (call.sideline ? 0.04 : 0) - (y <= 10 ? 0.17 : y <= 20 ? 0.08 : 0);
  double u = r.uniform();
  if (u < p_int) {
    interception(o, y, def, r);
    return;
  }
  if (u >= p_int + p_cmp) {
    o.kind = outcome_kind::incomplete;
    if (r.chance(0.3))
      o.defender = defender_in_coverage(def, r);
    o.seconds = r.between(3, 6);
    return;
  }
  o.kind = outcome_kind::complete;
  double yac_mean = (deep ? 4.0 : depth == 0 ? 5.0 : 3.2) * (1 + 0.13 * edge);
  int yac = static_cast<int>(r.exponential(yac_mean));
  if (r.chance(0.02))
    yac += r.between(10, 50);
  o.yards = call.hail_mary ? y : o.air_yards + yac;
  o.out_of_bounds = r.chance(call.sideline ? 0.55 : 0.12);
  finish_gain(o, y);
  if (!o.touchdown && !o.out_of_bounds)
    add_tacklers(o, def, true, r);
  o.seconds = std::clamp(5 + o.yards / 10 + r.between(0, 2), 4, 14);
  maybe_fumble(o, y, 0.008, off, def, r);
}

} // namespace

scrimmage_outcome resolve_play(const play_call& call, int y, int down, int distance, double edge,
                               const roster& off, const roster& def, rng& r) {
  scrimmage_outcome o;
  switch (call.kind) {
  case call_kind::kneel:
    o.kind = outcome_kind::kneel;
    o.carrier = &off.qb;
    o.yards = y >= 99 ? 0 : -1;
    o.seconds = r.between(1, 2);
    return o;
  case call_kind::spike:
    o.kind = outcome_kind::spike;
    o.passer = &off.qb;
    o.seconds = 1;
    return o;
  case call_kind::run:
    run_play(o, y, edge, off, def, r);
    return o;
  default:
    break;
  }
  o.shotgun = r.chance(0.72);
  double p_sack = (0.056 - 0.013 * edge) * (call.deep || call.hail_mary ? 1.2 : 1.0) *
                  (y >= 92 ? 0.6 : 1.0); // quick throws when backed up
  auto what = r.pick({p_sack, 0.035, 1.0 - p_sack - 0.035});
  if (what == 0)
    sack_play(o, y, off, def, r);
  else if (what == 1)
    scramble_play(o, y, off, def, r);
  else
    throw_play(o, call, y, down, distance, edge, off, def, r);
  return o;
}

} // namespace playclock::sim
