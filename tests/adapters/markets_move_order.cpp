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

std::vector<std::size_t> indexes(const std::vector<markets::ranked_move>& r) {
  std::vector<std::size_t> out;
  out.reserve(r.size());
  for (const auto& m : r)
    out.push_back(m.index);
  return out;
}

} // namespace

TEST_CASE("a poll's markets are handed over biggest price move first", "[markets]") {
  markets::move_order o;
  std::vector<markets::market> first{quoted("A", 0.40, 0.42), quoted("B", 0.50, 0.52),
                                     quoted("C", 0.60, 0.62)};
  // Nothing known yet: listing order.
  CHECK(indexes(o.order(first)) == std::vector<std::size_t>{0, 1, 2});

  // C jumps 20 points, A moves 2, B stands still; D is new, E has no price.
  markets::market priceless;
  priceless.ticker = "E";
  priceless.status = "active";
  std::vector<markets::market> second{quoted("A", 0.42, 0.44), quoted("B", 0.50, 0.52),
                                      quoted("D", 0.10, 0.12), priceless, quoted("C", 0.80, 0.82)};
  CHECK(indexes(o.order(second)) == std::vector<std::size_t>{4, 0, 1, 2, 3});

  // The moves are measured from the last poll, not the first.
  std::vector<markets::market> third{quoted("C", 0.80, 0.82), quoted("D", 0.40, 0.42)};
  CHECK(indexes(o.order(third)) == std::vector<std::size_t>{1, 0});

  // A forgotten ticker counts as new again.
  o.forget("D");
  std::vector<markets::market> fourth{quoted("D", 0.90, 0.92), quoted("C", 0.81, 0.83)};
  CHECK(indexes(o.order(fourth)) == std::vector<std::size_t>{1, 0});
}

TEST_CASE("markets that may have spiked are told apart from the quiet ones", "[markets]") {
  markets::move_order o;
  std::vector<markets::market> first{quoted("A", 0.40, 0.42), quoted("B", 0.50, 0.52),
                                     quoted("C", 0.60, 0.62)};
  auto r = o.order(first);
  // New markets may need an actor: never quiet.
  for (const auto& m : r)
    CHECK(markets::may_spike(m, 10));

  // A moves 4 points, B 6, C none; D is new. Threshold 10: over 5 may spike.
  std::vector<markets::market> second{quoted("A", 0.44, 0.46), quoted("B", 0.56, 0.58),
                                      quoted("C", 0.60, 0.62), quoted("D", 0.30, 0.32)};
  r = o.order(second);
  REQUIRE(indexes(r) == std::vector<std::size_t>{1, 0, 2, 3});
  CHECK(r[0].move == Approx(0.06));
  CHECK(markets::may_spike(r[0], 10));
  CHECK_FALSE(markets::may_spike(r[1], 10));
  CHECK_FALSE(markets::may_spike(r[2], 10));
  CHECK(r[3].move < 0);
  CHECK(markets::may_spike(r[3], 10));
  // A lower threshold makes A's 4 points a possible spike too.
  CHECK(markets::may_spike(r[1], 3));
  CHECK_FALSE(markets::may_spike(r[2], 3));
}
