// playclock-feed serving the simulated league's markets in Kalshi's Trade API
// v2 format over real HTTP, read back with the Kalshi parser and the Kalshi
// source; and recorded Kalshi responses replayed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "adapters/http/client.hpp"
#include "adapters/kalshi/parse.hpp"
#include "adapters/kalshi/paths.hpp"
#include "adapters/kalshi/ticker_map.hpp"
#include "adapters/sources/kalshi_source.hpp"
#include "tests/integration/node_process.hpp"
#include "tests/support/process.hpp"
#include "tests/support/realdata.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

// playclock-feed in a child process on a free port.
struct feed {
  explicit feed(std::vector<std::string> args) {
    port = test::free_port();
    args.insert(args.begin(), {"--listen", "127.0.0.1:" + std::to_string(port)});
    proc = std::make_unique<test::child_process>(PLAYCLOCK_FEED_PATH, args);
    REQUIRE(test::wait_until(
        [&] {
          return proc->output().find("listening on") != std::string::npos || !proc->running();
        },
        10s));
    INFO(proc->output());
    REQUIRE(proc->running());
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }

  http::client_response get(const std::string& path) const {
    http::client_request req;
    req.url = url() + path;
    auto got = http::fetch(req);
    INFO(path);
    REQUIRE(std::holds_alternative<http::client_response>(got));
    return std::get<http::client_response>(got);
  }

  std::uint16_t port = 0;
  std::unique_ptr<test::child_process> proc;
};

template <class T>
T parsed_or_fail(kalshi::parsed<T> p) {
  if (auto* e = std::get_if<kalshi::parse_error>(&p))
    FAIL(e->message);
  return std::get<T>(std::move(p));
}

} // namespace

TEST_CASE("playclock-feed serves the league's markets in Kalshi's format, page by page",
          "[integration][markets]") {
  feed f{{"--games", "4", "--speed", "60", "--seed", "3", "--pregame", "2"}};
  // Page through the list three at a time.
  markets::markets_query q;
  q.limit = 3;
  std::vector<markets::market> listed;
  std::set<std::string> tickers;
  for (int pages = 0; pages < 10; ++pages) {
    auto res = f.get(kalshi::markets_path(q));
    REQUIRE(res.status == 200);
    auto page = parsed_or_fail(kalshi::parse_markets(res.body));
    CHECK(page.rejected.empty());
    CHECK(page.markets.size() <= 3);
    for (auto& m : page.markets) {
      CHECK(tickers.insert(m.ticker).second);
      listed.push_back(m);
    }
    if (page.cursor.empty())
      break;
    q.cursor = page.cursor;
  }
  REQUIRE(listed.size() == 8);
  for (const auto& m : listed) {
    INFO(m.ticker);
    CHECK(m.ticker.rfind("KXNFLGAME-", 0) == 0);
    CHECK(kalshi::parse_game_ticker(m.ticker));
    CHECK(m.status == "active");
    CHECK(markets::is_open(m));
    REQUIRE(m.yes_bid);
    REQUIRE(m.yes_ask);
    CHECK(*m.yes_bid < *m.yes_ask);
    auto p = markets::probability(m);
    REQUIRE(p);
    CHECK(*p > 0);
    CHECK(*p < 1);
  }
  // Filters: one event's two markets, and only open ones.
  markets::markets_query by_event;
  by_event.event_ticker = listed[2].event_ticker;
  by_event.status = "open";
  auto two = parsed_or_fail(kalshi::parse_markets(f.get(kalshi::markets_path(by_event)).body));
  REQUIRE(two.markets.size() == 2);
  CHECK(two.markets[0].ticker == listed[2].ticker);
  CHECK(two.markets[1].ticker == listed[3].ticker);

  // One market and its order book.
  auto one = f.get(kalshi::market_path(listed[1].ticker));
  REQUIRE(one.status == 200);
  auto m = parsed_or_fail(kalshi::parse_market(one.body));
  CHECK(m.ticker == listed[1].ticker);
  CHECK(m.title == listed[1].title);
  CHECK(m.yes_sub_title == listed[1].yes_sub_title);
  auto ob = f.get(kalshi::orderbook_path(listed[1].ticker));
  REQUIRE(ob.status == 200);
  auto book = parsed_or_fail(kalshi::parse_orderbook(ob.body, listed[1].ticker));
  CHECK(book.ticker == listed[1].ticker);
  REQUIRE_FALSE(book.yes.empty());
  REQUIRE_FALSE(book.no.empty());
  CHECK(book.yes.size() <= 5);
  auto shallow = f.get(kalshi::orderbook_path(listed[1].ticker) + "?depth=1");
  REQUIRE(shallow.status == 200);
  auto top = parsed_or_fail(kalshi::parse_orderbook(shallow.body, listed[1].ticker));
  CHECK(top.yes.size() == 1);
  CHECK(top.no.size() == 1);

  // The Kalshi source reads the same feed.
  sources::kalshi_source src{sources::kalshi_source::default_options(f.url())};
  auto all = sources::all_markets(src, {}, 5);
  REQUIRE(std::holds_alternative<sources::markets_listing>(all));
  CHECK(std::get<sources::markets_listing>(all).markets.size() == 8);

  // Errors read like Kalshi's.
  auto unknown = f.get(kalshi::market_path("KXNFLGAME-26JAN12HOUPIT-PIT"));
  CHECK(unknown.status == 404);
  CHECK(test::json_string(unknown.body, "/error/code") == "not_found");
  CHECK(f.get(kalshi::orderbook_path("NOPE")).status == 404);
  for (const char* bad :
       {"?limit=0", "?limit=1001", "?limit=ten", "?status=active", "?cursor=garbage"}) {
    INFO(bad);
    auto res = f.get(std::string{"/trade-api/v2/markets"} + bad);
    CHECK(res.status == 400);
    CHECK(test::json_string(res.body, "/error/code") == "bad_request");
    CHECK_FALSE(test::json_string(res.body, "/error/message").empty());
  }
  CHECK(f.get(kalshi::orderbook_path(listed[1].ticker) + "?depth=-1").status == 400);
}

