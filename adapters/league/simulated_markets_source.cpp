#include "adapters/league/simulated_markets_source.hpp"

namespace playclock::league {

namespace {

sources::fetch_error not_found(const std::string& what) {
  return sources::fetch_error{sources::error_kind::http_status, what + ": no such market", 404, 0};
}

} // namespace

simulated_markets_source::simulated_markets_source(std::shared_ptr<simulated_league> league)
    : league_(std::move(league)) {}

sources::result<markets::markets_page>
simulated_markets_source::markets(const markets::markets_query& q) {
  auto got = league_->markets(q);
  if (auto* e = std::get_if<market_query_error>(&got))
    return sources::fetch_error{sources::error_kind::http_status, "markets: " + e->message, 400, 0};
  return std::get<markets::markets_page>(std::move(got));
}

sources::result<markets::market> simulated_markets_source::market(const std::string& ticker) {
  auto m = league_->market(ticker);
  if (!m)
    return not_found("market " + ticker);
  return std::move(*m);
}

sources::result<markets::orderbook> simulated_markets_source::orderbook(const std::string& ticker) {
  auto b = league_->orderbook(ticker);
  if (!b)
    return not_found("orderbook " + ticker);
  return std::move(*b);
}

} // namespace playclock::league
