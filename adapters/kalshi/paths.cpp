#include "adapters/kalshi/paths.hpp"

#include <algorithm>

#include "adapters/http/url.hpp"

namespace playclock::kalshi {

namespace {

void add(std::string& out, bool& first, std::string_view name, std::string_view value) {
  out += first ? '?' : '&';
  first = false;
  out += name;
  out += '=';
  out += http::percent_encode(value);
}

} // namespace

std::string markets_path(const markets::markets_query& q) {
  std::string out{api_base};
  out += "/markets";
  bool first = true;
  if (q.limit > 0)
    add(out, first, "limit", std::to_string(std::min(q.limit, max_page_limit)));
  if (!q.cursor.empty())
    add(out, first, "cursor", q.cursor);
  if (!q.status.empty())
    add(out, first, "status", q.status);
  if (!q.series_ticker.empty())
    add(out, first, "series_ticker", q.series_ticker);
  if (!q.event_ticker.empty())
    add(out, first, "event_ticker", q.event_ticker);
  return out;
}

std::string market_path(std::string_view ticker) {
  return std::string{api_base} + "/markets/" + http::percent_encode(ticker);
}

std::string orderbook_path(std::string_view ticker) {
  return market_path(ticker) + "/orderbook";
}

} // namespace playclock::kalshi
