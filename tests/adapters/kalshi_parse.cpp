#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "adapters/kalshi/parse.hpp"
#include "tests/adapters/kalshi_samples.hpp"

using namespace playclock;
using namespace playclock::test;

namespace {

/// Sets every price of market `m` in both generations (cents, dollars).
void set_prices(rapidjson::Value& m, rapidjson::Document::AllocatorType& a) {
  set_member(m, a, "yes_bid", 42);
  set_text(m, a, "yes_bid_dollars", "0.4200");
  set_member(m, a, "yes_ask", 45);
  set_text(m, a, "yes_ask_dollars", "0.4500");
  set_member(m, a, "no_bid", 55);
  set_text(m, a, "no_bid_dollars", "0.5500");
  set_member(m, a, "no_ask", 58);
  set_text(m, a, "no_ask_dollars", "0.5800");
  set_member(m, a, "last_price", 43);
  set_text(m, a, "last_price_dollars", "0.4300");
  set_member(m, a, "previous_price", 40);
  set_text(m, a, "previous_price_dollars", "0.4000");
  set_member(m, a, "volume", 1234);
  set_text(m, a, "volume_fp", "1234.00");
  set_member(m, a, "volume_24h", 100);
  set_text(m, a, "volume_24h_fp", "100.00");
  set_member(m, a, "open_interest", 500);
  set_text(m, a, "open_interest_fp", "500.00");
  set_member(m, a, "liquidity", 12345);
  set_text(m, a, "liquidity_dollars", "123.4500");
}

void remove_if(rapidjson::Value& m, bool (*pred)(const std::string&)) {
  std::vector<std::string> names;
  for (const auto& member : m.GetObject())
    if (pred(member.name.GetString()))
      names.emplace_back(member.name.GetString());
  for (const auto& n : names)
    m.RemoveMember(n.c_str());
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool newer_form(const std::string& name) {
  return ends_with(name, "_dollars") || ends_with(name, "_fp");
}

const char* const price_fields[] = {"yes_bid", "yes_ask",    "no_bid",
                                    "no_ask",  "last_price", "previous_price"};

void check_quoted(const markets::market& m) {
  CHECK(m.yes_bid == 0.42);
  CHECK(m.yes_ask == 0.45);
  CHECK(m.no_bid == 0.55);
  CHECK(m.no_ask == 0.58);
  CHECK(m.last_price == 0.43);
  CHECK(m.previous_price == 0.40);
  CHECK(m.volume == 1234);
  CHECK(m.volume_24h == 100);
  CHECK(m.open_interest == 500);
  CHECK(m.liquidity == 123.45);
}

// A self-contained market for the tests that need no recorded data.
constexpr const char* small_list = R"({"cursor": "abc", "markets": [
  {"ticker": "KXNFLGAME-26JAN12HOUPIT-HOU", "event_ticker": "KXNFLGAME-26JAN12HOUPIT",
   "status": "active", "yes_bid": 40, "yes_bid_dollars": "0.4000", "volume": 3},
  {"ticker": "KXNFLGAME-26JAN12HOUPIT-PIT", "event_ticker": "KXNFLGAME-26JAN12HOUPIT",
   "status": "active", "yes_bid": 58, "yes_bid_dollars": "0.5800", "volume_fp": "2.50"}]})";

} // namespace

