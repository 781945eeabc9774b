#include "adapters/sim/kicking.hpp"

#include <algorithm>
#include <cmath>

namespace playclock::sim {

double field_goal_probability(int distance, double leg) {
  // Logistic fit through 99% at 25 yards and 60% at 52 (NFL 2015-2023 rates);
  // a good leg is worth about two yards.
  double x = 8.485 - 0.1554 * (distance - 2.0 * leg);
  double p = 1.0 / (1.0 + std::exp(-x));
  return std::clamp(p, 0.0, 0.995);
}

int max_field_goal_distance(double leg, bool desperate) {
  return (desperate ? 61 : 53) + static_cast<int>(std::lround(2.0 * leg));
}

double extra_point_probability(double leg) {
  return std::clamp(0.94 + 0.015 * leg, 0.85, 0.99);
}

double two_point_probability(double matchup) {
  return std::clamp(0.48 + 0.04 * matchup, 0.35, 0.6);
}

kickoff_rules kickoff_rules_for(int season) {
  if (season >= 2025)
    return kickoff_rules{35, 0.22, true};
  if (season >= 2024)
    return kickoff_rules{30, 0.33, true};
  return kickoff_rules{25, 0.6, false};
}

namespace {

// A return's length: a body around `base` yards and a rare breakaway.
int return_length(rng& r, double base, double spread, double breakaway) {
  int yards = static_cast<int>(base + r.exponential(spread)) - static_cast<int>(spread / 2);
  if (r.chance(breakaway))
    yards += r.between(15, 70);
  return std::max(0, yards);
}

} // namespace

kick_result kick_off(const kickoff_rules& rules, int from, bool onside, rng& r) {
  kick_result k;
  int to_goal = 100 - from; // the kick's distance to the receiving goal line
  if (onside) {
    k.onside = true;
    k.kick_yards = r.between(10, 14);
    k.landing = to_goal - k.kick_yards;
    k.kept = r.chance(0.12);
    k.yards_to_endzone = k.kept ? k.landing : 100 - k.landing;
    k.seconds = r.between(2, 4);
    return k;
  }
  if (from < 35) {
    // A free kick after a safety: long, rarely a touchback.
    k.kick_yards = std::min(to_goal + 5, r.between(50, 68));
  } else if (rules.dynamic) {
    k.kick_yards =
        r.chance(rules.touchback_rate) ? to_goal + r.between(1, 7) : to_goal - r.between(1, 13);
  } else {
    k.kick_yards =
        r.chance(rules.touchback_rate) ? to_goal + r.between(1, 9) : to_goal - r.between(-7, 8);
  }
  k.landing = to_goal - k.kick_yards;
  if (k.landing < 0 && (from >= 35 && (rules.dynamic || r.chance(0.9)))) {
    k.touchback = true;
    k.yards_to_endzone = 100 - rules.touchback_line;
    return k;
  }
  if (r.chance(0.01)) {
    k.out_of_bounds = true;
    k.yards_to_endzone = 60; // out of bounds: ball at the receiving 40
    return k;
  }
  k.return_yards = rules.dynamic ? return_length(r, 18, 8, 0.02) : return_length(r, 19, 7, 0.02);
  int spot = std::max(0, k.landing) + k.return_yards;
  if (k.landing < 0)
    k.return_yards = spot - k.landing;
  k.seconds = std::clamp(4 + k.return_yards / 8 + r.between(0, 2), 4, 12);
  if (spot >= 100) {
    k.touchdown = true;
    k.return_yards = 100 - k.landing;
    return k;
  }
  k.yards_to_endzone = std::clamp(100 - spot, 1, 99);
  return k;
}

punt_result punt(int yards_to_endzone, rng& r) {
  punt_result p;
  int y = yards_to_endzone;
  if (y <= 55) {
    // Pooch: aim inside the 15, sometimes into the end zone.
    p.gross = std::max(20, y - r.between(3, 15));
  } else {
    p.gross = 38 + r.between(0, 8) + r.between(0, 8) + r.between(-3, 3);
  }
  p.landing = y - p.gross;
  p.seconds = r.between(5, 8);
  if (p.landing <= 0) {
    p.how = punt_result::end::touchback;
    p.gross = y;
    p.landing = 0;
    p.yards_to_endzone = 80;
    return p;
  }
  double near = p.landing < 15 ? 1.0 : 0.0;
  auto how = r.pick({0.33 + 0.2 * near, 0.08 + 0.2 * near, 0.09, 0.5 - 0.4 * near});
  p.how = static_cast<punt_result::end>(how + 1);
  if (p.how == punt_result::end::returned) {
    p.return_yards = return_length(r, 6, 6, 0.025);
    p.seconds += std::min(5, p.return_yards / 8 + 1);
    if (p.landing + p.return_yards >= 100) {
      p.touchdown = true;
      p.return_yards = 100 - p.landing;
      return p;
    }
  }
  p.yards_to_endzone = std::clamp(100 - (p.landing + p.return_yards), 1, 99);
  return p;
}

field_goal_result kick_field_goal(int distance, double leg, rng& r) {
  field_goal_result f;
  f.seconds = r.between(4, 5);
  f.good = r.chance(field_goal_probability(distance, leg));
  if (!f.good) {
    double short_share = distance >= 50 ? 0.35 : 0.08;
    auto i = r.pick({(1 - short_share) / 2, (1 - short_share) / 2, short_share});
    f.miss = i == 0 ? "Wide Right" : i == 1 ? "Wide Left" : "Short";
  }
  return f;
}

} // namespace playclock::sim
