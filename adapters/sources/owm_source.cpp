#include "adapters/sources/owm_source.hpp"

#include "adapters/weather/forecast.hpp"

namespace playclock::sources {

owm_source::owm_source(http_getter_options opts, std::string api_key)
    : http_(std::move(opts)), api_key_(std::move(api_key)) {}

result<std::vector<sports::forecast>> owm_source::forecast(double lat, double lon) {
  auto got = http_.get(weather::forecast_path(lat, lon, api_key_));
  if (auto* e = std::get_if<fetch_error>(&got)) {
    // The URL carries the key: keep it out of the message.
    e->message = "weather: HTTP request failed (" + std::string{to_string(e->kind)} +
                 (e->status != 0 ? ", status " + std::to_string(e->status) : "") + ")";
    return *e;
  }
  auto parsed = weather::parse_forecast(*std::get<http_body>(got).body);
  if (auto* err = std::get_if<std::string>(&parsed))
    return fetch_error{error_kind::parse, "weather: " + *err, 200, 0};
  return std::get<std::vector<sports::forecast>>(std::move(parsed));
}

} // namespace playclock::sources
