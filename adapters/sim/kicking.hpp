#pragma once
// The kicking game: kickoffs (by era), punts, field goals, extra points and
// two-point tries. Pure functions of their inputs and the PRNG.

#include "adapters/sim/rng.hpp"

namespace playclock::sim {

/// Probability that a field goal of `distance` yards (line of scrimmage + 17)
/// is good: about 99% at 25 yards, 97% at 30, 90% at 40, 67% at 50, 30% at 60.
/// `leg` (about -1..+1) is the kicker's rating.
double field_goal_probability(int distance, double leg = 0);

/// The longest field goal a coach tries: normally about 53 yards, at the end
/// of a half (`desperate`) about 61.
int max_field_goal_distance(double leg, bool desperate);

/// Probability that an extra point (a 33-yard kick) is good (about 94%).
double extra_point_probability(double leg = 0);

/// Probability that a two-point try succeeds (about 48%).
double two_point_probability(double matchup = 0);

/// Kickoff rules of a season: before 2024 the classic kickoff (touchback at
/// the 25, most kicks not returned); from 2024 the dynamic kickoff (touchback
/// at the 30, from 2025 at the 35, most kicks returned).
struct kickoff_rules {
  int touchback_line = 25;
  double touchback_rate = 0.6;
  bool dynamic = false;
};

/// The rules of the given season.
kickoff_rules kickoff_rules_for(int season);

/// How a kickoff or free kick ended.
struct kick_result {
  bool onside = false;
  /// Onside kick recovered by the kicking team.
  bool kept = false;
  bool touchback = false;
  bool out_of_bounds = false;
  /// Yards the kick travelled.
  int kick_yards = 0;
  /// Where it came down, in yards from the receiving team's goal line
  /// (negative: in the end zone).
  int landing = 0;
  int return_yards = 0;
  bool touchdown = false;
  /// The receiving team's yards to the end zone afterwards (the kicking
  /// team's if `kept`); 0 after a touchdown.
  int yards_to_endzone = 0;
  int seconds = 0;
};

/// A kickoff from the kicking team's `from` yard line (35, or 20 after a
/// safety), onside or not.
kick_result kick_off(const kickoff_rules& rules, int from, bool onside, rng& r);

/// How a punt ended.
struct punt_result {
  enum class end { touchback, fair_catch, downed, out_of_bounds, returned };
  end how = end::returned;
  int gross = 0;
  /// Where it came down, in yards from the receiving team's goal line.
  int landing = 0;
  int return_yards = 0;
  bool touchdown = false;
  /// The receiving team's yards to the end zone afterwards; 0 after a touchdown.
  int yards_to_endzone = 0;
  int seconds = 0;
};

/// A punt by a team `yards_to_endzone` from the opponent's goal line; from
/// midfield on, a pooch punt aimed inside the 15.
punt_result punt(int yards_to_endzone, rng& r);

/// A field-goal attempt.
struct field_goal_result {
  bool good = false;
  /// "Wide Right", "Wide Left", "Short" when missed.
  const char* miss = "";
  int seconds = 0;
};

field_goal_result kick_field_goal(int distance, double leg, rng& r);

} // namespace playclock::sim