TEST_CASE("prices on playclock-feed move while the games are played", "[integration][markets]") {
  feed f{
      {"--games", "2", "--speed", "600", "--seed", "5", "--pregame", "1", "--market-lag", "0.5"}};
  auto first = parsed_or_fail(kalshi::parse_markets(f.get("/trade-api/v2/markets").body));
  REQUIRE(first.markets.size() == 4);
  auto ticker = first.markets[1].ticker;
  auto start = *markets::probability(first.markets[1]);
  // A game lasts about 20 s at 600x: the home price leaves its pre-game level.
  CHECK(test::wait_until(
      [&] {
        auto m = kalshi::parse_market(f.get(kalshi::market_path(ticker)).body);
        auto* got = std::get_if<markets::market>(&m);
        return got &&
               (std::abs(*markets::probability(*got) - start) > 0.05 || !markets::is_open(*got));
      },
      30s, 200ms));
}

TEST_CASE("playclock-feed replays recorded Kalshi responses", "[integration][markets]") {
  auto real = test::realdata_dir();
  if (!real || !std::filesystem::exists(*real / "kalshi/golden_markets_list_response.json")) {
    WARN("skipped: real Kalshi data not found");
    return;
  }
  feed f{{"--replay", (*real / "kalshi").string()}};
  auto res = f.get("/trade-api/v2/markets?limit=5&status=open");
  REQUIRE(res.status == 200);
  auto page = parsed_or_fail(kalshi::parse_markets(res.body));
  REQUIRE(page.markets.size() == 5);
  CHECK_FALSE(page.cursor.empty());
  // The recorded cursor points into the real Kalshi: the replay ends there.
  auto next = parsed_or_fail(
      kalshi::parse_markets(f.get("/trade-api/v2/markets?cursor=" + page.cursor).body));
  CHECK(next.markets.empty());
  CHECK(next.cursor.empty());
  auto ticker = page.markets.front().ticker;
  auto one = f.get(kalshi::market_path(ticker));
  REQUIRE(one.status == 200);
  CHECK(parsed_or_fail(kalshi::parse_market(one.body)).ticker == ticker);
  auto ob = f.get(kalshi::orderbook_path(ticker));
  REQUIRE(ob.status == 200);
  auto book = parsed_or_fail(kalshi::parse_orderbook(ob.body, ticker));
  CHECK(book.yes.empty());
  CHECK(f.get(kalshi::market_path("KXNFLGAME-26JAN12HOUPIT-PIT")).status == 404);
  // No ESPN recording in that folder: the scoreboard is a 404, not a crash.
  CHECK(f.get("/apis/site/v2/sports/football/nfl/scoreboard").status == 404);
}
