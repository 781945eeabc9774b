#pragma once
// Cron expressions for scheduled jobs (jobs.schedules): the five classic
// fields "minute hour day-of-month month day-of-week", in UTC, with *, lists
// (1,15), ranges (1-5), steps (*/20, 8-18/2), month and day names (JAN,
// MON) and the macros @hourly, @daily, @weekly, @monthly, @yearly. As in
// cron, when both day fields are restricted a day matching either runs.

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace playclock::config {

struct cron_spec {
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days;    // 1-31
  std::bitset<13> months;  // 1-12
  std::bitset<7> weekdays; // 0 = Sunday
  bool any_day = true;
  bool any_weekday = true;

  /// Whether the minute starting at `unix_s` (seconds ignored) is a slot.
  bool matches(std::int64_t unix_s) const;
};

/// The spec, or why the expression is not one.
std::variant<cron_spec, std::string> parse_cron(std::string_view text);

/// The latest slot at or before `now_s` and no more than `window_s`
/// before it (Unix seconds at the minute), if any.
std::optional<std::int64_t> latest_slot(const cron_spec& c, std::int64_t now_s,
                                        std::int64_t window_s);

/// The first slot strictly after `after_s`, looking at most ~5 years ahead
/// (a 29 February schedule); nullopt if none (31 February).
std::optional<std::int64_t> next_slot(const cron_spec& c, std::int64_t after_s);

} // namespace playclock::config
