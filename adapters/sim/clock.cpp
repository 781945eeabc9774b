#include "adapters/sim/clock.hpp"

#include <algorithm>

namespace playclock::sim {

int runoff_seconds(tempo t, bool restarted, rng& r) {
  int s = 0;
  switch (t) {
  case tempo::normal:
    s = r.between(27, 37);
    break;
  case tempo::hurry:
    s = r.between(9, 18);
    break;
  case tempo::drain:
    s = r.between(37, 40);
    break;
  }
  // A restarted clock waits for the officials to spot the ball.
  return restarted ? std::max(3, s - r.between(8, 14)) : s;
}

int spike_setup_seconds(rng& r) {
  return r.between(4, 8);
}

double dead_time_seconds(bool clock_was_running, rng& r) {
  // Huddle and substitutions with the clock stopped; sometimes a replay review.
  double s = clock_was_running ? r.between(4, 8) : r.between(30, 45);
  if (r.chance(0.02))
    s += r.between(60, 150);
  return s;
}

bool late_window(int period, int clock) {
  return (period == 2 && clock <= 120) || (period >= 4 && clock <= 300);
}

bool has_two_minute_warning(int period) {
  return period == 2 || period >= 4;
}

std::string clock_text(int seconds) {
  seconds = std::max(0, seconds);
  std::string s = std::to_string(seconds / 60) + ":";
  int sec = seconds % 60;
  if (sec < 10)
    s += '0';
  return s + std::to_string(sec);
}

std::string period_name(int period) {
  switch (period) {
  case 1:
    return "1st";
  case 2:
    return "2nd";
  case 3:
    return "3rd";
  case 4:
    return "4th";
  default:
    return period == 5 ? "OT" : std::to_string(period - 4) + "OT";
  }
}

} // namespace playclock::sim
