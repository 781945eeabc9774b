#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "adapters/kalshi/parse.hpp"
#include "adapters/kalshi/paths.hpp"
#include "adapters/kalshi/write.hpp"
#include "tests/adapters/kalshi_samples.hpp"

using namespace playclock;
using namespace playclock::test;

namespace {

markets::market quoted_market() {
  markets::market m;
  m.ticker = "KXNFLGAME-26JAN12HOUPIT-PIT";
  m.event_ticker = "KXNFLGAME-26JAN12HOUPIT";
  m.title = "Houston at Pittsburgh Winner?";
  m.yes_sub_title = "Pittsburgh";
  m.status = "active";
  m.yes_bid = 0.42;
  m.yes_ask = 0.45;
  m.no_bid = 0.55;
  m.no_ask = 0.58;
  m.last_price = 0.43;
  m.previous_price = 0.40;
  m.volume = 1234;
  m.volume_24h = 100;
  m.open_interest = 500;
  m.liquidity = 123.45;
  m.open_time = "2026-01-05T15:00:00Z";
  m.close_time = "2026-01-27T01:15:00Z";
  return m;
}

/// Deci-cent prices, fractional counts, one-sided quotes, a settled market.
std::vector<markets::market> sample_markets() {
  std::vector<markets::market> out{quoted_market()};
  auto fine = quoted_market();
  fine.ticker = "KXNFLGAME-26JAN12HOUPIT-HOU";
  fine.yes_bid = 0.575;
  fine.yes_ask = 0.5775;
  fine.no_bid = 0.4225;
  fine.no_ask = 0.425;
  fine.volume = 1234.56;
  fine.volume_24h = 0.01;
  fine.open_interest = 99999999.99;
  fine.liquidity = 0.0001;
  out.push_back(fine);
  auto one_sided = quoted_market();
  one_sided.ticker = "KXNFLSPREAD-26JAN12HOUPIT-PIT3";
  one_sided.yes_ask.reset();
  one_sided.no_bid.reset();
  one_sided.previous_price.reset();
  one_sided.title = "Pittsburgh wins by over 3.5 points? \"quoted\" \\ and unicode \xc3\xa9";
  out.push_back(one_sided);
  markets::market empty;
  empty.ticker = "KXNFLTOTAL-26JAN12HOUPIT-45";
  empty.status = "initialized";
  out.push_back(empty);
  auto settled = quoted_market();
  settled.ticker = "KXNFLGAME-26JAN12HOUPIT-TIE";
  settled.status = "finalized";
  settled.result = "no";
  settled.yes_bid.reset();
  settled.yes_ask.reset();
  settled.no_bid.reset();
  settled.no_ask.reset();
  settled.last_price = 0.01;
  out.push_back(settled);
  return out;
}

rapidjson::Document json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

} // namespace

TEST_CASE("a written markets page parses back to the same markets and cursor", "[kalshi]") {
  markets::markets_page page;
  page.markets = sample_markets();
  page.cursor = "CgwIyeGVywYQ0Lvs2QMSL0tYTVZF";
  auto back = parsed_ok(kalshi::parse_markets(kalshi::write_markets(page)));
  CHECK(back.cursor == page.cursor);
  CHECK(back.rejected.empty());
  REQUIRE(back.markets.size() == page.markets.size());
  for (std::size_t i = 0; i < page.markets.size(); ++i)
    check_same(back.markets[i], page.markets[i]);
}

TEST_CASE("a written single market parses back to the same market", "[kalshi]") {
  for (const auto& m : sample_markets())
    check_same(parsed_ok(kalshi::parse_market(kalshi::write_market(m))), m);
}

TEST_CASE("written markets carry both field generations, readable by either", "[kalshi]") {
  auto m = quoted_market();
  auto doc = json(kalshi::write_market(m));
  const auto& w = doc["market"];
  CHECK(w["yes_bid"].GetInt() == 42);
  CHECK(std::string{w["yes_bid_dollars"].GetString()} == "0.4200");
  CHECK(w["no_ask"].GetInt() == 58);
  CHECK(w["volume"].GetInt() == 1234);
  CHECK(std::string{w["volume_fp"].GetString()} == "1234.00");
  CHECK(w["liquidity"].GetInt() == 12345);
  CHECK(std::string{w["liquidity_dollars"].GetString()} == "123.4500");
  CHECK(std::string{w["response_price_units"].GetString()} == "usd_cent");

  // Without the newer fields the cents alone give the same market.
  std::vector<std::string> newer;
  for (const auto& member : w.GetObject()) {
    std::string name = member.name.GetString();
    if (name.find("_dollars") != std::string::npos || name.find("_fp") != std::string::npos)
      newer.push_back(name);
  }
  REQUIRE(newer.size() >= 11);
  for (const auto& n : newer)
    doc["market"].RemoveMember(n.c_str());
  check_same(parsed_ok(kalshi::parse_market(to_text(doc))), m);
}

TEST_CASE("empty prices are written the way Kalshi writes a side without quotes", "[kalshi]") {
  markets::market m;
  m.ticker = "X";
  auto doc = json(kalshi::write_market(m));
  const auto& w = doc["market"];
  CHECK(w["yes_bid"].GetInt() == 0);
  CHECK(w["yes_ask"].GetInt() == 0);
  CHECK(w["no_bid"].GetInt() == 100);
  CHECK(std::string{w["no_ask_dollars"].GetString()} == "1.0000");
  CHECK(w["last_price"].GetInt() == 0);
  CHECK_FALSE(w.HasMember("open_time"));
}

