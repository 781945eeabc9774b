#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "adapters/http/server.hpp"
#include "adapters/kalshi/paths.hpp"
#include "adapters/kalshi/write.hpp"
#include "adapters/sources/kalshi_source.hpp"
#include "adapters/sources/markets_source.hpp"
#include "tests/support/loopback_server.hpp"

using namespace playclock;
using namespace playclock::sources;
using namespace std::chrono_literals;

namespace {

markets::market market_named(const std::string& ticker, double yes_bid) {
  markets::market m;
  m.ticker = ticker;
  m.event_ticker = ticker.substr(0, ticker.rfind('-'));
  m.status = "active";
  m.yes_bid = yes_bid;
  m.yes_ask = yes_bid + 0.02;
  m.volume = 10;
  return m;
}

/// A Kalshi-format feed on a free loopback port: three pages of markets
/// (the second holding one damaged market), single markets, order books,
/// and tickers that answer 429, 500 or garbage. Records what was asked.
class fake_kalshi {
 public:
  fake_kalshi() {
    auto r = std::make_shared<http::router>();
    r->add("GET", "/trade-api/v2/markets",
           [this](const http::request& req, const http::path_params&, http::responder res) {
             res(list(req));
           });
    r->add("GET", "/trade-api/v2/markets/{ticker}",
           [this](const http::request& req, const http::path_params& p, http::responder res) {
             res(single(req, p.at(0).second));
           });
    r->add("GET", "/trade-api/v2/markets/{ticker}/orderbook",
           [](const http::request&, const http::path_params& p, http::responder res) {
             markets::orderbook book;
             book.yes = {{0.40, 10}, {0.42, 2.5}};
             book.no = {{0.56, 7}};
             if (p.at(0).second == "EMPTY")
               book = {};
             res(json(kalshi::write_orderbook(book)));
           });
    server_ = std::make_unique<test::loopback_server>(r);
  }

  // Stopped before the members its handlers read go.
  ~fake_kalshi() { server_.reset(); }

  std::string base_url() const { return server_->base_url(); }

  /// How /markets answers: "pages" (3 pages), "loop" (the same cursor
  /// forever), "endless" (a new cursor every time), "429", "500", "garbage".
  void set_mode(std::string mode) {
    std::lock_guard<std::mutex> guard{mtx_};
    mode_ = std::move(mode);
  }

  std::vector<std::string> targets() const {
    std::lock_guard<std::mutex> guard{mtx_};
    return targets_;
  }

  std::vector<std::string> if_none_match() const {
    std::lock_guard<std::mutex> guard{mtx_};
    return if_none_match_;
  }

 private:
  static http::response json(std::string body, int status = 200) {
    http::response res;
    res.status = status;
    res.body = std::move(body);
    return res;
  }

  http::response list(const http::request& req) {
    std::lock_guard<std::mutex> guard{mtx_};
    targets_.push_back(req.target);
    auto cursor = req.query_param("cursor").value_or("");
    markets::markets_page page;
    if (mode_ == "429") {
      auto res = json(R"({"error": {"code": "too_many_requests"}})", 429);
      res.headers.emplace_back("Retry-After", "7");
      return res;
    }
    if (mode_ == "500")
      return json(R"({"error": "internal"})", 500);
    if (mode_ == "garbage")
      return json(R"({"markets": [{"ticker": "A")");
    if (mode_ == "loop") {
      page.markets = {market_named("LOOP-A", 0.3)};
      page.cursor = "again";
      return json(kalshi::write_markets(page));
    }
    if (mode_ == "endless") {
      int n = cursor.empty() ? 0 : std::stoi(cursor);
      page.markets = {market_named("ENDLESS-" + std::to_string(n), 0.3)};
      page.cursor = std::to_string(n + 1);
      return json(kalshi::write_markets(page));
    }
    if (cursor.empty()) {
      page.markets = {market_named("KXNFLGAME-26JAN12HOUPIT-HOU", 0.40),
                      market_named("KXNFLGAME-26JAN12HOUPIT-PIT", 0.58)};
      page.cursor = "page+2/";
    } else if (cursor == "page+2/") {
      page.markets = {market_named("KXNFLGAME-26JAN11JACWAS-JAC", 0.50),
                      market_named("BROKEN", 0.5)};
      page.cursor = "page3";
      // The list moved while paging: PIT shows up again, fresher.
      page.markets.push_back(market_named("KXNFLGAME-26JAN12HOUPIT-PIT", 0.61));
    } else if (cursor == "page3") {
      page.markets = {market_named("KXNFLGAME-26JAN11JACWAS-WAS", 0.48)};
    } else {
      return json(R"({"error": "bad cursor"})", 400);
    }
    auto body = kalshi::write_markets(page);
    // Damage the market named BROKEN: a price that is not a number.
    auto at = body.find("\"ticker\":\"BROKEN\"");
    if (at != std::string::npos) {
      auto price = body.find("\"yes_bid_dollars\":\"0.5000\"", at);
      body.replace(price, 26, "\"yes_bid_dollars\":\"half\"");
    }
    return json(body);
  }

