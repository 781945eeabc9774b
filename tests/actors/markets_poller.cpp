#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <caf/actor_cast.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/market_fetcher.hpp"
#include "actors/pollers/markets_poller.hpp"
#include "adapters/http/server.hpp"
#include "adapters/kalshi/write.hpp"
#include "adapters/sources/kalshi_source.hpp"
#include "tests/actors/markets_fixture.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

std::int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

markets::market quoted(const std::string& ticker, double bid, double ask) {
  markets::market m;
  m.ticker = ticker;
  m.event_ticker = "KXTEST";
  m.title = "Test market " + ticker;
  m.status = "active";
  m.yes_bid = bid;
  m.yes_ask = ask;
  return m;
}

// A Kalshi markets endpoint on loopback whose listing the test replaces.
class listing_server {
 public:
  listing_server() {
    auto routes = std::make_shared<http::router>();
    routes->add(
        "GET", "/trade-api/v2/markets",
        [st = state_](const http::request&, const http::path_params&, http::responder respond) {
          http::response res;
          res.status = 200;
          std::lock_guard<std::mutex> guard{st->mtx};
          res.body = st->body;
          respond(std::move(res));
        });
    server_ = std::make_unique<test::loopback_server>(routes, http::server_options{}, 0ms);
  }

  void serve(std::vector<markets::market> ms) {
    markets::markets_page page;
    page.markets = std::move(ms);
    std::lock_guard<std::mutex> guard{state_->mtx};
    state_->body = kalshi::write_markets(page);
  }
  std::string base_url() const { return server_->base_url(); }

 private:
  struct state {
    std::mutex mtx;
    std::string body = R"({"markets":[],"cursor":""})";
  };
  std::shared_ptr<state> state_ = std::make_shared<state>();
  std::unique_ptr<test::loopback_server> server_;
};

// Stands where the correlator is looked up: records each price a market
// actor tells it, with the time it arrived.
struct told_price {
  std::string ticker;
  double price = 0;
  std::int64_t observed_ms = 0;
  std::int64_t arrived_ms = 0;
};

struct price_log {
  std::mutex mtx;
  std::vector<told_price> told;

  std::vector<told_price> of(const std::string& ticker) {
    std::lock_guard<std::mutex> guard{mtx};
    std::vector<told_price> out;
    for (const auto& t : told)
      if (t.ticker == ticker)
        out.push_back(t);
    return out;
  }
  std::vector<told_price> all() {
    std::lock_guard<std::mutex> guard{mtx};
    return told;
  }
};

caf::behavior price_recorder(caf::event_based_actor*, std::shared_ptr<price_log> log) {
  return {
      [log](const market_price& p) {
        std::lock_guard<std::mutex> guard{log->mtx};
        log->told.push_back(told_price{p.ticker, p.price, p.observed_at_ms, unix_ms()});
      },
  };
}

} // namespace

TEST_CASE("a poll hands the markets that may have spiked over at once, the quiet ones a moment "
          "later, and poll_now answers when all have theirs",
          "[markets][poller]") {
  test::test_database db;
  if (!db.available())
    return;
  test::markets_fixture f{db.url()};
  listing_server kalshi;
  const std::string a = "KXTEST-A";
  const std::string b = "KXTEST-B";
  kalshi.serve({quoted(a, 0.40, 0.42), quoted(b, 0.50, 0.52)});

  auto prices = std::make_shared<price_log>();
  f.names()->put("node/correlator", f.sys().spawn(price_recorder, prices));
  market_fetcher_config fc;
  auto ko = sources::kalshi_source::default_options(kalshi.base_url());
  ko.rate_limit_per_s = 0;
  fc.source = std::make_shared<sources::kalshi_source>(ko);
  f.names()->put("node/market_fetchers",
                 caf::actor_cast<caf::actor>(spawn_market_fetchers(f.sys(), fc, 1)));
  auto ma = f.start_market(a, 10);
  auto mb = f.start_market(b, 10);

  markets_poller_config pc;
  pc.names = f.names();
  pc.market.spike_threshold_pts = 10;
  pc.rules = {{a, "401", "KC"}, {b, "402", "BUF"}};
  pc.interval = std::chrono::hours{1}; // only the first poll and poll_now
  pc.phase = 0ms;
  pc.timeout = 10s;
  auto poller = spawn_markets_poller(f.sys(), pc);
  f.names()->put("node/pollers/markets", caf::actor_cast<caf::actor>(poller));

  // The first poll: both are new, so both are handed over at once.
  REQUIRE(test::wait_until([&] { return prices->all().size() == 2; }, 10s, 10ms));
  // Its snapshots are stored once its delay is over (no timer left armed).
  REQUIRE(test::wait_until([&] { return f.count("SELECT count(*) FROM market_snapshots") == 2; },
                           5s, 20ms));

  // A jumps 20 points (over half the threshold), B moves 1 point.
  kalshi.serve({quoted(a, 0.60, 0.62), quoted(b, 0.51, 0.53)});
  caf::scoped_actor self{f.sys()};
  sync_entry row;
  self->request(poller, 10s, poll_now_atom::value)
      .receive([&](sync_entry& r) { row = std::move(r); },
               [&](caf::error& e) { FAIL(f.sys().render(e)); });
  CHECK(row.status == "ok");
  CHECK(row.items == 2);

  // Answered once B's update was handed over: B's actor has it.
  market_price pb;
  self->request(mb, 5s, get_atom::value)
      .receive([&](market_price& p) { pb = std::move(p); },
               [&](caf::error& e) { FAIL(f.sys().render(e)); });
  CHECK(pb.price == Approx(0.52));

  REQUIRE(test::wait_until([&] { return prices->all().size() == 4; }, 5s, 10ms));
  auto told = prices->all();
  // A's new price came first; B's not before the quiet delay (50 ms) was
  // over, counted from the poll's response.
  CHECK(told[2].ticker == a);
  CHECK(told[2].price == Approx(0.61));
  CHECK(told[3].ticker == b);
  CHECK(told[3].price == Approx(0.52));
  CHECK(told[3].observed_ms == told[2].observed_ms);
  CHECK(told[3].arrived_ms - told[3].observed_ms >= 45);

  // The spike was found, and both polls' snapshots were stored.
  REQUIRE(test::wait_until([&] { return !f.events().copy(f.events().moved).empty(); }, 5s, 10ms));
  auto moved = f.events().copy(f.events().moved);
  CHECK(moved[0].ticker == a);
  CHECK(moved[0].points == Approx(20.0));
  CHECK(test::wait_until([&] { return f.count("SELECT count(*) FROM market_snapshots") == 4; }, 5s,
                         20ms));
  (void)ma;
}
