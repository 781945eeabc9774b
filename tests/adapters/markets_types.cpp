#include <catch2/catch.hpp>

#include "adapters/markets/types.hpp"

using namespace playclock;

TEST_CASE("a market is worth a new snapshot when anything but its poll time changed", "[markets]") {
  markets::market a;
  a.ticker = "KXNFLGAME-26NOV23KCBUF-KC";
  a.status = "active";
  a.yes_bid = 0.41;
  a.yes_ask = 0.43;
  a.volume = 100;
  auto b = a;
  CHECK_FALSE(markets::snapshot_changed(a, b));
  // Fields no snapshot holds do not count.
  b.title = "renamed";
  b.liquidity = 5;
  CHECK_FALSE(markets::snapshot_changed(a, b));

  SECTION("a quote") {
    b.yes_ask = 0.44;
    CHECK(markets::snapshot_changed(a, b));
  }
  SECTION("a quote that disappears") {
    b.yes_bid.reset();
    CHECK(markets::snapshot_changed(a, b));
  }
  SECTION("trading") {
    b.volume = 101;
    CHECK(markets::snapshot_changed(a, b));
  }
  SECTION("its end") {
    b.status = "settled";
    b.result = "yes";
    CHECK(markets::snapshot_changed(a, b));
  }
}
