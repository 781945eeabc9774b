#include <rapidjson/document.h>

#include "adapters/kalshi/json_read.hpp"
#include "adapters/kalshi/parse.hpp"
#include "adapters/sports/timestamp.hpp"

namespace playclock::kalshi {

namespace {

using detail::json;
using detail::reader;

std::string shown(double v) {
  return detail::format_decimal(v, 4);
}

/// Which "empty" a price uses (see parse.hpp).
enum class price_kind {
  /// A bid or ask: 0 and 1 (0 and 100 cents) mean no quote.
  quote,
  /// A trade price: 0 means never traded.
  trade,
};

std::optional<double> read_price(reader& r, const char* cents_name, const char* dollars_name,
                                 price_kind kind) {
  auto cents = r.decimal(cents_name);
  auto dollars = r.decimal(dollars_name);
  if (cents && (*cents < 0 || *cents > 100))
    r.fail(cents_name, "price " + shown(*cents) + " cents outside [0, 100]");
  if (dollars && (*dollars < 0 || *dollars > 1))
    r.fail(dollars_name, "price " + shown(*dollars) + " dollars outside [0, 1]");
  if (r.failed())
    return std::nullopt;
  std::optional<double> price = dollars;
  if (!price && cents)
    price = *cents / 100;
  if (!price)
    return std::nullopt;
  if (*price == 0 || (kind == price_kind::quote && *price == 1))
    return std::nullopt;
  return price;
}

/// A count from `fp_name` ("10.00") or else `plain_name` (10); 0 if neither.
/// `scale` divides the plain form (liquidity: cents -> dollars).
double read_count(reader& r, const char* plain_name, const char* fp_name, double scale = 1) {
  auto plain = r.decimal(plain_name);
  auto fp = r.decimal(fp_name);
  if (plain && *plain < 0)
    r.fail(plain_name, "negative count " + shown(*plain));
  if (fp && *fp < 0)
    r.fail(fp_name, "negative count " + shown(*fp));
  if (r.failed())
    return 0;
  if (fp)
    return *fp;
  return plain ? *plain / scale : 0;
}

std::string read_time(reader& r, const char* name) {
  auto t = r.text(name);
  if (!t || t->empty())
    return {};
  if (!sports::is_utc_timestamp(*t)) {
    r.fail(name, "not an ISO 8601 UTC timestamp: \"" + t->substr(0, 40) + "\"");
    return {};
  }
  return *t;
}

/// One market object, whole or not at all (then `error` says why).
std::optional<markets::market> read_market(const json& v, const std::string& path,
                                           markets::rejected_market& error) {
  if (!v.IsObject()) {
    error = {{}, path, std::string{"expected a market object, got "} + detail::type_name(v)};
    return std::nullopt;
  }
  reader r{v, path};
  markets::market m;
  auto ticker = r.text("ticker");
  if (!r.failed() && (!ticker || ticker->empty()))
    r.fail("ticker", "missing ticker");
  if (ticker)
    m.ticker = *ticker;
  m.event_ticker = r.text("event_ticker").value_or("");
  m.title = r.text("title").value_or("");
  m.yes_sub_title = r.text("yes_sub_title").value_or("");
  m.status = r.text("status").value_or("");
  m.result = r.text("result").value_or("");
  m.open_time = read_time(r, "open_time");
  m.close_time = read_time(r, "close_time");
  m.yes_bid = read_price(r, "yes_bid", "yes_bid_dollars", price_kind::quote);
  m.yes_ask = read_price(r, "yes_ask", "yes_ask_dollars", price_kind::quote);
  m.no_bid = read_price(r, "no_bid", "no_bid_dollars", price_kind::quote);
  m.no_ask = read_price(r, "no_ask", "no_ask_dollars", price_kind::quote);
  m.last_price = read_price(r, "last_price", "last_price_dollars", price_kind::trade);
  m.previous_price = read_price(r, "previous_price", "previous_price_dollars", price_kind::trade);
  m.volume = read_count(r, "volume", "volume_fp");
  m.volume_24h = read_count(r, "volume_24h", "volume_24h_fp");
  m.open_interest = read_count(r, "open_interest", "open_interest_fp");
  m.liquidity = read_count(r, "liquidity", "liquidity_dollars", 100);
  if (r.failed()) {
    error = {m.ticker, r.error_path(), r.error_message()};
    return std::nullopt;
  }
  return m;
}

} // namespace

parsed<markets::markets_page> parse_markets(std::string_view body) {
  rapidjson::Document doc;
  if (auto error = detail::parse_document(doc, body))
    return parse_error{"markets: " + *error};
  if (!doc.IsObject())
    return parse_error{"markets: the document is not an object"};
  auto it = doc.FindMember("markets");
  if (it == doc.MemberEnd() || !it->value.IsArray())
    return parse_error{"markets: no markets array"};
  markets::markets_page page;
  if (const json* cursor = detail::member(doc, "cursor")) {
    if (!cursor->IsString())
      return parse_error{std::string{"markets: cursor: expected a string, got "} +
                         detail::type_name(*cursor)};
    page.cursor.assign(cursor->GetString(), cursor->GetStringLength());
  }
  const json& list = it->value;
  page.markets.reserve(list.Size());
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    markets::rejected_market error;
    if (auto m = read_market(list[i], detail::index_path("markets", i), error))
      page.markets.push_back(std::move(*m));
    else
      page.rejected.push_back(std::move(error));
  }
  return page;
}

parsed<markets::market> parse_market(std::string_view body) {
  rapidjson::Document doc;
  if (auto error = detail::parse_document(doc, body))
    return parse_error{"market: " + *error};
  if (!doc.IsObject())
    return parse_error{"market: the document is not an object"};
  const json* m = detail::member(doc, "market");
  if (m == nullptr)
    return parse_error{"market: no market object"};
  markets::rejected_market error;
  if (auto out = read_market(*m, "market", error))
    return std::move(*out);
  return parse_error{error.path + ": " + error.message};
}

} // namespace playclock::kalshi
