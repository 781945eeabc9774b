#include <catch2/catch.hpp>

#include "supervisors/restart_policy.hpp"

using namespace std::chrono_literals;
using playclock::sup::restart_policy;
using playclock::sup::restart_tracker;

namespace {

restart_policy policy(int max, std::chrono::milliseconds window) {
  restart_policy p;
  p.max_restarts = max;
  p.window = window;
  p.backoff_initial = 100ms;
  p.backoff_max = 1000ms;
  return p;
}

} // namespace

TEST_CASE("the restart delay doubles per recent restart and stops at the cap", "[supervisor]") {
  restart_tracker t{policy(10, 60s)};
  std::chrono::steady_clock::time_point now{};
  std::vector<long> delays;
  for (int i = 0; i < 6; ++i)
    delays.push_back(t.record(now + std::chrono::seconds{i}).delay.count());
  CHECK(delays == std::vector<long>{100, 200, 400, 800, 1000, 1000});
}

TEST_CASE("one restart more than the intensity allows is refused", "[supervisor]") {
  restart_tracker t{policy(3, 10s)};
  std::chrono::steady_clock::time_point now{};
  CHECK(t.record(now).allowed);
  CHECK(t.record(now + 1s).allowed);
  CHECK(t.record(now + 2s).allowed);
  auto fourth = t.record(now + 3s);
  CHECK_FALSE(fourth.allowed);
  CHECK(fourth.recent == 4);
}

TEST_CASE("restarts older than the window no longer count", "[supervisor]") {
  restart_tracker t{policy(2, 10s)};
  std::chrono::steady_clock::time_point now{};
  CHECK(t.record(now).allowed);
  CHECK(t.record(now + 5s).allowed);
  // The first one is 10 s old at now+10s and drops out of the window.
  auto third = t.record(now + 10s);
  CHECK(third.allowed);
  CHECK(third.recent == 2);
  CHECK(third.delay == 200ms);
  CHECK(t.recent(now + 30s) == 0);
}

TEST_CASE("a zero intensity escalates the first failure", "[supervisor]") {
  restart_tracker t{policy(0, 10s)};
  CHECK_FALSE(t.record(std::chrono::steady_clock::time_point{}).allowed);
}
