#include <catch2/catch.hpp>

#include "adapters/sources/backoff.hpp"
#include "adapters/sources/rate_limiter.hpp"

using namespace playclock::sources;
using namespace std::chrono_literals;

TEST_CASE("the rate limiter lets a burst through and then spaces requests", "[sources]") {
  rate_limiter r{2.0, 3};
  rate_limiter::clock::time_point t0{};
  CHECK(r.reserve(t0) == 0ns);
  CHECK(r.reserve(t0) == 0ns);
  CHECK(r.reserve(t0) == 0ns);
  // The fourth waits half a second (2 per second), the fifth a whole one.
  CHECK(r.reserve(t0) == 500ms);
  CHECK(r.reserve(t0) == 1000ms);
  // Two seconds later the queue has drained and one token has come back.
  CHECK(r.reserve(t0 + 2s) == 0ns);
}

TEST_CASE("a rate of zero means unlimited", "[sources]") {
  rate_limiter r{0, 1};
  for (int i = 0; i < 1000; ++i)
    REQUIRE(r.reserve() == 0ns);
  CHECK(r.unlimited());
}

TEST_CASE("backoff doubles within jitter, caps, and resets on success", "[sources]") {
  backoff b{100ms, 1000ms, 42};
  std::vector<std::chrono::milliseconds> waits;
  for (int i = 0; i < 6; ++i)
    waits.push_back(b.next());
  auto within = [](std::chrono::milliseconds x, long lo, long hi) {
    return x.count() >= lo && x.count() <= hi;
  };
  CHECK(within(waits[0], 50, 100));
  CHECK(within(waits[1], 100, 200));
  CHECK(within(waits[2], 200, 400));
  CHECK(within(waits[3], 400, 800));
  CHECK(within(waits[4], 500, 1000));
  CHECK(within(waits[5], 500, 1000));
  CHECK(b.failures() == 6);
  b.reset();
  CHECK(within(b.next(), 50, 100));
}

TEST_CASE("two backoffs with different seeds do not retry in lock-step", "[sources]") {
  backoff a{1000ms, 60000ms, 1};
  backoff b{1000ms, 60000ms, 2};
  int same = 0;
  for (int i = 0; i < 10; ++i)
    same += a.next() == b.next() ? 1 : 0;
  CHECK(same < 3);
}
