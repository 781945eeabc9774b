#pragma once
// Field-by-field comparison of the sports domain types for the ESPN and
// weather tests. The domain has no operator==; these name the first field that
// differs ("summary.drives[3].plays[2].yards: 5 != 6"), so a failing
// CHECK(diff(a, b) == "") says where. Doubles compare exactly: a round trip
// must not lose precision.

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/sports/types.hpp"

namespace playclock::test {

inline std::string diff(const sports::team& a, const sports::team& b, const std::string& at);
inline std::string diff(const sports::venue& a, const sports::venue& b, const std::string& at);
inline std::string diff(const sports::situation& a, const sports::situation& b,
                        const std::string& at);
inline std::string diff(const sports::game& a, const sports::game& b, const std::string& at);
inline std::string diff(const sports::participant& a, const sports::participant& b,
                        const std::string& at);
inline std::string diff(const sports::play& a, const sports::play& b, const std::string& at);
inline std::string diff(const sports::drive& a, const sports::drive& b, const std::string& at);
inline std::string diff(const sports::injury& a, const sports::injury& b, const std::string& at);
inline std::string diff(const sports::game_summary& a, const sports::game_summary& b,
                        const std::string& at);
inline std::string diff(const sports::forecast& a, const sports::forecast& b,
                        const std::string& at);

/// Scalars: strings, numbers, bools.
template <class T>
std::string diff(const T& a, const T& b, const std::string& at) {
  if (a == b)
    return {};
  std::ostringstream out;
  out.precision(17);
  out << at << ": " << a << " != " << b;
  return out.str();
}

inline std::string diff(sports::game_state a, sports::game_state b, const std::string& at) {
  return diff(std::string{sports::to_string(a)}, std::string{sports::to_string(b)}, at);
}

template <class T>
std::string diff(const std::optional<T>& a, const std::optional<T>& b, const std::string& at) {
  if (a.has_value() != b.has_value())
    return at + ": " + (a ? "set" : "unset") + " != " + (b ? "set" : "unset");
  return a ? diff(*a, *b, at) : std::string{};
}

template <class T>
std::string diff(const std::vector<T>& a, const std::vector<T>& b, const std::string& at) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
    if (auto d = diff(a[i], b[i], at + "[" + std::to_string(i) + "]"); !d.empty())
      return d;
  if (a.size() != b.size())
    return at + ".size(): " + std::to_string(a.size()) + " != " + std::to_string(b.size());
  return {};
}

