#pragma once
// The coach: from the situation (down, distance, field position, score, time,
// timeouts) to the call, the tempo, fourth-down and two-point decisions and
// timeouts. Pure functions, except choose_play which draws run/pass.

#include "adapters/sim/clock.hpp"
#include "adapters/sim/rng.hpp"

namespace playclock::sim {

/// What the offense's coach sees before a snap.
struct decision_context {
  int down = 1;
  int distance = 10;
  int yards_to_endzone = 75;
  /// 1-4, 5+ overtime.
  int period = 1;
  /// Seconds left in the period.
  int clock = 900;
  /// Offense's score minus defense's.
  int score_diff = 0;
  int offense_timeouts = 3;
  int defense_timeouts = 3;
  /// The clock is running (it will run off before the snap).
  bool clock_running = false;
  /// Offense's kicker and style (see roster).
  double kicker_leg = 0;
  double pass_tendency = 0;
  /// Overtime: this possession must score or the game is lost.
  bool must_score = false;
};

enum class call_kind { run, pass, kneel, spike, punt, field_goal };

/// The call for one snap.
struct play_call {
  call_kind kind = call_kind::run;
  /// Pass: a shot downfield.
  bool deep = false;
  /// Pass: toward the sideline, to get out of bounds (two-minute drill).
  bool sideline = false;
  /// Pass: last-play heave into the end zone.
  bool hail_mary = false;
};

enum class fourth_down_choice { go, punt, field_goal };

/// Expected points of a first down `yards_to_endzone` from the goal
/// (nflfastR-like: about 0.8 at the own 25, 2.3 at midfield, 4.7 at the 10).
double expected_points(int yards_to_endzone);

/// Probability of converting a fourth (or third) down with `distance` to go.
double conversion_probability(int distance);

/// Fourth down: the option with the best expected points, with a coach's
/// conservatism (a margin that shrinks on short yardage), overridden late in
/// a game: a trailing team goes for it (or kicks the tying/winning field
/// goal) when it may not get the ball back; a leading team is more careful.
fourth_down_choice decide_fourth_down(const decision_context& c);

/// Probability of a pass call: by down and distance, goal line, score and
/// time (trailing late -> more, leading late -> fewer), tempo and style.
double pass_probability(const decision_context& c);

/// The tempo: hurry in a two-minute drill or when trailing late, drain the
/// clock when leading late, normal otherwise.
tempo choose_tempo(const decision_context& c);

/// Kneel down: leading late when the remaining kneels run out the clock
/// given the defense's timeouts; or running out a half / regulation deep in
/// the own territory.
bool should_kneel(const decision_context& c);

/// Spike to stop the clock: hurrying, no timeouts left, under 0:40.
bool should_spike(const decision_context& c);

/// The offense calls a timeout after a play with the clock running.
bool offense_calls_timeout(const decision_context& c);

/// The defense calls a timeout to save time (it trails late, or wants the
/// ball back before the half).
bool defense_calls_timeout(const decision_context& c);

/// Two-point try after a touchdown, by the classic chart in the fourth
/// quarter and overtime; `lead` is the scoring team's lead counting the six.
bool go_for_two(int lead, int period, int clock);

/// Onside kick: the kicking team trails late by at most 16.
bool onside_kick(int lead, int period, int clock);

/// The call for the next snap (after the clock has run off).
play_call choose_play(const decision_context& c, rng& r);

} // namespace playclock::sim
