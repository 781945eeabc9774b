#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "adapters/kalshi/parse.hpp"
#include "tests/adapters/kalshi_samples.hpp"

using namespace playclock;
using namespace playclock::test;

namespace {

constexpr const char* ticker = "KXNFLGAME-26JAN12HOUPIT-PIT";

markets::orderbook book_of(const std::string& text) {
  return parsed_ok(kalshi::parse_orderbook(text, ticker));
}

void check_levels(const std::vector<markets::price_level>& side,
                  const std::vector<std::pair<double, double>>& want) {
  REQUIRE(side.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("level " << i);
    CHECK(side[i].price == want[i].first);
    CHECK(side[i].quantity == want[i].second);
  }
}

} // namespace

TEST_CASE("the current orderbook_fp answer reads dollar prices and fractional sizes", "[kalshi]") {
  auto book = book_of(R"({"orderbook_fp": {
      "yes_dollars": [["0.0100", "200.00"], ["0.4150", "12.50"], ["0.4200", "3.00"]],
      "no_dollars": [["0.5500", "10.00"]]}})");
  CHECK(book.ticker == ticker);
  check_levels(book.yes, {{0.01, 200}, {0.415, 12.5}, {0.42, 3}});
  check_levels(book.no, {{0.55, 10}});
}

TEST_CASE("the documented orderbook answer reads cents, dollars winning when both", "[kalshi]") {
  SECTION("cents only") {
    auto book = book_of(R"({"orderbook": {"yes": [[1, 200], [42, 13]], "no": [[55, 10]]}})");
    check_levels(book.yes, {{0.01, 200}, {0.42, 13}});
    check_levels(book.no, {{0.55, 10}});
  }
  SECTION("dollars only, counts as numbers") {
    auto book = book_of(R"({"orderbook": {"yes_dollars": [["0.1500", 100]], "no_dollars": null}})");
    check_levels(book.yes, {{0.15, 100}});
    CHECK(book.no.empty());
  }
  SECTION("both: the dollar levels win") {
    auto book = book_of(R"({"orderbook": {"yes": [[42, 13]], "no": [[55, 10]],
        "yes_dollars": [["0.4250", 13]], "no_dollars": [["0.5500", 10]]}})");
    check_levels(book.yes, {{0.425, 13}});
    check_levels(book.no, {{0.55, 10}});
  }
  SECTION("orderbook_fp wins over orderbook") {
    auto book = book_of(R"({"orderbook": {"yes": [[42, 13]], "no": null},
        "orderbook_fp": {"yes_dollars": [["0.4300", "13.50"]], "no_dollars": []}})");
    check_levels(book.yes, {{0.43, 13.5}});
    CHECK(book.no.empty());
  }
}

TEST_CASE("order book sides that are null, absent or empty have no levels", "[kalshi]") {
  for (const char* text :
       {R"({"orderbook": {"yes": null, "no": null, "yes_dollars": null, "no_dollars": null}})",
        R"({"orderbook": {}})", R"({"orderbook_fp": {}})",
        R"({"orderbook_fp": {"yes_dollars": [], "no_dollars": []}})"}) {
    INFO(text);
    auto book = book_of(text);
    CHECK(book.yes.empty());
    CHECK(book.no.empty());
  }
}

TEST_CASE("order book levels come out in ascending price order", "[kalshi]") {
  auto book = book_of(R"({"orderbook_fp": {"yes_dollars": [["0.4200", "1.00"], ["0.0100", "2.00"],
      ["0.3000", "3.00"]]}})");
  check_levels(book.yes, {{0.01, 2}, {0.30, 3}, {0.42, 1}});
}

TEST_CASE("one bad level makes the order book an error naming it", "[kalshi]") {
  struct bad_case {
    const char* text;
    const char* message;
  };
  const std::vector<bad_case> cases{
      {R"({"orderbook_fp": {"yes_dollars": [["0.0100", "200.00"], ["abc", "1.00"]]}})",
       "orderbook_fp.yes_dollars[1][0]: not a number: \"abc\""},
      {R"({"orderbook_fp": {"no_dollars": [["1.5000", "1.00"]]}})",
       "orderbook_fp.no_dollars[0][0]: price 1.5000 dollars outside [0, 1]"},
      {R"({"orderbook_fp": {"no_dollars": [["0.5000", "-1.00"]]}})",
       "orderbook_fp.no_dollars[0][1]: negative count -1.00"},
      {R"({"orderbook_fp": {"yes_dollars": [["0.5000"]]}})",
       "orderbook_fp.yes_dollars[0]: expected [price, count], got 1 elements"},
      {R"({"orderbook_fp": {"yes_dollars": [["0.5000", "1.00", "2"]]}})",
       "orderbook_fp.yes_dollars[0]: expected [price, count], got 3 elements"},
      {R"({"orderbook_fp": {"yes_dollars": ["0.5000"]}})",
       "orderbook_fp.yes_dollars[0]: expected [price, count], got a string"},
      {R"({"orderbook_fp": {"yes_dollars": {}}})",
       "orderbook_fp.yes_dollars: expected an array of levels, got an object"},
      {R"({"orderbook": {"yes": [[101, 1]]}})",
       "orderbook.yes[0][0]: price 101.0000 cents outside [0, 100]"},
      {R"({"orderbook": {"no": [[50, {}]]}})",
       "orderbook.no[0][1]: expected a number, got an object"},
      {R"({"orderbook": {"no": [[50, 1]], "no_dollars": [["x", 1]]}})",
       "orderbook.no_dollars[0][0]: not a number: \"x\""},
      {R"({"orderbook": {"no": [[50, 1]]}, "orderbook_fp": {"yes_dollars": 3}})",
       "orderbook_fp.yes_dollars: expected an array of levels, got a number"},
      {R"({"orderbook": []})", "orderbook: expected an object, got an array"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(parse_failure(kalshi::parse_orderbook(c.text, ticker)) ==
          std::string{"orderbook: "} + c.message);
  }
}

TEST_CASE("unusable order book documents are parse errors", "[kalshi]") {
  for (const char* text :
       {"", "{", "[]", "null", "{}", R"({"orderbook": null})", R"({"book": {"yes": []}})",
        R"({"orderbook_fp": {"yes_dollars": [["0.1", "1"]])"}) {
    INFO(text);
    CHECK_FALSE(parse_failure(kalshi::parse_orderbook(text, ticker)).empty());
  }
}

TEST_CASE("the recorded empty order book in the newer shape parses too", "[kalshi]") {
  auto doc = kalshi_response(kalshi_orderbook);
  if (!doc)
    return skip_without_realdata();
  // Rename orderbook -> orderbook_fp and keep only the dollar sides, the
  // shape SOURCES.md describes as what the venue serves now.
  rapidjson::Document fp;
  fp.SetObject();
  rapidjson::Value book(rapidjson::kObjectType);
  book.AddMember("yes_dollars",
                 rapidjson::Value((*doc)["orderbook"]["yes_dollars"], fp.GetAllocator()),
                 fp.GetAllocator());
  book.AddMember("no_dollars",
                 rapidjson::Value((*doc)["orderbook"]["no_dollars"], fp.GetAllocator()),
                 fp.GetAllocator());
  fp.AddMember("orderbook_fp", book, fp.GetAllocator());
  auto parsed = book_of(to_text(fp));
  CHECK(parsed.yes.empty());
  CHECK(parsed.no.empty());
}
