#pragma once
// Where ESPN's NFL documents live. Paths only; the host comes from the
// configuration (sources.espn.base_url: https://site.api.espn.com or a
// playclock-feed).

#include <string>
#include <string_view>

namespace playclock::espn {

/// https://site.api.espn.com: the site API (scoreboard, summary).
inline constexpr std::string_view site_host = "https://site.api.espn.com";
/// https://sports.core.api.espn.com: the core API (injuries).
inline constexpr std::string_view core_host = "https://sports.core.api.espn.com";

/// The scoreboard path without query.
inline constexpr std::string_view scoreboard_base = "/apis/site/v2/sports/football/nfl/scoreboard";
/// The summary path without query.
inline constexpr std::string_view summary_base = "/apis/site/v2/sports/football/nfl/summary";

/// Today's scoreboard; `dates` ("20241215" or "20241215-20241222") asks for
/// a day or a range instead.
std::string scoreboard_path(std::string_view dates = {});

/// /apis/site/v2/sports/football/nfl/summary?event=<id>.
std::string summary_path(std::string_view event_id);

/// Core API: the injuries of a team in a season (a page of `$ref`s):
/// /v2/sports/football/leagues/nfl/seasons/<season>/teams/<id>/injuries?limit=100.
std::string core_injuries_path(int season, std::string_view team_id);

/// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(std::string_view s);

} // namespace playclock::espn
