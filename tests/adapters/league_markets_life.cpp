// The simulated league's markets listed the way Kalshi lists them (filters,
// cursor paging), through a game's life (active, closed, settled, finalized,
// then off the list), their order books, and the "sim" markets source.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "adapters/league/simulated_league.hpp"
#include "adapters/league/simulated_markets_source.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

struct manual_clock {
  std::chrono::steady_clock::time_point now = std::chrono::steady_clock::time_point{} + 1h;
  league::simulated_league::clock_fn fn() {
    return [this] { return now; };
  }
};

league::league_options options(int games, std::uint64_t seed = 7) {
  league::league_options o;
  o.games = games;
  o.speed = 60;
  o.seed = seed;
  o.pregame = 20s;
  o.market_settle = 10s;
  o.wall_start = std::chrono::system_clock::time_point{std::chrono::seconds{1768237180}};
  return o;
}

markets::markets_page page_of(league::simulated_league& lg, const markets::markets_query& q) {
  auto got = lg.markets(q);
  if (auto* e = std::get_if<league::market_query_error>(&got))
    FAIL(e->message);
  return std::get<markets::markets_page>(got);
}

std::vector<markets::market> all(league::simulated_league& lg, markets::markets_query q = {}) {
  return page_of(lg, q).markets;
}

std::string error_of(league::simulated_league& lg, const markets::markets_query& q) {
  auto got = lg.markets(q);
  auto* e = std::get_if<league::market_query_error>(&got);
  return e ? e->message : std::string{};
}

} // namespace

TEST_CASE("paging with a cursor lists every market exactly once", "[league]") {
  manual_clock clock;
  league::simulated_league lg{options(16), clock.fn()};
  clock.now += 30s;
  auto whole = all(lg);
  REQUIRE(whole.size() == 32);
  for (int limit : {1, 5, 7, 32, 100}) {
    INFO("limit " << limit);
    markets::markets_query q;
    q.limit = limit;
    std::vector<std::string> seen;
    std::set<std::string> cursors;
    for (int pages = 0; pages < 100; ++pages) {
      auto page = page_of(lg, q);
      CHECK(page.markets.size() <= static_cast<std::size_t>(limit));
      for (const auto& m : page.markets)
        seen.push_back(m.ticker);
      if (page.cursor.empty())
        break;
      CHECK(cursors.insert(page.cursor).second);
      q.cursor = page.cursor;
      clock.now += 1s; // the list moves on between pages
    }
    REQUIRE(seen.size() == whole.size());
    for (std::size_t i = 0; i < seen.size(); ++i)
      CHECK(seen[i] == whole[i].ticker);
  }
  // The cursor is stable: the same page asked twice gives the same next cursor.
  markets::markets_query q;
  q.limit = 4;
  auto first = page_of(lg, q);
  CHECK(page_of(lg, q).cursor == first.cursor);
  q.cursor = first.cursor;
  CHECK(page_of(lg, q).markets.front().ticker == whole[4].ticker);
}

TEST_CASE("the markets list filters by status, series and event like Kalshi", "[league]") {
  manual_clock clock;
  league::simulated_league lg{options(4), clock.fn()};
  auto whole = all(lg);
  REQUIRE(whole.size() == 8);
  markets::markets_query q;
  q.status = "open";
  CHECK(all(lg, q).size() == 8);
  q.status = "closed";
  CHECK(all(lg, q).empty());
  q.status = "settled";
  CHECK(all(lg, q).empty());
  q.status = "unopened";
  CHECK(all(lg, q).empty());
  q.status = "active"; // a market status, not one of the filter's values
  CHECK_THAT(error_of(lg, q), Catch::Contains("status"));
  q = {};
  q.series_ticker = "KXNFLGAME";
  CHECK(all(lg, q).size() == 8);
  q.series_ticker = "KXNFLSPREAD";
  CHECK(all(lg, q).empty());
  q = {};
  q.event_ticker = whole[2].event_ticker + "," + whole[6].event_ticker;
  auto two = all(lg, q);
  REQUIRE(two.size() == 4);
  CHECK(two[0].ticker == whole[2].ticker);
  CHECK(two[3].ticker == whole[7].ticker);
  q = {};
  q.cursor = "not-a-cursor";
  CHECK_THAT(error_of(lg, q), Catch::Contains("cursor"));
  q.cursor = "00000000000000000000";
  CHECK_THAT(error_of(lg, q), Catch::Contains("cursor"));
  // Limits beyond Kalshi's 1000 are cut to it; none means 100.
  q = {};
  q.limit = 5000;
  CHECK(all(lg, q).size() == 8);
}

