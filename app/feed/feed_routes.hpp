#pragma once
// The HTTP routes of playclock-feed: the simulated league (or recorded real
// responses) in ESPN's site-API format on ESPN's paths, and forecasts in
// OpenWeatherMap's format. Responses carry an ETag and answer 304 to a
// matching If-None-Match, as a CDN in front of ESPN does.

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

/// Routes serving the simulated league.
std::shared_ptr<http::router> league_routes(std::shared_ptr<league::simulated_league> league);

/// Routes serving recorded responses from `dir`: every scoreboard*.json in
/// name order (each request moves to the next file, the last one repeats),
/// summary*<event id>*.json by event id, forecast*.json for any forecast.
/// Throws std::runtime_error if the folder has no scoreboard file.
std::shared_ptr<http::router> replay_routes(const std::filesystem::path& dir);

} // namespace playclock::feed