TEST_CASE("every market of the recorded markets list parses, with the cursor", "[kalshi]") {
  auto golden = kalshi_golden(kalshi_markets_list);
  if (!golden)
    return skip_without_realdata();
  auto text = to_text((*golden)["response"]);
  auto page = parsed_ok(kalshi::parse_markets(text));
  CHECK(page.rejected.empty());
  REQUIRE(page.markets.size() == 5);
  CHECK(page.cursor == (*golden)["response"]["cursor"].GetString());
  CHECK(page.cursor ==
        "CgwIyeGVywYQ0Lvs2QMSL0tYTVZFTkZMU0lOR0xFR0FNRS1TMjAyNUJGQzk3RUYzNzQ2LTM3NUM1MjdEM0Iy");
  const auto& first = page.markets.front();
  CHECK(first.ticker == "KXMVENFLSINGLEGAME-S202513E70FA7695-688BECB3826");
  CHECK(first.event_ticker == "KXMVENFLSINGLEGAME-S202513E70FA7695");
  CHECK(first.status == "active");
  CHECK(markets::is_open(first));
  CHECK(first.open_time == "2026-01-12T22:08:10.402546Z");
  CHECK(first.close_time == "2026-01-27T01:15:00Z");
  CHECK(first.title.rfind("yes Pittsburgh,", 0) == 0);
  CHECK(first.yes_sub_title == first.title);
  CHECK(first.result.empty());
  for (std::size_t i = 0; i < page.markets.size(); ++i) {
    const auto& m = page.markets[i];
    INFO("market " << i << " " << m.ticker);
    CHECK(m.ticker ==
          (*golden)["response"]["markets"][static_cast<rapidjson::SizeType>(i)]["ticker"]
              .GetString());
    // The recorded markets have no orders and no trades: Kalshi sends yes 0 /
    // no 100 for the empty sides, which read as "no quote".
    CHECK_FALSE(m.yes_bid);
    CHECK_FALSE(m.yes_ask);
    CHECK_FALSE(m.no_bid);
    CHECK_FALSE(m.no_ask);
    CHECK_FALSE(m.last_price);
    CHECK_FALSE(m.previous_price);
    CHECK_FALSE(markets::probability(m));
    CHECK(m.volume == 0);
    CHECK(m.liquidity == 0);
  }
}

TEST_CASE("the recorded single market parses", "[kalshi]") {
  auto golden = kalshi_golden(kalshi_market_single);
  if (!golden)
    return skip_without_realdata();
  auto m = parsed_ok(kalshi::parse_market(to_text((*golden)["response"])));
  CHECK(m.ticker == (*golden)["_metadata"]["ticker"].GetString());
  CHECK(m.event_ticker == "KXMVENFLSINGLEGAME-S202513E70FA7695");
  CHECK(m.status == "active");
  CHECK_FALSE(m.yes_bid);
  CHECK_FALSE(m.no_ask);
  CHECK(m.open_interest == 0);
}

TEST_CASE("the recorded empty order book parses with no levels", "[kalshi]") {
  auto text = kalshi_response_text(kalshi_orderbook);
  if (!text)
    return skip_without_realdata();
  auto book =
      parsed_ok(kalshi::parse_orderbook(*text, "KXMVENFLSINGLEGAME-S202513E70FA7695-688BECB3826"));
  CHECK(book.ticker == "KXMVENFLSINGLEGAME-S202513E70FA7695-688BECB3826");
  CHECK(book.yes.empty());
  CHECK(book.no.empty());
}

TEST_CASE("a market with both price generations reads the same as either alone", "[kalshi]") {
  auto doc = kalshi_response(kalshi_market_single);
  if (!doc)
    return skip_without_realdata();
  auto& a = doc->GetAllocator();
  auto& m = (*doc)["market"];
  set_prices(m, a);

  SECTION("both") {
    check_quoted(parsed_ok(kalshi::parse_market(to_text(*doc))));
  }
  SECTION("cents and integer counts only (the older generation)") {
    remove_if(m, newer_form);
    auto text = to_text(*doc);
    REQUIRE(text.find("_dollars") == std::string::npos);
    check_quoted(parsed_ok(kalshi::parse_market(text)));
  }
  SECTION("dollars and fixed-point counts only (the newer generation)") {
    for (const char* f : price_fields)
      m.RemoveMember(f);
    for (const char* f : {"volume", "volume_24h", "open_interest", "liquidity"})
      m.RemoveMember(f);
    check_quoted(parsed_ok(kalshi::parse_market(to_text(*doc))));
  }
  SECTION("numbers written as strings and dollars written as numbers") {
    set_text(m, a, "yes_bid", "42");
    set_member(m, a, "yes_bid_dollars", 0.42);
    set_text(m, a, "volume", "1234");
    check_quoted(parsed_ok(kalshi::parse_market(to_text(*doc))));
  }
}

