#pragma once
// The recorded Kalshi responses (shared/realdata/kalshi/golden_*.json wrap the
// real response in {"_metadata": ..., "response": ...}) unwrapped, and small
// helpers to build variants of them and compare parsed markets.

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <variant>

#include <rapidjson/document.h>

#include "adapters/kalshi/parse.hpp"
#include "adapters/markets/types.hpp"
#include "tests/adapters/espn_mutate.hpp"
#include "tests/adapters/espn_samples.hpp"

namespace playclock::test {

inline constexpr const char* kalshi_markets_list = "kalshi/golden_markets_list_response.json";
inline constexpr const char* kalshi_market_single = "kalshi/golden_market_single_response.json";
inline constexpr const char* kalshi_orderbook = "kalshi/golden_orderbook_response.json";

/// The recorded file parsed whole (`_metadata` and `response`); nullopt
/// without the real-data folder.
inline std::optional<rapidjson::Document> kalshi_golden(const char* relative) {
  auto text = realdata_file(relative);
  if (!text)
    return std::nullopt;
  rapidjson::Document doc;
  doc.Parse(text->c_str(), text->size());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  REQUIRE(doc.HasMember("response"));
  return doc;
}

/// The `response` of a recorded file as a document of its own.
inline std::optional<rapidjson::Document> kalshi_response(const char* relative) {
  auto golden = kalshi_golden(relative);
  if (!golden)
    return std::nullopt;
  rapidjson::Document doc;
  doc.CopyFrom((*golden)["response"], doc.GetAllocator());
  return doc;
}

/// The `response` of a recorded file as text, as the API sent it.
inline std::optional<std::string> kalshi_response_text(const char* relative) {
  auto doc = kalshi_response(relative);
  if (!doc)
    return std::nullopt;
  return to_text(*doc);
}

/// v[name] = value (replacing or adding).
template <class T>
void set_member(rapidjson::Value& v, rapidjson::Document::AllocatorType& a, const char* name,
                T value) {
  rapidjson::Value key(name, a);
  rapidjson::Value val(value);
  if (v.HasMember(name))
    v[name] = val;
  else
    v.AddMember(key, val, a);
}

inline void set_text(rapidjson::Value& v, rapidjson::Document::AllocatorType& a, const char* name,
                     const std::string& text) {
  rapidjson::Value val(text.c_str(), static_cast<rapidjson::SizeType>(text.size()), a);
  if (v.HasMember(name))
    v[name] = val;
  else
    v.AddMember(rapidjson::Value(name, a), val, a);
}

inline void set_null(rapidjson::Value& v, rapidjson::Document::AllocatorType& a, const char* name) {
  if (v.HasMember(name))
    v[name].SetNull();
  else
    v.AddMember(rapidjson::Value(name, a), rapidjson::Value(rapidjson::kNullType), a);
}

/// The parsed value, failing the test with the parse error otherwise.
template <class T>
T parsed_ok(kalshi::parsed<T> p) {
  if (auto* e = std::get_if<kalshi::parse_error>(&p))
    FAIL("unexpected parse error: " << e->message);
  return std::get<T>(std::move(p));
}

/// The parse error's message, failing the test if it parsed.
template <class T>
std::string parse_failure(const kalshi::parsed<T>& p) {
  auto* e = std::get_if<kalshi::parse_error>(&p);
  if (e == nullptr)
    FAIL("expected a parse error");
  return e->message;
}

inline std::string show(const std::optional<double>& v) {
  return v ? std::to_string(*v) : std::string{"none"};
}

/// Every field of two markets equal (doubles exactly).
inline void check_same(const markets::market& a, const markets::market& b) {
  INFO("market " << a.ticker);
  CHECK(a.ticker == b.ticker);
  CHECK(a.event_ticker == b.event_ticker);
  CHECK(a.title == b.title);
  CHECK(a.yes_sub_title == b.yes_sub_title);
  CHECK(a.status == b.status);
  CHECK(show(a.yes_bid) == show(b.yes_bid));
  CHECK(a.yes_bid == b.yes_bid);
  CHECK(a.yes_ask == b.yes_ask);
  CHECK(a.no_bid == b.no_bid);
  CHECK(a.no_ask == b.no_ask);
  CHECK(a.last_price == b.last_price);
  CHECK(a.previous_price == b.previous_price);
  CHECK(a.volume == b.volume);
  CHECK(a.volume_24h == b.volume_24h);
  CHECK(a.open_interest == b.open_interest);
  CHECK(a.liquidity == b.liquidity);
  CHECK(a.open_time == b.open_time);
  CHECK(a.close_time == b.close_time);
  CHECK(a.result == b.result);
}

} // namespace playclock::test
