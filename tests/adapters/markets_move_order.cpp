#include <catch2/catch.hpp>

#include "adapters/markets/move_order.hpp"

using namespace playclock;

namespace {

markets::market quoted(const std::string& ticker, double bid, double ask) {
  markets::market m;
  m.ticker = ticker;
  m.status = "active";
  m.yes_bid = bid;
  m.yes_ask = ask;
  return m;
}

} // namespace

TEST_CASE("a poll's markets are handed over biggest price move first", "[markets]") {
  markets::move_order o;
  std::vector<markets::market> first{quoted("A", 0.40, 0.42), quoted("B", 0.50, 0.52),
                                     quoted("C", 0.60, 0.62)};
  // Nothing known yet: listing order.
  CHECK(o.order(first) == std::vector<std::size_t>{0, 1, 2});

  // C jumps 20 points, A moves 2, B stands still; D is new, E has no price.
  markets::market priceless;
  priceless.ticker = "E";
  priceless.status = "active";
  std::vector<markets::market> second{quoted("A", 0.42, 0.44), quoted("B", 0.50, 0.52),
                                      quoted("D", 0.10, 0.12), priceless, quoted("C", 0.80, 0.82)};
  CHECK(o.order(second) == std::vector<std::size_t>{4, 0, 1, 2, 3});

  // The moves are measured from the last poll, not the first.
  std::vector<markets::market> third{quoted("C", 0.80, 0.82), quoted("D", 0.40, 0.42)};
  CHECK(o.order(third) == std::vector<std::size_t>{1, 0});

  // A forgotten ticker counts as new again.
  o.forget("D");
  std::vector<markets::market> fourth{quoted("D", 0.90, 0.92), quoted("C", 0.81, 0.83)};
  CHECK(o.order(fourth) == std::vector<std::size_t>{1, 0});
}