TEST_CASE("markets close with the game, settle on its result, then leave the list", "[league]") {
  manual_clock clock;
  league::simulated_league lg{options(2, 9), clock.fn()};
  auto board = lg.scoreboard(); // round 0 as last seen
  auto round0 = all(lg);
  REQUIRE(round0.size() == 4);
  std::map<std::string, std::vector<std::string>> statuses; // ticker -> distinct statuses in order
  std::map<std::string, double> volumes;
  for (int i = 0; i < 200 && lg.round() == 0; ++i) {
    clock.now += 2s;
    auto now_board = lg.scoreboard();
    if (lg.round() == 0)
      board = now_board;
    for (const auto& m : round0) {
      auto now = lg.market(m.ticker);
      REQUIRE(now);
      auto& seen = statuses[m.ticker];
      if (seen.empty() || seen.back() != now->status)
        seen.push_back(now->status);
      CHECK(now->volume >= volumes[m.ticker]); // volume only grows
      volumes[m.ticker] = now->volume;
      if (now->status == "settled" || now->status == "finalized") {
        // The result is the final score's.
        const auto& g = board[&m - round0.data() < 2 ? 0 : 1];
        REQUIRE(g.state == sports::game_state::post);
        bool home = m.yes_sub_title == g.home.name;
        bool won = home ? g.home_score > g.away_score : g.away_score > g.home_score;
        CHECK(now->result == (won ? "yes" : "no"));
        CHECK(*now->last_price == (won ? 0.99 : 0.01));
        CHECK_FALSE(now->yes_bid);
        auto book = lg.orderbook(m.ticker);
        REQUIRE(book);
        CHECK(book->yes.empty());
        CHECK(book->no.empty());
      } else {
        CHECK(now->result.empty());
      }
    }
  }
  REQUIRE(lg.round() == 1);
  for (const auto& m : round0) {
    INFO(m.ticker);
    CHECK(statuses[m.ticker] ==
          std::vector<std::string>{"active", "closed", "settled", "finalized"});
    CHECK(volumes[m.ticker] > 100);
  }
  // The next round is scheduled: its markets are open, the finished round
  // is still listed until the next one kicks off, then only by ticker.
  auto listed = all(lg);
  CHECK(listed.size() == 8);
  markets::markets_query open;
  open.status = "open";
  auto open_now = all(lg, open);
  REQUIRE(open_now.size() == 4);
  for (const auto& m : open_now)
    CHECK(m.open_time > round0.front().open_time);
  markets::markets_query settled;
  settled.status = "settled";
  CHECK(all(lg, settled).size() == 4);
  clock.now += 25s; // past the next kick-off
  CHECK(all(lg).size() == 4);
  for (const auto& m : round0) {
    auto late = lg.market(m.ticker);
    REQUIRE(late);
    CHECK(late->status == "finalized");
  }
}

TEST_CASE("an order book has a few levels on each side around the price", "[league]") {
  manual_clock clock;
  league::simulated_league lg{options(4), clock.fn()};
  clock.now += 40s;
  for (const auto& m : all(lg)) {
    auto book = lg.orderbook(m.ticker);
    REQUIRE(book);
    CHECK(book->ticker == m.ticker);
    REQUIRE(book->yes.size() >= 1);
    REQUIRE(book->no.size() >= 1);
    CHECK(book->yes.size() <= 5);
    // Ascending, best bid last, matching the market's quotes.
    for (const auto* side : {&book->yes, &book->no}) {
      for (std::size_t i = 1; i < side->size(); ++i)
        CHECK((*side)[i - 1].price < (*side)[i].price);
      for (const auto& l : *side) {
        CHECK(l.quantity > 0);
        CHECK(l.price >= 0.01);
      }
    }
    CHECK(book->yes.back().price == Approx(*m.yes_bid));
    CHECK(book->no.back().price == Approx(*m.no_bid));
    CHECK(m.liquidity > 0);
  }
}

TEST_CASE("the sim markets source lists, finds and reports errors like an HTTP feed", "[league]") {
  manual_clock clock;
  auto lg = std::make_shared<league::simulated_league>(options(6), clock.fn());
  league::simulated_markets_source src{lg};
  CHECK(src.name() == "sim");
  markets::markets_query q;
  q.limit = 5;
  auto listing = sources::all_markets(src, q, 10);
  REQUIRE(std::holds_alternative<sources::markets_listing>(listing));
  const auto& l = std::get<sources::markets_listing>(listing);
  CHECK(l.markets.size() == 12);
  CHECK(l.pages == 3);
  CHECK(l.end == sources::paging_end::last_page);
  auto one = src.market(l.markets[3].ticker);
  REQUIRE(std::holds_alternative<markets::market>(one));
  CHECK(std::get<markets::market>(one).ticker == l.markets[3].ticker);
  auto book = src.orderbook(l.markets[3].ticker);
  REQUIRE(std::holds_alternative<markets::orderbook>(book));
  CHECK_FALSE(std::get<markets::orderbook>(book).yes.empty());
  auto missing = src.market("KXNFLGAME-26JAN12HOUPIT-PIT");
  REQUIRE(std::holds_alternative<sources::fetch_error>(missing));
  CHECK(std::get<sources::fetch_error>(missing).status == 404);
  CHECK(std::get<sources::fetch_error>(src.orderbook("X")).status == 404);
  q.status = "bogus";
  auto bad = src.markets(q);
  REQUIRE(std::holds_alternative<sources::fetch_error>(bad));
  CHECK(std::get<sources::fetch_error>(bad).status == 400);
  CHECK(std::get<sources::fetch_error>(bad).kind == sources::error_kind::http_status);
}