  http::response single(const http::request& req, const std::string& ticker) {
    if (ticker == "MISSING")
      return json(R"({"error": {"code": "not_found"}})", 404);
    if (ticker == "BAD")
      return json(R"({"market": {"ticker": "BAD", "yes_bid": "lots"}})");
    std::lock_guard<std::mutex> guard{mtx_};
    auto tag = req.header("if-none-match");
    if_none_match_.push_back(tag.value_or(""));
    if (tag == "\"v1\"") {
      auto res = json("", 304);
      res.headers.emplace_back("ETag", "\"v1\"");
      return res;
    }
    auto res = json(kalshi::write_market(market_named(ticker, 0.55)));
    res.headers.emplace_back("ETag", "\"v1\"");
    return res;
  }

  std::unique_ptr<test::loopback_server> server_;
  mutable std::mutex mtx_;
  std::string mode_ = "pages";
  std::vector<std::string> targets_;
  std::vector<std::string> if_none_match_;
};

http_getter_options options_for(const fake_kalshi& feed) {
  auto opts = kalshi_source::default_options(feed.base_url());
  opts.timeout = 3s;
  return opts;
}

template <class T>
T ok(result<T> r) {
  if (auto* e = std::get_if<fetch_error>(&r))
    FAIL("unexpected " << to_string(e->kind) << ": " << e->message);
  return std::get<T>(std::move(r));
}

template <class T>
fetch_error failed(result<T> r) {
  auto* e = std::get_if<fetch_error>(&r);
  if (e == nullptr)
    FAIL("expected a fetch error");
  return *e;
}

/// An in-memory source answering pages by cursor, for the paging logic alone.
class scripted_source : public markets_source {
 public:
  std::map<std::string, markets_page> pages;
  std::vector<std::string> asked;
  std::string name_ = "scripted";

  const std::string& name() const override { return name_; }
  result<markets_page> markets(const markets_query& q) override {
    asked.push_back(q.cursor);
    auto it = pages.find(q.cursor);
    if (it == pages.end())
      return fetch_error{error_kind::http_status, "no such cursor", 400, 0};
    return it->second;
  }
  result<markets::market> market(const std::string&) override {
    return fetch_error{error_kind::http_status, "unused", 404, 0};
  }
  result<markets::orderbook> orderbook(const std::string&) override {
    return fetch_error{error_kind::http_status, "unused", 404, 0};
  }
};

} // namespace

