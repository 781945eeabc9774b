#include "adapters/sources/kalshi_source.hpp"

#include "adapters/kalshi/parse.hpp"
#include "adapters/kalshi/paths.hpp"

namespace playclock::sources {

namespace {

/// The body of a GET, parsed with `parse`, or the fetch / parse error.
template <class T, class Parse>
result<T> get_parsed(http_getter& http, const std::string& path, const std::string& what,
                     Parse parse) {
  auto got = http.get(path);
  if (auto* e = std::get_if<fetch_error>(&got))
    return *e;
  auto parsed = parse(*std::get<http_body>(got).body);
  if (auto* e = std::get_if<kalshi::parse_error>(&parsed))
    return fetch_error{error_kind::parse, what + ": " + e->message, 200, 0};
  return std::get<T>(std::move(parsed));
}

} // namespace

kalshi_source::kalshi_source(http_getter_options opts) : http_(std::move(opts)) {}

http_getter_options kalshi_source::default_options(std::string base_url) {
  http_getter_options opts;
  opts.base_url = std::move(base_url);
  opts.rate_limit_per_s = kalshi::basic_tier_reads_per_s;
  opts.rate_limit_burst = static_cast<int>(kalshi::basic_tier_reads_per_s);
  opts.timeout = std::chrono::milliseconds{5000};
  return opts;
}

result<markets_page> kalshi_source::markets(const markets_query& q) {
  return get_parsed<markets_page>(
      http_, kalshi::markets_path(q), "kalshi markets",
      [](const std::string& body) { return kalshi::parse_markets(body); });
}

result<markets::market> kalshi_source::market(const std::string& ticker) {
  return get_parsed<markets::market>(
      http_, kalshi::market_path(ticker), "kalshi market " + ticker,
      [](const std::string& body) { return kalshi::parse_market(body); });
}

result<markets::orderbook> kalshi_source::orderbook(const std::string& ticker) {
  return get_parsed<markets::orderbook>(
      http_, kalshi::orderbook_path(ticker), "kalshi orderbook " + ticker,
      [&](const std::string& body) { return kalshi::parse_orderbook(body, ticker); });
}

} // namespace playclock::sources
