#pragma once
// The HTTP routes of playclock-feed: the simulated league (or recorded real
// responses) in ESPN's site-API format on ESPN's paths, forecasts in
// OpenWeatherMap's format, and the league's prediction markets in Kalshi's
// Trade API v2 format (GET /trade-api/v2/markets, /markets/{ticker},
// /markets/{ticker}/orderbook; errors as Kalshi's {"error": {"code":
// "bad_request" | "not_found", "message": ...}}). Responses carry an ETag and
// answer 304 to a matching If-None-Match, as a CDN in front of ESPN does.

#include <filesystem>
#include <memory>
#include <optional>

namespace playclock::http {
class router;
} // namespace playclock::http

namespace playclock::league {
class simulated_league;
} // namespace playclock::league

namespace playclock::feed {

/// Routes serving the simulated league and its markets. GET /markets takes
/// limit (1-1000, default 100), cursor, status (unopened, open, closed,
/// settled), series_ticker and event_ticker (comma-separated); the orderbook
/// takes depth (0-100, 0 = all levels). A bad parameter is a 400.
std::shared_ptr<http::router> league_routes(std::shared_ptr<league::simulated_league> league);

/// Routes serving recorded responses from `dir`: every scoreboard*.json in
/// name order (each request moves to the next file, the last one repeats),
/// summary*<event id>*.json by event id, forecast*.json for any forecast.
/// Kalshi recordings from `dir` and `dir`/kalshi (bare bodies or the golden
/// recordings' {"_metadata", "response"} wrapper): the first *markets*.json
/// holding a markets list is GET /markets (as recorded: filters ignored; a
/// request with a cursor gets an empty last page), markets by ticker from
/// those lists and *market*.json, *orderbook*.json by _metadata.ticker (a
/// known market without one has an empty book). Without Kalshi files the
/// markets list is empty. Throws std::runtime_error if the folder has no
/// scoreboard file and no Kalshi recording.
std::shared_ptr<http::router> replay_routes(const std::filesystem::path& dir);

} // namespace playclock::feed
