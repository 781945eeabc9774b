#include "adapters/league/simulated_source.hpp"

namespace playclock::league {

simulated_games_source::simulated_games_source(std::shared_ptr<simulated_league> league)
    : league_(std::move(league)) {}

sources::result<sources::scoreboard_data>
simulated_games_source::scoreboard(const std::string& dates) {
  sources::scoreboard_data d;
  d.games = dates.empty() ? league_->scoreboard() : league_->schedule();
  return d;
}

sources::result<sources::summary_data> simulated_games_source::summary(const std::string& game_id) {
  auto s = league_->summary(game_id);
  if (!s)
    return sources::fetch_error{sources::error_kind::http_status,
                                "summary " + game_id + ": no such game in the league", 404, 0};
  return sources::summary_data{std::move(*s), {}};
}

simulated_weather_source::simulated_weather_source(std::shared_ptr<simulated_league> league)
    : league_(std::move(league)) {}

sources::result<std::vector<sports::forecast>> simulated_weather_source::forecast(double lat,
                                                                                  double lon) {
  return league_->forecast(lat, lon);
}

} // namespace playclock::league