TEST_CASE("kalshi_source follows cursors across three pages of a real server", "[kalshi]") {
  fake_kalshi feed;
  kalshi_source source{options_for(feed)};
  CHECK(source.name() == "kalshi");
  markets_query q;
  q.series_ticker = "KXNFLGAME";
  q.status = "open";
  q.limit = 2;
  auto all = ok(all_markets(source, q, 10));
  CHECK(all.pages == 3);
  CHECK(all.end == paging_end::last_page);
  CHECK(all.cursor.empty());
  REQUIRE(all.markets.size() == 4);
  CHECK(all.markets[0].ticker == "KXNFLGAME-26JAN12HOUPIT-HOU");
  CHECK(all.markets[1].ticker == "KXNFLGAME-26JAN12HOUPIT-PIT");
  CHECK(all.markets[1].yes_bid == 0.61); // the later listing wins
  CHECK(all.markets[2].ticker == "KXNFLGAME-26JAN11JACWAS-JAC");
  CHECK(all.markets[3].ticker == "KXNFLGAME-26JAN11JACWAS-WAS");
  CHECK(all.markets[3].yes_ask == 0.50);
  REQUIRE(all.rejected.size() == 1);
  CHECK(all.rejected[0].ticker == "BROKEN");
  CHECK(all.rejected[0].path == "markets[1].yes_bid_dollars");

  auto targets = feed.targets();
  REQUIRE(targets.size() == 3);
  CHECK(targets[0] == "/trade-api/v2/markets?limit=2&status=open&series_ticker=KXNFLGAME");
  CHECK(targets[1] ==
        "/trade-api/v2/markets?limit=2&cursor=page%2B2%2F&status=open&series_ticker=KXNFLGAME");
  CHECK(targets[2] ==
        "/trade-api/v2/markets?limit=2&cursor=page3&status=open&series_ticker=KXNFLGAME");
  CHECK(source.stats().requests == 3);
}

TEST_CASE("one page of kalshi_source carries its cursor", "[kalshi]") {
  fake_kalshi feed;
  kalshi_source source{options_for(feed)};
  auto page = ok(source.markets({}));
  CHECK(page.markets.size() == 2);
  CHECK(page.cursor == "page+2/");
  markets_query next;
  next.cursor = page.cursor;
  auto second = ok(source.markets(next));
  CHECK(second.markets.size() == 2);
  CHECK(second.rejected.size() == 1);
  CHECK(second.cursor == "page3");
}

TEST_CASE("paging stops at a repeated cursor and at max_pages, saying which", "[kalshi]") {
  fake_kalshi feed;
  kalshi_source source{options_for(feed)};
  feed.set_mode("loop");
  auto loop = ok(all_markets(source, {}, 10));
  CHECK(loop.end == paging_end::repeated_cursor);
  CHECK(loop.pages == 2);
  CHECK(loop.markets.size() == 1);
  CHECK(loop.cursor.empty());
  CHECK(std::string{to_string(loop.end)} == "repeated_cursor");

  feed.set_mode("endless");
  auto endless = ok(all_markets(source, {}, 4));
  CHECK(endless.end == paging_end::max_pages);
  CHECK(endless.pages == 4);
  CHECK(endless.markets.size() == 4);
  CHECK(endless.cursor == "4");
  // Resuming from the cursor goes on where it stopped.
  markets_query resume;
  resume.cursor = endless.cursor;
  auto more = ok(all_markets(source, resume, 1));
  REQUIRE(more.markets.size() == 1);
  CHECK(more.markets[0].ticker == "ENDLESS-4");
  CHECK(more.end == paging_end::max_pages);
  // max_pages below one still reads one page.
  CHECK(ok(all_markets(source, {}, 0)).pages == 1);
}

TEST_CASE("a 429 from Kalshi is rate_limited with its Retry-After", "[kalshi]") {
  fake_kalshi feed;
  kalshi_source source{options_for(feed)};
  feed.set_mode("429");
  auto e = failed(source.markets({}));
  CHECK(e.kind == error_kind::rate_limited);
  CHECK(e.status == 429);
  CHECK(e.retry_after_s == 7);
  auto paged = failed(all_markets(source, {}, 5));
  CHECK(paged.kind == error_kind::rate_limited);
}

TEST_CASE("a 500 from Kalshi is an http_status error", "[kalshi]") {
  fake_kalshi feed;
  kalshi_source source{options_for(feed)};
  feed.set_mode("500");
  auto e = failed(source.markets({}));
  CHECK(e.kind == error_kind::http_status);
  CHECK(e.status == 500);
  CHECK(e.retry_after_s == 0);
}

TEST_CASE("a malformed markets body is a parse error", "[kalshi]") {
  fake_kalshi feed;
  kalshi_source source{options_for(feed)};
  feed.set_mode("garbage");
  auto e = failed(source.markets({}));
  CHECK(e.kind == error_kind::parse);
  CHECK_THAT(e.message, Catch::Contains("kalshi markets"));
  CHECK_THAT(e.message, Catch::Contains("not JSON"));
}

