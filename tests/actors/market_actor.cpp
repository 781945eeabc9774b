#include <catch2/catch.hpp>

#include <caf/scoped_actor.hpp>

#include "tests/actors/markets_fixture.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

market_price price_of(test::markets_fixture& f, const market_actor& m) {
  caf::scoped_actor self{f.sys()};
  market_price out;
  self->request(m, 5s, get_atom::value)
      .receive([&](market_price& p) { out = std::move(p); },
               [&](caf::error& e) { FAIL(f.sys().render(e)); });
  return out;
}

const market_link link{"401", "KC", true};

} // namespace

TEST_CASE("a market actor announces itself, keeps its price and flags spikes above the threshold",
          "[market]") {
  test::test_database db;
  if (!db.available())
    return;
  test::markets_fixture f{db.url()};
  const std::string t = "KXNFLGAME-26NOV23BUFKC-KC";
  auto m = f.start_market(t, 10);
  f.observe(m, t, 0.40, 0.42, link);
  REQUIRE(price_of(f, m).price == Approx(0.41));
  f.observe(m, t, 0.45, 0.47, link); // +5 points: no spike
  f.observe(m, t, 0.58, 0.60, link); // +13 points: a spike
  f.observe(m, t, 0.58, 0.60, link); // unchanged: no move
  auto p = price_of(f, m);
  CHECK(p.known);
  CHECK(p.price == Approx(0.59));
  CHECK(p.link.game_id == "401");
  f.sync();
  auto listed = f.events().copy(f.events().listed);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].link.team == "KC");
  auto moved = f.events().copy(f.events().moved);
  REQUIRE(moved.size() == 1);
  CHECK(moved[0].before == Approx(0.46));
  CHECK(moved[0].after == Approx(0.59));
  CHECK(moved[0].points == Approx(13.0));
  // Snapshots are the poller's to store (one batch per poll), not the actor's.
  CHECK(f.count("SELECT count(*) FROM market_snapshots") == 0);
}

TEST_CASE("a falling price is a spike too, and the threshold is configurable", "[market]") {
  test::test_database db;
  if (!db.available())
    return;
  test::markets_fixture f{db.url()};
  const std::string t = "KXNFLGAME-26NOV23BUFKC-BUF";
  auto m = f.start_market(t, 3);
  f.observe(m, t, 0.60, 0.62, link);
  f.observe(m, t, 0.55, 0.57, link); // -5 points with a threshold of 3
  price_of(f, m);
  f.sync();
  auto moved = f.events().copy(f.events().moved);
  REQUIRE(moved.size() == 1);
  CHECK(moved[0].points == Approx(-5.0));
}

TEST_CASE("a market that stops trading publishes market_closed and its actor retires", "[market]") {
  test::test_database db;
  if (!db.available())
    return;
  test::markets_fixture f{db.url()};
  const std::string t = "KXNFLGAME-26NOV23BUFKC-KC";
  auto m = f.start_market(t);
  caf::scoped_actor self{f.sys()};
  self->monitor(m);
  f.observe(m, t, 0.90, 0.92, link);
  f.observe(m, t, 0.97, 0.99, link, "closed");
  bool down = false;
  self->receive([&](caf::down_msg& dm) { down = dm.reason == caf::exit_reason::normal; },
                caf::after(10s) >> [] {});
  CHECK(down);
  REQUIRE(test::wait_until([&] { return !f.events().copy(f.events().closed).empty(); }, 10s));
  auto closed = f.events().copy(f.events().closed);
  CHECK(closed[0].ticker == t);
  CHECK(closed[0].status == "closed");
}
