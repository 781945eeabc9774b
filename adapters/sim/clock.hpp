#pragma once
// The game clock: how long plays take, how much time runs off between plays
// at each tempo, and when the clock stops.

#include <string>

#include "adapters/sim/rng.hpp"

namespace playclock::sim {

/// How fast the offense gets to the line.
enum class tempo {
  /// Huddle, snap with a few seconds on the play clock.
  normal,
  /// No-huddle, two-minute drill.
  hurry,
  /// Protecting a lead: snap as the play clock expires.
  drain,
};

/// Seconds a period lasts: 900 for quarters; regular-season overtime 600.
constexpr int quarter_seconds = 900;
constexpr int overtime_seconds = 600;

/// Game seconds between the end of a play and the next snap while the clock
/// runs. `restarted` is for a clock that stopped and restarts when the ball
/// is spotted (out of bounds outside the late windows, accepted penalties).
int runoff_seconds(tempo t, bool restarted, rng& r);

/// Seconds a spike takes to set up (hurrying to the line).
int spike_setup_seconds(rng& r);

/// Real seconds between snaps that the game clock does not show (huddle with
/// a stopped clock, replays), for pacing a live feed.
double dead_time_seconds(bool clock_was_running, rng& r);

/// True in the windows where out of bounds stops the clock until the snap:
/// the last 2:00 of the first half, the last 5:00 of the fourth quarter and
/// overtime.
bool late_window(int period, int clock);

/// True in the periods with a two-minute warning (2nd, 4th and overtime).
bool has_two_minute_warning(int period);

/// "M:SS", as ESPN shows the clock ("0:35", "15:00").
std::string clock_text(int seconds);

/// "1st", "2nd", "3rd", "4th"; "OT", "2OT" from period 5 on.
std::string period_name(int period);

} // namespace playclock::sim