TEST_CASE("the recorded markets survive a parse, write, parse cycle", "[kalshi]") {
  auto text = kalshi_response_text(kalshi_markets_list);
  if (!text)
    return skip_without_realdata();
  auto first = parsed_ok(kalshi::parse_markets(*text));
  auto second = parsed_ok(kalshi::parse_markets(kalshi::write_markets(first)));
  CHECK(second.cursor == first.cursor);
  REQUIRE(second.markets.size() == first.markets.size());
  for (std::size_t i = 0; i < first.markets.size(); ++i)
    check_same(second.markets[i], first.markets[i]);
}

TEST_CASE("a written order book parses back the same from either shape", "[kalshi]") {
  markets::orderbook book;
  book.ticker = "KXNFLGAME-26JAN12HOUPIT-PIT";
  book.yes = {{0.01, 200}, {0.415, 12.5}, {0.42, 3}};
  book.no = {{0.55, 10}, {0.57, 0.25}};
  auto text = kalshi::write_orderbook(book);

  auto check_book = [&](const markets::orderbook& got, bool exact) {
    CHECK(got.ticker == book.ticker);
    REQUIRE(got.yes.size() == book.yes.size());
    REQUIRE(got.no.size() == book.no.size());
    for (std::size_t i = 0; i < book.yes.size(); ++i) {
      if (exact) {
        CHECK(got.yes[i].price == book.yes[i].price);
        CHECK(got.yes[i].quantity == book.yes[i].quantity);
      } else {
        CHECK(got.yes[i].price == Approx(book.yes[i].price).margin(0.005));
        CHECK(got.yes[i].quantity == Approx(book.yes[i].quantity).margin(0.5));
      }
    }
    for (std::size_t i = 0; i < book.no.size(); ++i) {
      if (exact)
        CHECK(got.no[i].price == book.no[i].price);
      CHECK(got.no[i].price == Approx(book.no[i].price).margin(0.005));
    }
  };

  // Both shapes are written; the fixed-point one is exact.
  check_book(parsed_ok(kalshi::parse_orderbook(text, book.ticker)), true);

  auto doc = json(text);
  doc.RemoveMember("orderbook_fp");
  // The documented shape alone: its dollar prices are exact, its counts integral.
  auto legacy = parsed_ok(kalshi::parse_orderbook(to_text(doc), book.ticker));
  check_book(legacy, false);
  CHECK(legacy.yes[1].price == 0.415);
  doc["orderbook"].RemoveMember("yes_dollars");
  doc["orderbook"].RemoveMember("no_dollars");
  // Cents alone round to the cent.
  check_book(parsed_ok(kalshi::parse_orderbook(to_text(doc), book.ticker)), false);
}

TEST_CASE("an empty order book is written with null sides and reads back empty", "[kalshi]") {
  markets::orderbook book;
  book.ticker = "X";
  auto text = kalshi::write_orderbook(book);
  auto doc = json(text);
  CHECK(doc["orderbook"]["yes"].IsNull());
  CHECK(doc["orderbook_fp"]["no_dollars"].IsNull());
  auto back = parsed_ok(kalshi::parse_orderbook(text, "X"));
  CHECK(back.yes.empty());
  CHECK(back.no.empty());
}

TEST_CASE("markets paths carry only the query members that are set", "[kalshi]") {
  markets::markets_query q;
  CHECK(kalshi::markets_path(q) == "/trade-api/v2/markets");
  q.limit = 200;
  q.status = "open";
  q.series_ticker = "KXNFLGAME";
  CHECK(kalshi::markets_path(q) ==
        "/trade-api/v2/markets?limit=200&status=open&series_ticker=KXNFLGAME");
  q.cursor = "Cgw+Iye/GV=";
  q.event_ticker = "KXNFLGAME-26JAN12HOUPIT";
  CHECK(
      kalshi::markets_path(q) ==
      "/trade-api/v2/markets?limit=200&cursor=Cgw%2BIye%2FGV%3D&status=open&series_ticker=KXNFLGAME"
      "&event_ticker=KXNFLGAME-26JAN12HOUPIT");
  q = {};
  q.limit = 5000;
  CHECK(kalshi::markets_path(q) == "/trade-api/v2/markets?limit=1000");
  q.limit = -3;
  q.status = "a b&c";
  CHECK(kalshi::markets_path(q) == "/trade-api/v2/markets?status=a%20b%26c");
}

TEST_CASE("market and order book paths encode the ticker", "[kalshi]") {
  CHECK(kalshi::market_path("KXNFLGAME-26JAN12HOUPIT-PIT") ==
        "/trade-api/v2/markets/KXNFLGAME-26JAN12HOUPIT-PIT");
  CHECK(kalshi::orderbook_path("KXNFLGAME-26JAN12HOUPIT-PIT") ==
        "/trade-api/v2/markets/KXNFLGAME-26JAN12HOUPIT-PIT/orderbook");
  CHECK(kalshi::market_path("A/B C") == "/trade-api/v2/markets/A%2FB%20C");
}
