#pragma once
// weather_source over HTTP in OpenWeatherMap's 5 day / 3 hour format.

#include "adapters/sources/games_source.hpp"
#include "adapters/sources/http_getter.hpp"

namespace playclock::sources {

class owm_source : public weather_source {
 public:
  /// `api_key` goes into the query (appid); never logged.
  owm_source(http_getter_options opts, std::string api_key);

  const std::string& name() const override { return name_; }
  result<std::vector<sports::forecast>> forecast(double lat, double lon) override;

 private:
  std::string name_ = "weather";
  http_getter http_;
  std::string api_key_;
};

} // namespace playclock::sources
