// The scoreboard's status line before kick-off, in US Eastern time.
#include <cstdio>

#include "adapters/sim/narration.hpp"

namespace playclock::sim {

namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<long>(era) * 146097 + doe - 719468;
}

int weekday(long days) {
  return static_cast<int>((days % 7 + 11) % 7);
} // 0 = Sunday

// The n-th Sunday of a month, as a day of the month.
int nth_sunday(int y, int m, int n) {
  int first = weekday(days_from_civil(y, m, 1));
  return 1 + (7 - first) % 7 + 7 * (n - 1);
}

void civil_from_days(long z, int& y, int& m, int& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

std::string ordinal(int d) {
  const char* suffix = (d % 100 >= 11 && d % 100 <= 13) ? "th"
                       : d % 10 == 1                    ? "st"
                       : d % 10 == 2                    ? "nd"
                       : d % 10 == 3                    ? "rd"
                                                        : "th";
  return std::to_string(d) + suffix;
}

} // namespace

std::string pregame_status(const std::string& start_time) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  if (std::sscanf(start_time.c_str(), "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5 || mo < 1 ||
      mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59)
    return "Scheduled";
  // Daylight time from the second Sunday of March to the first of November,
  // switching at 2:00 local (7:00 and 6:00 UTC).
  long day = days_from_civil(y, mo, d);
  long minutes = day * 1440 + h * 60 + mi;
  long dst_start = days_from_civil(y, 3, nth_sunday(y, 3, 2)) * 1440 + 7 * 60;
  long dst_end = days_from_civil(y, 11, nth_sunday(y, 11, 1)) * 1440 + 6 * 60;
  bool dst = minutes >= dst_start && minutes < dst_end;
  minutes -= (dst ? 4 : 5) * 60;
  long local_day = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
  int lm = static_cast<int>(minutes - local_day * 1440);
  civil_from_days(local_day, y, mo, d);
  static const char* const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const months[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};
  int hour = lm / 60 % 12 == 0 ? 12 : lm / 60 % 12;
  char when[16];
  std::snprintf(when, sizeof when, "%d:%02d %s", hour, lm % 60, lm >= 720 ? "PM" : "AM");
  return std::string(days[weekday(local_day)]) + ", " + months[mo - 1] + " " + ordinal(d) + " at " +
         when + (dst ? " EDT" : " EST");
}

} // namespace playclock::sim
