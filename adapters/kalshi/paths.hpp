#pragma once
// Where Kalshi's Trade API v2 market documents live. Paths only; the host
// comes from the configuration (https://api.elections.kalshi.com or a
// playclock-feed on loopback).

#include <string>
#include <string_view>

#include "adapters/markets/page.hpp"

namespace playclock::kalshi {

/// Kalshi's production API host.
inline constexpr std::string_view api_host = "https://api.elections.kalshi.com";
/// The prefix of every Trade API v2 path.
inline constexpr std::string_view api_base = "/trade-api/v2";
/// Reads per second the basic API tier allows.
inline constexpr double basic_tier_reads_per_s = 20;
/// The most markets one GET /markets page may hold.
inline constexpr int max_page_limit = 1000;

/// /trade-api/v2/markets?limit=..&cursor=..&status=..&series_ticker=..&event_ticker=..
/// with only the members that are set (limit > 0, clamped to max_page_limit;
/// non-empty strings), percent-encoded, in that order.
std::string markets_path(const markets::markets_query& q);

/// /trade-api/v2/markets/{ticker}.
std::string market_path(std::string_view ticker);

/// /trade-api/v2/markets/{ticker}/orderbook.
std::string orderbook_path(std::string_view ticker);

} // namespace playclock::kalshi
