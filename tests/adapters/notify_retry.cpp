#include <catch2/catch.hpp>

#include <chrono>
#include <set>

#include "adapters/notify/retry.hpp"

using namespace playclock::notify;
using namespace std::chrono_literals;
using kind = delivery_outcome::kind;

namespace {

delivery_outcome outcome(kind what, std::chrono::seconds retry_after = 0s) {
  delivery_outcome out;
  out.what = what;
  out.retry_after = retry_after;
  return out;
}

} // namespace

TEST_CASE("sent and rejected deliveries are never retried", "[notify]") {
  retry_policy p;
  CHECK_FALSE(next_retry(p, 1, outcome(kind::sent), 1));
  CHECK_FALSE(next_retry(p, 1, outcome(kind::reject), 1));
  CHECK_FALSE(next_retry(p, 1, outcome(kind::reject, 5s), 1));
}

TEST_CASE("retries back off exponentially with jitter up to the cap", "[notify]") {
  retry_policy p;
  p.max_attempts = 100;
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    auto r = outcome(kind::retry);
    auto first = next_retry(p, 1, r, seed);
    REQUIRE(first);
    CHECK(*first >= 250ms);
    CHECK(*first <= 500ms);
    auto third = next_retry(p, 3, r, seed);
    REQUIRE(third);
    CHECK(*third >= 1000ms);
    CHECK(*third <= 2000ms);
    auto late = next_retry(p, 40, r, seed);
    REQUIRE(late);
    CHECK(*late >= 30000ms);
    CHECK(*late <= 60000ms);
  }
}

TEST_CASE("the jitter is fixed by the seed and differs between seeds", "[notify]") {
  retry_policy p;
  auto r = outcome(kind::retry);
  CHECK(next_retry(p, 2, r, 42) == next_retry(p, 2, r, 42));
  std::set<long long> seen;
  for (std::uint64_t seed = 0; seed < 20; ++seed)
    seen.insert(next_retry(p, 2, r, seed)->count());
  CHECK(seen.size() > 5);
}

TEST_CASE("the last attempt is not retried: the alert is dead-lettered", "[notify]") {
  retry_policy p;
  p.max_attempts = 3;
  auto r = outcome(kind::retry);
  CHECK(next_retry(p, 1, r, 7));
  CHECK(next_retry(p, 2, r, 7));
  CHECK_FALSE(next_retry(p, 3, r, 7));
  CHECK_FALSE(next_retry(p, 4, r, 7));
  p.max_attempts = 1;
  CHECK_FALSE(next_retry(p, 1, r, 7));
}

TEST_CASE("retry_after wins over a shorter backoff but not over a longer one", "[notify]") {
  retry_policy p;
  CHECK(next_retry(p, 1, outcome(kind::retry, 41s), 3) == 41000ms);
  CHECK(next_retry(p, 1, outcome(kind::retry, 2282s), 3) == 2282000ms);
  p.initial = 10s;
  auto backoff_only = next_retry(p, 1, outcome(kind::retry), 3);
  auto with_short_ask = next_retry(p, 1, outcome(kind::retry, 1s), 3);
  REQUIRE(backoff_only);
  CHECK(*backoff_only >= 5s);
  CHECK(with_short_ask == backoff_only);
}

TEST_CASE("a zero attempt count is taken as the first attempt", "[notify]") {
  retry_policy p;
  auto r = outcome(kind::retry);
  CHECK(next_retry(p, 0, r, 9) == next_retry(p, 1, r, 9));
}
