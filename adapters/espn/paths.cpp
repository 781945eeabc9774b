#include "adapters/espn/paths.hpp"

#include "adapters/http/url.hpp"

namespace playclock::espn {

std::string url_encode(std::string_view s) {
  return http::percent_encode(s);
}

std::string scoreboard_path(std::string_view dates) {
  std::string out{scoreboard_base};
  if (!dates.empty())
    out += "?dates=" + url_encode(dates);
  return out;
}

std::string summary_path(std::string_view event_id) {
  return std::string{summary_base} + "?event=" + url_encode(event_id);
}

std::string core_injuries_path(int season, std::string_view team_id) {
  return "/v2/sports/football/leagues/nfl/seasons/" + std::to_string(season) + "/teams/" +
         url_encode(team_id) + "/injuries?limit=100";
}

} // namespace playclock::espn