// Returns the first difference of x.NAME.
#define PLAYCLOCK_DIFF(NAME)                                                                       \
  if (auto d = diff(a.NAME, b.NAME, at + "." #NAME); !d.empty())                                   \
  return d

inline std::string diff(const sports::team& a, const sports::team& b, const std::string& at) {
  PLAYCLOCK_DIFF(id);
  PLAYCLOCK_DIFF(abbreviation);
  PLAYCLOCK_DIFF(name);
  return {};
}

inline std::string diff(const sports::venue& a, const sports::venue& b, const std::string& at) {
  PLAYCLOCK_DIFF(id);
  PLAYCLOCK_DIFF(name);
  PLAYCLOCK_DIFF(city);
  PLAYCLOCK_DIFF(state);
  PLAYCLOCK_DIFF(indoor);
  return {};
}

inline std::string diff(const sports::situation& a, const sports::situation& b,
                        const std::string& at) {
  PLAYCLOCK_DIFF(down);
  PLAYCLOCK_DIFF(distance);
  PLAYCLOCK_DIFF(yards_to_endzone);
  PLAYCLOCK_DIFF(possession);
  PLAYCLOCK_DIFF(red_zone);
  PLAYCLOCK_DIFF(home_timeouts);
  PLAYCLOCK_DIFF(away_timeouts);
  PLAYCLOCK_DIFF(last_play_id);
  return {};
}

inline std::string diff(const sports::game& a, const sports::game& b, const std::string& at) {
  PLAYCLOCK_DIFF(id);
  PLAYCLOCK_DIFF(season);
  PLAYCLOCK_DIFF(season_type);
  PLAYCLOCK_DIFF(week);
  PLAYCLOCK_DIFF(start_time);
  PLAYCLOCK_DIFF(state);
  PLAYCLOCK_DIFF(status_detail);
  PLAYCLOCK_DIFF(home);
  PLAYCLOCK_DIFF(away);
  PLAYCLOCK_DIFF(home_score);
  PLAYCLOCK_DIFF(away_score);
  PLAYCLOCK_DIFF(period);
  PLAYCLOCK_DIFF(clock);
  PLAYCLOCK_DIFF(clock_seconds);
  PLAYCLOCK_DIFF(where);
  PLAYCLOCK_DIFF(now);
  return {};
}

inline std::string diff(const sports::participant& a, const sports::participant& b,
                        const std::string& at) {
  PLAYCLOCK_DIFF(player_id);
  PLAYCLOCK_DIFF(name);
  PLAYCLOCK_DIFF(role);
  return {};
}

inline std::string diff(const sports::play& a, const sports::play& b, const std::string& at) {
  PLAYCLOCK_DIFF(id);
  PLAYCLOCK_DIFF(sequence);
  PLAYCLOCK_DIFF(drive_id);
  PLAYCLOCK_DIFF(period);
  PLAYCLOCK_DIFF(clock);
  PLAYCLOCK_DIFF(team);
  PLAYCLOCK_DIFF(type);
  PLAYCLOCK_DIFF(text);
  PLAYCLOCK_DIFF(wallclock);
  PLAYCLOCK_DIFF(yards);
  PLAYCLOCK_DIFF(start_down);
  PLAYCLOCK_DIFF(start_distance);
  PLAYCLOCK_DIFF(start_yards_to_endzone);
  PLAYCLOCK_DIFF(home_score);
  PLAYCLOCK_DIFF(away_score);
  PLAYCLOCK_DIFF(scoring);
  PLAYCLOCK_DIFF(score_value);
  PLAYCLOCK_DIFF(players);
  return {};
}

inline std::string diff(const sports::drive& a, const sports::drive& b, const std::string& at) {
  PLAYCLOCK_DIFF(id);
  PLAYCLOCK_DIFF(team);
  PLAYCLOCK_DIFF(description);
  PLAYCLOCK_DIFF(result);
  PLAYCLOCK_DIFF(yards);
  PLAYCLOCK_DIFF(scoring);
  PLAYCLOCK_DIFF(plays);
  return {};
}

inline std::string diff(const sports::injury& a, const sports::injury& b, const std::string& at) {
  PLAYCLOCK_DIFF(team);
  PLAYCLOCK_DIFF(player_id);
  PLAYCLOCK_DIFF(player_name);
  PLAYCLOCK_DIFF(position);
  PLAYCLOCK_DIFF(status);
  PLAYCLOCK_DIFF(detail);
  PLAYCLOCK_DIFF(date);
  return {};
}

inline std::string diff(const sports::game_summary& a, const sports::game_summary& b,
                        const std::string& at) {
  PLAYCLOCK_DIFF(header);
  PLAYCLOCK_DIFF(drives);
  PLAYCLOCK_DIFF(scoring_play_ids);
  PLAYCLOCK_DIFF(injuries);
  return {};
}

inline std::string diff(const sports::forecast& a, const sports::forecast& b,
                        const std::string& at) {
  PLAYCLOCK_DIFF(time);
  PLAYCLOCK_DIFF(temperature_c);
  PLAYCLOCK_DIFF(wind_speed_ms);
  PLAYCLOCK_DIFF(precipitation_mm);
  PLAYCLOCK_DIFF(humidity_pct);
  PLAYCLOCK_DIFF(description);
  return {};
}

#undef PLAYCLOCK_DIFF

/// diff() with the type's name as the root of the path.
template <class T>
std::string diff(const T& a, const T& b) {
  return diff(a, b, std::string{"x"});
}

} // namespace playclock::test