TEST_CASE("kalshi_source reads one market and its order book", "[kalshi]") {
  fake_kalshi feed;
  kalshi_source source{options_for(feed)};
  auto m = ok(source.market("KXNFLGAME-26JAN12HOUPIT-PIT"));
  CHECK(m.ticker == "KXNFLGAME-26JAN12HOUPIT-PIT");
  CHECK(m.event_ticker == "KXNFLGAME-26JAN12HOUPIT");
  CHECK(m.yes_bid == 0.55);

  auto book = ok(source.orderbook("KXNFLGAME-26JAN12HOUPIT-PIT"));
  CHECK(book.ticker == "KXNFLGAME-26JAN12HOUPIT-PIT");
  REQUIRE(book.yes.size() == 2);
  CHECK(book.yes[1].price == 0.42);
  CHECK(book.yes[1].quantity == 2.5);
  REQUIRE(book.no.size() == 1);
  auto empty = ok(source.orderbook("EMPTY"));
  CHECK(empty.yes.empty());
  CHECK(empty.ticker == "EMPTY");

  auto missing = failed(source.market("MISSING"));
  CHECK(missing.kind == error_kind::http_status);
  CHECK(missing.status == 404);
  auto bad = failed(source.market("BAD"));
  CHECK(bad.kind == error_kind::parse);
  CHECK_THAT(bad.message, Catch::Contains("market.yes_bid"));
}

TEST_CASE("an unchanged market costs a 304 and is served from the ETag cache", "[kalshi]") {
  fake_kalshi feed;
  kalshi_source source{options_for(feed)};
  auto first = ok(source.market("KXNFLGAME-26JAN12HOUPIT-PIT"));
  auto second = ok(source.market("KXNFLGAME-26JAN12HOUPIT-PIT"));
  CHECK(second.yes_bid == first.yes_bid);
  CHECK(second.ticker == first.ticker);
  CHECK(feed.if_none_match() == std::vector<std::string>{"", "\"v1\""});
  CHECK(source.stats().not_modified == 1);
}

TEST_CASE("kalshi_source asks within Kalshi's basic tier by default", "[kalshi]") {
  auto opts = kalshi_source::default_options("https://api.elections.kalshi.com");
  CHECK(opts.rate_limit_per_s == 20);
  CHECK(opts.rate_limit_burst == 20);
  CHECK(opts.base_url == "https://api.elections.kalshi.com");
  CHECK(opts.timeout == 5000ms);
}

TEST_CASE("a kalshi_source pointed at nothing fails with a network error", "[kalshi]") {
  std::uint16_t port = 0;
  {
    fake_kalshi feed; // learn a free port, then let it go
    port = static_cast<std::uint16_t>(std::stoi(feed.base_url().substr(17)));
  }
  auto opts = kalshi_source::default_options("http://127.0.0.1:" + std::to_string(port));
  opts.timeout = 2s;
  kalshi_source source{opts};
  auto e = failed(source.markets({}));
  CHECK((e.kind == error_kind::network || e.kind == error_kind::timeout));
}

TEST_CASE("all_markets keeps the error of the first failing page", "[kalshi]") {
  scripted_source s;
  s.pages[""] = markets_page{{market_named("A-1", 0.2)}, "next", {}};
  auto e = failed(all_markets(s, {}, 5));
  CHECK(e.status == 400);
  CHECK(s.asked == std::vector<std::string>{"", "next"});
}

TEST_CASE("all_markets resumes from the query's cursor and never revisits it", "[kalshi]") {
  scripted_source s;
  s.pages["b"] = markets_page{{market_named("B-1", 0.2)}, "c", {}};
  s.pages["c"] = markets_page{{market_named("C-1", 0.2)}, "b", {}};
  markets_query q;
  q.cursor = "b";
  auto out = ok(all_markets(s, q, 10));
  CHECK(out.end == paging_end::repeated_cursor);
  CHECK(out.pages == 2);
  CHECK(out.markets.size() == 2);
  CHECK(s.asked == std::vector<std::string>{"b", "c"});
}