TEST_CASE("the dollar and fixed-point fields win over cents and integers", "[kalshi]") {
  auto doc = kalshi_response(kalshi_market_single);
  if (!doc)
    return skip_without_realdata();
  auto& a = doc->GetAllocator();
  auto& m = (*doc)["market"];
  set_prices(m, a);
  // A deci-cent market: the cent fields are rounded, the dollars are not.
  set_text(m, a, "yes_bid_dollars", "0.4250");
  set_text(m, a, "volume_fp", "1234.56");
  set_text(m, a, "liquidity_dollars", "123.4567");
  auto out = parsed_ok(kalshi::parse_market(to_text(*doc)));
  CHECK(out.yes_bid == 0.425);
  CHECK(out.volume == 1234.56);
  CHECK(out.liquidity == 123.4567);
  CHECK(out.yes_ask == 0.45);
}

TEST_CASE("absent and null prices stay empty, absent counts read as zero", "[kalshi]") {
  auto doc = kalshi_response(kalshi_market_single);
  if (!doc)
    return skip_without_realdata();
  auto& a = doc->GetAllocator();
  auto& m = (*doc)["market"];
  set_prices(m, a);
  set_null(m, a, "yes_bid");
  set_null(m, a, "yes_bid_dollars");
  m.RemoveMember("no_ask");
  m.RemoveMember("no_ask_dollars");
  m.RemoveMember("volume");
  m.RemoveMember("volume_fp");
  set_null(m, a, "open_interest_fp");
  auto out = parsed_ok(kalshi::parse_market(to_text(*doc)));
  CHECK_FALSE(out.yes_bid);
  CHECK_FALSE(out.no_ask);
  CHECK(out.yes_ask == 0.45);
  CHECK(out.volume == 0);
  CHECK(out.open_interest == 500);
}

TEST_CASE("extreme bids and asks mean no quote, a zero trade price means no trade", "[kalshi]") {
  auto doc = kalshi_response(kalshi_market_single);
  if (!doc)
    return skip_without_realdata();
  auto& a = doc->GetAllocator();
  auto& m = (*doc)["market"];
  set_prices(m, a);
  // An order book with bids only: Kalshi writes the missing ask as 100 in
  // older answers and 0 in newer ones.
  set_member(m, a, "yes_ask", 100);
  set_text(m, a, "yes_ask_dollars", "1.0000");
  set_member(m, a, "no_ask", 0);
  set_text(m, a, "no_ask_dollars", "0.0000");
  set_member(m, a, "last_price", 100);
  set_text(m, a, "last_price_dollars", "1.0000");
  set_member(m, a, "previous_price", 0);
  set_text(m, a, "previous_price_dollars", "0.0000");
  auto out = parsed_ok(kalshi::parse_market(to_text(*doc)));
  CHECK(out.yes_bid == 0.42);
  CHECK_FALSE(out.yes_ask);
  CHECK_FALSE(out.no_ask);
  CHECK(out.last_price == 1.0);
  CHECK_FALSE(out.previous_price);
}

