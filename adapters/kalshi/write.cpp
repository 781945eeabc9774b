#include "adapters/kalshi/write.hpp"

#include <cmath>
#include <cstdint>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "adapters/kalshi/json_read.hpp"

namespace playclock::kalshi {

namespace {

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(writer& w, const char* key, std::string_view v) {
  w.Key(key);
  w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
}

// Without it a string literal would pick the bool overload.
void put(writer& w, const char* key, const char* v) {
  put(w, key, std::string_view{v});
}

void put(writer& w, const char* key, std::int64_t v) {
  w.Key(key);
  w.Int64(v);
}

void put(writer& w, const char* key, bool v) {
  w.Key(key);
  w.Bool(v);
}

/// A count or a cent price as the integer the older fields carry.
std::int64_t whole(double v) {
  if (!std::isfinite(v) || v < 0)
    return 0;
  if (v > 9.0e18)
    return static_cast<std::int64_t>(9.0e18);
  return std::llround(v);
}

double finite_or(double v, double fallback) {
  return std::isfinite(v) ? v : fallback;
}

/// "yes_bid": 42, "yes_bid_dollars": "0.4200"; an empty price is written as
/// `none` (dollars) the way Kalshi writes a side without quotes.
void put_price(writer& w, const std::string& name, const std::optional<double>& price,
               double none) {
  double p = price && std::isfinite(*price) ? *price : none;
  put(w, name.c_str(), whole(p * 100));
  put(w, (name + "_dollars").c_str(), detail::format_decimal(p, 4));
}

/// "volume": 10, "volume_fp": "10.00".
void put_count(writer& w, const std::string& name, double count) {
  double c = finite_or(count, 0);
  put(w, name.c_str(), whole(c));
  put(w, (name + "_fp").c_str(), detail::format_decimal(c, 2));
}

void write_market_object(writer& w, const markets::market& m) {
  w.StartObject();
  put(w, "ticker", m.ticker);
  put(w, "event_ticker", m.event_ticker);
  put(w, "market_type", "binary");
  put(w, "title", m.title);
  put(w, "subtitle", "");
  put(w, "yes_sub_title", m.yes_sub_title);
  put(w, "no_sub_title", "");
  if (!m.open_time.empty())
    put(w, "open_time", m.open_time);
  if (!m.close_time.empty())
    put(w, "close_time", m.close_time);
  put(w, "status", m.status);
  put(w, "response_price_units", "usd_cent");
  put(w, "notional_value", std::int64_t{100});
  put(w, "notional_value_dollars", "1.0000");
  put_price(w, "yes_bid", m.yes_bid, 0);
  put_price(w, "yes_ask", m.yes_ask, 0);
  put_price(w, "no_bid", m.no_bid, 1);
  put_price(w, "no_ask", m.no_ask, 1);
  put_price(w, "last_price", m.last_price, 0);
  put_price(w, "previous_price", m.previous_price, 0);
  put_price(w, "previous_yes_bid", std::nullopt, 0);
  put_price(w, "previous_yes_ask", std::nullopt, 0);
  put_count(w, "volume", m.volume);
  put_count(w, "volume_24h", m.volume_24h);
  put_count(w, "open_interest", m.open_interest);
  double liquidity = finite_or(m.liquidity, 0);
  put(w, "liquidity", whole(liquidity * 100));
  put(w, "liquidity_dollars", detail::format_decimal(liquidity, 4));
  put(w, "result", m.result);
  put(w, "can_close_early", true);
  put(w, "expiration_value", "");
  put(w, "rules_primary", "");
  put(w, "rules_secondary", "");
  put(w, "tick_size", std::int64_t{1});
  put(w, "price_level_structure", "linear_cent");
  w.EndObject();
}

enum class level_form { cents, dollars, dollars_fp };

void write_levels(writer& w, const char* key, const std::vector<markets::price_level>& side,
                  level_form form) {
  w.Key(key);
  if (side.empty()) {
    w.Null();
    return;
  }
  w.StartArray();
  for (const auto& l : side) {
    w.StartArray();
    double price = finite_or(l.price, 0);
    double count = finite_or(l.quantity, 0);
    switch (form) {
    case level_form::cents:
      w.Int64(whole(price * 100));
      w.Int64(whole(count));
      break;
    case level_form::dollars:
      w.String(detail::format_decimal(price, 4).c_str());
      w.Int64(whole(count));
      break;
    case level_form::dollars_fp:
      w.String(detail::format_decimal(price, 4).c_str());
      w.String(detail::format_decimal(count, 2).c_str());
      break;
    }
    w.EndArray();
  }
  w.EndArray();
}

} // namespace

std::string write_markets(const markets::markets_page& page) {
  rapidjson::StringBuffer buffer;
  writer w{buffer};
  w.StartObject();
  w.Key("markets");
  w.StartArray();
  for (const auto& m : page.markets)
    write_market_object(w, m);
  w.EndArray();
  put(w, "cursor", page.cursor);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string write_market(const markets::market& m) {
  rapidjson::StringBuffer buffer;
  writer w{buffer};
  w.StartObject();
  w.Key("market");
  write_market_object(w, m);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string write_orderbook(const markets::orderbook& book) {
  rapidjson::StringBuffer buffer;
  writer w{buffer};
  w.StartObject();
  w.Key("orderbook");
  w.StartObject();
  write_levels(w, "yes", book.yes, level_form::cents);
  write_levels(w, "no", book.no, level_form::cents);
  write_levels(w, "yes_dollars", book.yes, level_form::dollars);
  write_levels(w, "no_dollars", book.no, level_form::dollars);
  w.EndObject();
  w.Key("orderbook_fp");
  w.StartObject();
  write_levels(w, "yes_dollars", book.yes, level_form::dollars_fp);
  write_levels(w, "no_dollars", book.no, level_form::dollars_fp);
  w.EndObject();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

} // namespace playclock::kalshi
