// Picking the forecast slot of a kick-off.
#include <catch2/catch.hpp>

#include <limits>

#include "adapters/weather/forecast.hpp"
#include "tests/adapters/espn_samples.hpp"

using namespace playclock;
using weather::forecast_at;
using weather::slot_seconds;

namespace {

constexpr std::int64_t t0 = 1586142000; // 2020-04-06 03:00 UTC

sports::forecast slot(std::int64_t time, double temperature = 0) {
  sports::forecast f;
  f.time = time;
  f.temperature_c = temperature;
  return f;
}

// Five days of slots, the temperature numbering them.
std::vector<sports::forecast> five_days() {
  std::vector<sports::forecast> out;
  for (int i = 0; i < 40; ++i)
    out.push_back(slot(t0 + i * slot_seconds, i));
  return out;
}

// The number of the slot chosen for `t`, -1 for none.
int chosen(const std::vector<sports::forecast>& slots, std::int64_t t) {
  auto f = forecast_at(slots, t);
  return f ? static_cast<int>(f->temperature_c) : -1;
}

} // namespace

TEST_CASE("a kick-off inside a slot gets that slot", "[weather]") {
  auto s = five_days();
  CHECK(chosen(s, t0) == 0);
  CHECK(chosen(s, t0 + 1) == 0);
  CHECK(chosen(s, t0 + slot_seconds - 1) == 0);
  CHECK(chosen(s, t0 + slot_seconds) == 1);
  CHECK(chosen(s, t0 + 10 * slot_seconds + 3600) == 10);
  CHECK(chosen(s, t0 + 39 * slot_seconds) == 39);
  CHECK(chosen(s, t0 + 40 * slot_seconds - 1) == 39);
}

TEST_CASE("a kick-off less than a slot outside the forecast gets the nearest slot", "[weather]") {
  auto s = five_days();
  CHECK(chosen(s, t0 - 1) == 0);
  CHECK(chosen(s, t0 - slot_seconds + 1) == 0);
  CHECK(chosen(s, t0 - slot_seconds) == -1);
  const std::int64_t end = t0 + 40 * slot_seconds; // the last slot ends here
  CHECK(chosen(s, end) == 39);
  CHECK(chosen(s, end + slot_seconds - 2) == 39);
  CHECK(chosen(s, end + slot_seconds) == -1);
}

TEST_CASE("a kick-off beyond the five days has no forecast", "[weather]") {
  auto s = five_days();
  CHECK(chosen(s, t0 + 6 * 86400) == -1);
  CHECK(chosen(s, t0 + 365 * 86400) == -1);
  CHECK(chosen(s, t0 - 86400) == -1);
  CHECK_FALSE(forecast_at({}, t0));
}

TEST_CASE("a kick-off in a gap between slots gets the nearer one", "[weather]") {
  // Slots at 0 h and 9 h: a 6-hour gap from 3 h to 9 h.
  std::vector<sports::forecast> s{slot(t0, 0), slot(t0 + 3 * slot_seconds, 1)};
  CHECK(chosen(s, t0 + 4 * 3600) == 0);
  CHECK(chosen(s, t0 + 8 * 3600) == 1);
  CHECK(chosen(s, t0 + 9 * 3600) == 1);
  // Order in the document does not matter.
  std::vector<sports::forecast> reversed{s[1], s[0]};
  CHECK(chosen(reversed, t0 + 4 * 3600) == 0);
  CHECK(chosen(reversed, t0 + 1) == 0);
}

TEST_CASE("the recorded forecast answers for a Sunday 1 PM kick-off", "[weather]") {
  auto text = test::realdata_file(test::owm_forecast);
  if (!text)
    return test::skip_without_realdata();
  auto r = weather::parse_forecast(*text);
  REQUIRE(std::holds_alternative<std::vector<sports::forecast>>(r));
  const auto& slots = std::get<std::vector<sports::forecast>>(r);
  // 2020-04-06 17:00 UTC lies in the 15:00 slot.
  auto f = forecast_at(slots, 1586192400);
  REQUIRE(f);
  CHECK(f->time == 1586185200);
  CHECK(f->time == slots[4].time);
  CHECK_FALSE(forecast_at(slots, 1586142000 + 6 * 86400));
}

TEST_CASE("extreme times never overflow", "[weather]") {
  constexpr auto lo = std::numeric_limits<std::int64_t>::min();
  constexpr auto hi = std::numeric_limits<std::int64_t>::max();
  std::vector<sports::forecast> s{slot(lo, 1), slot(0, 2), slot(hi, 3), slot(hi - 5, 4)};
  CHECK(chosen(s, 0) == 2);
  CHECK(chosen(s, lo) == 1);
  CHECK(chosen(s, hi) == 3);
  CHECK(chosen(s, hi - 4) == 4);
  CHECK(chosen(s, lo + slot_seconds * 10) == -1);
  CHECK(chosen({slot(lo, 1)}, hi) == -1);
  CHECK(chosen({slot(hi, 1)}, lo) == -1);
}