TEST_CASE("one damaged field rejects just that market, with its path", "[kalshi]") {
  auto doc = kalshi_response(kalshi_markets_list);
  if (!doc)
    return skip_without_realdata();
  struct damage_case {
    const char* field;
    std::string json_value; // the raw JSON put in its place
    const char* message;    // a piece of the expected message
  };
  const std::vector<damage_case> cases{
      {"yes_bid", "\"abc\"", "not a number"},
      {"yes_bid", "{}", "expected a number"},
      {"yes_bid", "[42]", "expected a number"},
      {"yes_bid", "true", "expected a number"},
      {"yes_bid", "101", "outside [0, 100]"},
      {"yes_bid", "-1", "outside [0, 100]"},
      {"yes_bid_dollars", "\"1.5000\"", "outside [0, 1]"},
      {"yes_bid_dollars", "\"-0.0100\"", "outside [0, 1]"},
      {"yes_bid_dollars", "\"0.42x\"", "not a number"},
      {"yes_bid_dollars", "\"\"", "not a number"},
      {"no_ask_dollars", "\"NaN\"", "not a number"},
      {"no_ask_dollars", "\"inf\"", "not a number"},
      {"last_price", "\"0x10\"", "not a number"},
      {"previous_price_dollars", "[]", "expected a number"},
      {"volume", "-5", "negative count"},
      {"volume_fp", "\"12.00 \"", "not a number"},
      {"volume_24h_fp", "{}", "expected a number"},
      {"open_interest_fp", "\"-1.00\"", "negative count"},
      {"liquidity_dollars", "\"lots\"", "not a number"},
      {"ticker", "7", "expected a string"},
      {"ticker", "\"\"", "missing ticker"},
      {"status", "[]", "expected a string"},
      {"title", "{}", "expected a string"},
      {"event_ticker", "false", "expected a string"},
      {"open_time", "\"tomorrow\"", "timestamp"},
      {"close_time", "1769476500", "expected a string"},
  };
  for (const auto& c : cases) {
    INFO(c.field << " = " << c.json_value);
    rapidjson::Document copy;
    copy.CopyFrom(*doc, copy.GetAllocator());
    rapidjson::Document value;
    value.Parse(c.json_value.c_str());
    REQUIRE_FALSE(value.HasParseError());
    auto& m = copy["markets"][2];
    std::string ticker = m["ticker"].GetString();
    if (m.HasMember(c.field))
      m[c.field].CopyFrom(value, copy.GetAllocator());
    else
      m.AddMember(rapidjson::Value(c.field, copy.GetAllocator()),
                  rapidjson::Value(value, copy.GetAllocator()), copy.GetAllocator());
    auto page = parsed_ok(kalshi::parse_markets(to_text(copy)));
    CHECK(page.markets.size() == 4);
    REQUIRE(page.rejected.size() == 1);
    CHECK(page.rejected[0].path == std::string{"markets[2]."} + c.field);
    CHECK_THAT(page.rejected[0].message, Catch::Contains(c.message));
    if (std::string{c.field} != "ticker")
      CHECK(page.rejected[0].ticker == ticker);
    for (const auto& kept : page.markets)
      CHECK(kept.ticker != ticker);
  }
}

TEST_CASE("every damaged value of a market is read or rejects only that market", "[kalshi]") {
  auto doc = kalshi_response(kalshi_markets_list);
  if (!doc)
    return skip_without_realdata();
  std::vector<std::string> pointers;
  collect_pointers((*doc)["markets"][1], "/markets/1", pointers);
  int rejected = 0;
  for (const auto& p : pointers) {
    for (auto d : all_damages) {
      INFO(p << " " << to_string(d));
      auto page = parsed_ok(kalshi::parse_markets(damaged(*doc, p, d)));
      if (p == "/markets/1" && d == damage::removed) {
        CHECK(page.markets.size() == 4);
        continue;
      }
      CHECK(page.markets.size() + page.rejected.size() == 5);
      CHECK(page.markets.size() >= 4);
      for (const auto& r : page.rejected) {
        CHECK(r.path.rfind("markets[1]", 0) == 0);
        CHECK_FALSE(r.message.empty());
        ++rejected;
      }
    }
  }
  // Type damage to the prices, counts and names read must have been caught.
  CHECK(rejected > 40);
}

