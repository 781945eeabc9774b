#include <catch2/catch.hpp>

#include <chrono>

#include "adapters/sources/cadence.hpp"

using playclock::sources::wait_for_slot;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

std::chrono::steady_clock::time_point at(milliseconds t) {
  return std::chrono::steady_clock::time_point{t};
}

} // namespace

TEST_CASE("a poller's next slot is the next phase + k * interval", "[sources][cadence]") {
  CHECK(wait_for_slot(at(12'300ms), 5s, 0ms) == 2700ms);
  CHECK(wait_for_slot(at(15'000ms), 5s, 0ms) == 5s); // on a slot: the next one
  CHECK(wait_for_slot(at(15'001ms), 5s, 0ms) == 4999ms);
  CHECK(wait_for_slot(at(12'300ms), 5s, 2500ms) == 200ms);
  CHECK(wait_for_slot(at(12'600ms), 5s, 2500ms) == 4900ms);
  CHECK(wait_for_slot(at(1'000ms), 5s, 2500ms) == 1500ms); // before the first slot
  CHECK(wait_for_slot(at(12'300ms), 5s, 7500ms) == 200ms); // a phase past the interval wraps
}

TEST_CASE("slots without an interval are no wait at all", "[sources][cadence]") {
  CHECK(wait_for_slot(at(12'300ms), 0ms, 0ms) == 0ms);
  CHECK(wait_for_slot(at(12'300ms), -5ms, 0ms) == 0ms);
}
