#include <catch2/catch.hpp>

#include <variant>

#include "config/cron.hpp"

using namespace playclock::config;

namespace {

cron_spec spec(const char* text) {
  auto r = parse_cron(text);
  INFO(text);
  if (const auto* why = std::get_if<std::string>(&r))
    FAIL(*why);
  return std::get<cron_spec>(r);
}

std::string refused(const char* text) {
  auto r = parse_cron(text);
  return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : std::string{};
}

// 2026-11-24T00:00:00Z, a Tuesday.
constexpr std::int64_t tue = 1795478400;
constexpr std::int64_t minute = 60;
constexpr std::int64_t hour = 3600;
constexpr std::int64_t day = 86400;

} // namespace

TEST_CASE("cron fields: lists, ranges, steps, names and macros", "[config][cron]") {
  auto every_3h = spec("0 */3 * * *");
  CHECK(every_3h.matches(tue));
  CHECK(every_3h.matches(tue + 3 * hour));
  CHECK_FALSE(every_3h.matches(tue + hour));
  CHECK_FALSE(every_3h.matches(tue + 60));
  // The parse 20 minutes after each copy.
  auto after = spec("20 */3 * * *");
  CHECK(after.matches(tue + 20 * minute));
  CHECK_FALSE(after.matches(tue));

  auto office = spec("0,30 8-18/2 * * MON-FRI");
  CHECK(office.matches(tue + 8 * hour + 30 * minute));
  CHECK_FALSE(office.matches(tue + 9 * hour));
  CHECK_FALSE(office.matches(tue + 4 * day + 8 * hour)); // Saturday
  CHECK(spec("5/15 * * * *").matches(tue + 50 * minute));
  CHECK_FALSE(spec("5/15 * * * *").matches(tue));
  CHECK(spec("0 0 * * 7").matches(tue + 5 * day)); // Sunday as 7
  CHECK(spec("0 0 * * sun").matches(tue + 5 * day));
  CHECK(spec("0 0 1 dec *").matches(tue + 7 * day));
  CHECK(spec("@daily").matches(tue));
  CHECK(spec("@hourly").matches(tue + hour));
  CHECK_FALSE(spec("@weekly").matches(tue)); // Sundays
  // Seconds within the minute do not matter.
  CHECK(spec("* * * * *").matches(tue + 59));
}

TEST_CASE("cron: both day fields restricted means either day", "[config][cron]") {
  auto c = spec("0 0 1 * MON");
  CHECK(c.matches(tue + 6 * day)); // Monday 30 November
  CHECK(c.matches(tue + 7 * day)); // Tuesday 1 December
  CHECK_FALSE(c.matches(tue));
}

TEST_CASE("bad cron expressions say what is wrong", "[config][cron]") {
  CHECK(refused("* * * *").find("must have 5 fields") == 0);
  CHECK(refused("61 * * * *").find("minute \"61\"") == 0);
  CHECK(refused("* 24 * * *").find("hour") == 0);
  CHECK(refused("* * 0 * *").find("day-of-month") == 0);
  CHECK(refused("* * * 13 *").find("month") == 0);
  CHECK(refused("* * * * 8").find("day-of-week") == 0);
  CHECK(refused("*/0 * * * *").find("the step") != std::string::npos);
  CHECK(refused("5-1 * * * *").find("ascending") != std::string::npos);
  CHECK(refused("x * * * *").find("not a number") != std::string::npos);
  CHECK(refused("1,,2 * * * *").find("not a number") != std::string::npos);
  CHECK(refused("@often").find("unknown macro") == 0);
  CHECK(refused("").find("must have 5 fields") == 0);
}

TEST_CASE("cron slots: the latest within a window and the next one", "[config][cron]") {
  auto c = spec("0 */3 * * *");
  CHECK(latest_slot(c, tue + 10 * minute, 15 * minute) == tue);
  CHECK_FALSE(latest_slot(c, tue + 20 * minute, 15 * minute));
  CHECK(latest_slot(c, tue, 0) == tue);
  CHECK(latest_slot(spec("* * * * *"), tue + 125, 900) == tue + 120);
  CHECK(next_slot(c, tue) == tue + 3 * hour);
  CHECK(next_slot(c, tue - 1) == tue);
  // 29 February: 2028.
  CHECK(next_slot(spec("0 0 29 2 *"), tue) == 1835395200);
  CHECK_FALSE(next_slot(spec("0 0 31 2 *"), tue));
}