TEST_CASE("a rejected market in a self-contained list names its ticker and path", "[kalshi]") {
  std::string text = small_list;
  text.replace(text.find("\"0.5800\""), 8, "\"high\"");
  auto page = parsed_ok(kalshi::parse_markets(text));
  REQUIRE(page.markets.size() == 1);
  CHECK(page.markets[0].ticker == "KXNFLGAME-26JAN12HOUPIT-HOU");
  CHECK(page.markets[0].yes_bid == 0.40);
  CHECK(page.markets[0].volume == 3);
  REQUIRE(page.rejected.size() == 1);
  CHECK(page.rejected[0].ticker == "KXNFLGAME-26JAN12HOUPIT-PIT");
  CHECK(page.rejected[0].path == "markets[1].yes_bid_dollars");
  CHECK(page.rejected[0].message == "not a number: \"high\"");
  CHECK(page.cursor == "abc");
}

TEST_CASE("a market that is not an object is rejected with its index", "[kalshi]") {
  auto page =
      parsed_ok(kalshi::parse_markets(R"({"markets": [7, {"ticker": "A"}], "cursor": ""})"));
  REQUIRE(page.markets.size() == 1);
  REQUIRE(page.rejected.size() == 1);
  CHECK(page.rejected[0].path == "markets[0]");
  CHECK(page.rejected[0].ticker.empty());
}

TEST_CASE("unusable markets documents are parse errors", "[kalshi]") {
  std::string full = small_list;
  const std::vector<std::string> bad{
      "",
      "garbage",
      "null",
      "[]",
      "{}",
      R"({"markets": {}})",
      R"({"markets": null, "cursor": ""})",
      R"({"markets": [], "cursor": 7})",
      full.substr(0, full.size() / 2),
      full.substr(0, full.size() - 1),
      full + "x",
  };
  for (const auto& text : bad) {
    INFO(text);
    auto p = kalshi::parse_markets(text);
    CHECK_FALSE(parse_failure(p).empty());
  }
  CHECK_THAT(parse_failure(kalshi::parse_markets("{\"markets\": [")), Catch::Contains("not JSON"));
  CHECK_THAT(parse_failure(kalshi::parse_markets("{}")), Catch::Contains("no markets array"));
}

TEST_CASE("a truncated recorded markets list is a parse error", "[kalshi]") {
  auto text = kalshi_response_text(kalshi_markets_list);
  if (!text)
    return skip_without_realdata();
  for (std::size_t cut : {std::size_t{1}, text->size() / 3, text->size() / 2, text->size() - 2})
    CHECK_FALSE(parse_failure(kalshi::parse_markets(text->substr(0, cut))).empty());
}

TEST_CASE("an empty markets list without a cursor is the last page", "[kalshi]") {
  auto page = parsed_ok(kalshi::parse_markets(R"({"markets": []})"));
  CHECK(page.markets.empty());
  CHECK(page.cursor.empty());
  auto null_cursor = parsed_ok(kalshi::parse_markets(R"({"markets": [], "cursor": null})"));
  CHECK(null_cursor.cursor.empty());
}

TEST_CASE("a single market that cannot be read is an error naming the field", "[kalshi]") {
  CHECK(parse_failure(kalshi::parse_market(R"({"market": {"ticker": "A", "yes_bid": "x"}})")) ==
        "market.yes_bid: not a number: \"x\"");
  CHECK_THAT(parse_failure(kalshi::parse_market(R"({"market": null})")),
             Catch::Contains("no market object"));
  CHECK_THAT(parse_failure(kalshi::parse_market(R"({"market": []})")),
             Catch::Contains("expected a market object"));
  CHECK_THAT(parse_failure(kalshi::parse_market(R"({"markets": []})")),
             Catch::Contains("no market object"));
  CHECK_THAT(parse_failure(kalshi::parse_market(R"({"market": {"ticker": "A")")),
             Catch::Contains("not JSON"));
  auto ok = parsed_ok(kalshi::parse_market(R"({"market": {"ticker": "A"}})"));
  CHECK(ok.ticker == "A");
  CHECK_FALSE(ok.yes_bid);
}
