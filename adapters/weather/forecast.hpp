#pragma once
// OpenWeatherMap's 5 day / 3 hour forecast (api.openweathermap.org
// /data/2.5/forecast, units=metric): parsing into sports::forecast, picking
// the slot of a kick-off, and writing the same format for the simulated feed.
// Never throws, whatever the input.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "adapters/sports/types.hpp"

namespace playclock::weather {

/// The forecast path without query.
inline constexpr std::string_view forecast_base = "/data/2.5/forecast";

/// Length of one forecast slot: 3 hours.
inline constexpr std::int64_t slot_seconds = 3 * 3600;

/// /data/2.5/forecast?lat=..&lon=..&units=metric&appid=KEY (coordinates with
/// 4 decimals, clamped to the globe, NaN as 0; the key percent-encoded).
std::string forecast_path(double lat, double lon, const std::string& api_key);

/// The slots of a forecast response, in document order: dt -> time,
/// main.temp, wind.speed, rain.3h + snow.3h, main.humidity,
/// weather[0].description (missing values read as 0 / empty; an entry
/// without a usable dt is skipped). An error body such as
/// {"cod":"401","message":"Invalid API key"} gives "401: Invalid API key";
/// anything that is not a forecast gives an error text too.
std::variant<std::vector<sports::forecast>, std::string> parse_forecast(std::string_view json);

/// The slot containing `unix_time` (a slot covers [time, time + 3 h)), else
/// the nearest one if it is less than one slot away (a kick-off just before
/// the first slot or in a gap); nullopt when the forecast does not reach that
/// far (beyond the 5 days) or is empty.
std::optional<sports::forecast> forecast_at(const std::vector<sports::forecast>& slots,
                                            std::int64_t unix_time);

/// A forecast response in OpenWeatherMap's format (cod "200", cnt, list[]
/// with dt, main, weather, wind, rain["3h"] and dt_txt, city.name), so that
/// parse_forecast(write_forecast(x)) == x. Precipitation is written as rain.
std::string write_forecast(const std::vector<sports::forecast>& slots, const std::string& city);

} // namespace playclock::weather
