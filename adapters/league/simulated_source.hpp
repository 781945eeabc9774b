#pragma once
// The simulated league behind the same interfaces as the HTTP feeds: what a
// node polls when its base URL is "sim:".

#include <memory>

#include "adapters/league/simulated_league.hpp"
#include "adapters/sources/games_source.hpp"

namespace playclock::league {

class simulated_games_source : public sources::games_source {
 public:
  explicit simulated_games_source(std::shared_ptr<simulated_league> league);
  const std::string& name() const override { return name_; }
  /// Any `dates` gives the schedule (current and next round).
  sources::result<sources::scoreboard_data> scoreboard(const std::string& dates = {}) override;
  sources::result<sources::summary_data> summary(const std::string& game_id) override;

 private:
  std::string name_ = "espn";
  std::shared_ptr<simulated_league> league_;
};

class simulated_weather_source : public sources::weather_source {
 public:
  explicit simulated_weather_source(std::shared_ptr<simulated_league> league);
  const std::string& name() const override { return name_; }
  sources::result<std::vector<sports::forecast>> forecast(double lat, double lon) override;

 private:
  std::string name_ = "weather";
  std::shared_ptr<simulated_league> league_;
};

} // namespace playclock::league
