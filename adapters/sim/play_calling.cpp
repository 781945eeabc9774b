#include "adapters/sim/play_calling.hpp"

#include <algorithm>
#include <cmath>

#include "adapters/sim/kicking.hpp"

namespace playclock::sim {

namespace {

bool half_ends(const decision_context& c) {
  return c.period == 2 || c.period >= 4;
}

int fg_distance(const decision_context& c) {
  return c.yards_to_endzone + 17;
}

bool in_fg_range(const decision_context& c, bool desperate) {
  return fg_distance(c) <= max_field_goal_distance(c.kicker_leg, desperate);
}

// Three points are worth having: before the half, or to tie or take the lead.
bool fg_helps(const decision_context& c) {
  return c.period <= 3 || c.score_diff >= -3;
}

// How long before the end a trailing team starts hurrying.
int hurry_threshold(int deficit) {
  return deficit <= 8 ? 150 : deficit <= 16 ? 330 : 600;
}

} // namespace

double expected_points(int y) {
  static const int at[] = {1, 10, 25, 40, 50, 60, 75, 90, 99};
  static const double ep[] = {6.0, 4.7, 3.7, 2.9, 2.3, 1.7, 0.8, -0.2, -0.8};
  y = std::clamp(y, 1, 99);
  for (int i = 1; i < 9; ++i)
    if (y <= at[i])
      return ep[i - 1] + (ep[i] - ep[i - 1]) * (y - at[i - 1]) / (at[i] - at[i - 1]);
  return ep[8];
}

double conversion_probability(int distance) {
  return 0.72 * std::exp(-0.1 * (std::max(1, distance) - 1));
}

fourth_down_choice decide_fourth_down(const decision_context& c) {
  const int y = c.yards_to_endzone;
  const int d = c.distance;
  const bool desperate = half_ends(c) && c.clock <= 30;
  const bool range = in_fg_range(c, desperate);
  const double p_fg = field_goal_probability(fg_distance(c), c.kicker_leg);
  // Late in a game the score decides before expected points do.
  if (c.period >= 4 && c.score_diff < 0) {
    int deficit = -c.score_diff;
    bool last_chance = c.must_score || c.clock <= 120 || (deficit > 8 && c.clock <= 300) ||
                       (deficit > 16 && c.clock <= 600);
    if (last_chance)
      return deficit <= 3 && range && p_fg >= 0.3 ? fourth_down_choice::field_goal
                                                  : fourth_down_choice::go;
  }
  if (half_ends(c) && c.clock <= 5)
    return range && fg_helps(c) ? fourth_down_choice::field_goal : fourth_down_choice::go;
  const double kickoff_ep = expected_points(75);
  const double p = conversion_probability(d);
  double ev_go = d >= y ? 0.85 * p * (7 - kickoff_ep) - (1 - 0.85 * p) * expected_points(100 - y)
                        : p * expected_points(y - d) - (1 - p) * expected_points(100 - y);
  double ev_fg = -1e9;
  if (range) {
    int miss_to_go = y + 7 <= 20 ? 80 : 93 - y;
    ev_fg = p_fg * (3 - kickoff_ep) - (1 - p_fg) * expected_points(miss_to_go);
  }
  double ev_punt = -1e9;
  if (y >= 38)
    ev_punt = -expected_points(100 - std::max(10, y - 40));
  // Coaches are more conservative than the numbers, less so on short yardage
  // and more in their own half; a lead late makes them more careful, a
  // deficit late bolder.
  double margin = 0.7 + 0.15 * (d - 1) + 0.02 * std::max(0, y - 50);
  if (c.period >= 4 && c.score_diff > 0)
    margin += 0.8;
  if (c.period >= 4 && c.score_diff < -8 && c.clock <= 600)
    margin -= 1.0;
  if (ev_go - margin >= std::max(ev_fg, ev_punt))
    return fourth_down_choice::go;
  if (ev_fg >= ev_punt)
    return fourth_down_choice::field_goal;
  if (ev_punt > -1e8)
    return fourth_down_choice::punt;
  return fourth_down_choice::go;
}

double pass_probability(const decision_context& c) {
  const int d = c.distance;
  double p = 0.5;
  switch (c.down) {
  case 1:
    p = d >= 15 ? 0.58 : d >= 10 ? 0.48 : 0.42;
    break;
  case 2:
    p = d >= 8 ? 0.6 : d >= 4 ? 0.5 : 0.34;
    break;
  case 3:
    p = d >= 7 ? 0.92 : d >= 4 ? 0.82 : d >= 2 ? 0.6 : 0.33;
    break;
  default:
    p = d >= 4 ? 0.9 : d >= 2 ? 0.66 : 0.36;
    break;
  }
  if (c.yards_to_endzone <= 3)
    p *= 0.75;
  // Game script from the third quarter on: trailing teams throw, leaders run.
  if (c.period >= 3) {
    double weight = c.period == 3 ? 0.008 : 0.014;
    p += std::clamp(-c.score_diff * weight, -0.25, 0.3);
  }
  switch (choose_tempo(c)) {
  case tempo::hurry:
    p = std::max(p, 0.86);
    break;
  case tempo::drain:
    p = std::min(p, c.down == 3 && d >= 5 ? 0.55 : 0.22);
    break;
  case tempo::normal:
    break;
  }
  return std::clamp(p + c.pass_tendency, 0.05, 0.97);
}

tempo choose_tempo(const decision_context& c) {
  if (c.period == 2)
    return c.clock <= 120 && !(c.yards_to_endzone >= 70 && c.clock <= 40) ? tempo::hurry
                                                                          : tempo::normal;
  if (c.period < 4)
    return tempo::normal;
  if (c.score_diff < 0)
    return c.clock <= hurry_threshold(-c.score_diff) ? tempo::hurry : tempo::normal;
  if (c.score_diff == 0)
    return c.clock <= 120 && c.yards_to_endzone <= 75 ? tempo::hurry : tempo::normal;
  bool drain = c.clock <= 330 || (c.score_diff >= 9 && c.clock <= 480) ||
               (c.score_diff >= 17 && c.clock <= 720);
  return drain ? tempo::drain : tempo::normal;
}

bool should_kneel(const decision_context& c) {
  if (c.period >= 4 && c.score_diff > 0) {
    if (c.down == 4)
      return c.clock <= 2;
    // Kneels left before fourth down; after each the clock runs 40 seconds
    // unless the defense stops it with a timeout.
    int kneels = 4 - c.down;
    int stopped = std::min(kneels, c.defense_timeouts);
    return c.clock <= 2 * kneels + 40 * (kneels - stopped);
  }
  if (c.down == 4)
    return false;
  if (c.period == 2 && c.clock <= 30 && c.yards_to_endzone >= 65)
    return true;
  return c.period == 4 && c.score_diff == 0 && c.clock <= 25 && c.yards_to_endzone >= 70;
}

bool should_spike(const decision_context& c) {
  if (!half_ends(c) || !c.clock_running || c.offense_timeouts > 0 || c.clock > 40 || c.clock <= 8)
    return false;
  if (choose_tempo(c) != tempo::hurry || should_kneel(c))
    return false;
  return c.down <= 2 || (c.down == 3 && fg_helps(c) && in_fg_range(c, true));
}

bool offense_calls_timeout(const decision_context& c) {
  if (!c.clock_running || c.offense_timeouts == 0 || !half_ends(c) || should_kneel(c))
    return false;
  if (c.clock <= 30 && fg_helps(c) && in_fg_range(c, true))
    return true;
  if (c.period == 2)
    return c.clock <= 70 && c.yards_to_endzone <= 70;
  if (c.score_diff < 0)
    return c.clock <= (c.score_diff < -8 ? 240 : 150);
  if (c.score_diff == 0)
    return c.clock <= 60 && c.yards_to_endzone <= 65;
  return false;
}

bool defense_calls_timeout(const decision_context& c) {
  if (!c.clock_running || c.defense_timeouts == 0)
    return false;
  if (c.period >= 4 && c.score_diff > 0 && c.score_diff <= 16)
    return c.clock <= (c.score_diff > 8 ? 300 : 180);
  // Before the half: stop the clock when the opponent is stuck deep.
  return c.period == 2 && c.clock <= 110 && c.clock >= 30 && c.yards_to_endzone >= 60 &&
         c.down >= 2;
}

bool go_for_two(int lead, int period, int clock) {
  if (period < 4 && !(period == 3 && clock <= 300))
    return false;
  switch (lead) {
  case -16:
  case -10:
  case -9:
  case -5:
  case -2:
  case 1:
  case 5:
  case 12:
    return true;
  default:
    return false;
  }
}

bool onside_kick(int lead, int period, int clock) {
  if (period != 4 || lead >= 0 || lead < -16)
    return false;
  return clock <= (lead >= -8 ? 100 : 300);
}

play_call choose_play(const decision_context& c, rng& r) {
  play_call pc;
  if (should_kneel(c)) {
    pc.kind = call_kind::kneel;
    return pc;
  }
  const bool last_snap = half_ends(c) && c.clock <= 6;
  if (half_ends(c) && c.clock <= 15 && fg_helps(c) && in_fg_range(c, true) &&
      (last_snap || c.offense_timeouts == 0 || !c.clock_running)) {
    pc.kind = call_kind::field_goal;
    return pc;
  }
  if (last_snap && (c.score_diff <= 0 || c.period == 2)) {
    pc.kind = call_kind::pass;
    pc.hail_mary = c.yards_to_endzone > 25;
    return pc;
  }
  if (c.down == 4) {
    auto choice = decide_fourth_down(c);
    if (choice == fourth_down_choice::punt) {
      pc.kind = call_kind::punt;
      return pc;
    }
    if (choice == fourth_down_choice::field_goal) {
      pc.kind = call_kind::field_goal;
      return pc;
    }
  }
  if (!r.chance(pass_probability(c)))
    return pc;
  pc.kind = call_kind::pass;
  const bool hurry = choose_tempo(c) == tempo::hurry;
  double deep = 0.14 + (c.down == 3 && c.distance >= 8 ? 0.1 : 0) + (hurry ? 0.06 : 0);
  pc.deep = c.yards_to_endzone > 20 && r.chance(deep);
  pc.sideline = hurry && half_ends(c) && r.chance(0.55);
  return pc;
}

} // namespace playclock::sim
