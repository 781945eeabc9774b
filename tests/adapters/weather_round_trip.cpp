// write_forecast and parse_forecast are inverse; forecast_path encodes.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <rapidjson/document.h>

#include "adapters/weather/forecast.hpp"
#include "tests/adapters/espn_compare.hpp"
#include "tests/adapters/espn_samples.hpp"

using namespace playclock;

namespace {

using slots = std::vector<sports::forecast>;

slots trip(const slots& in, const std::string& city = "Green Bay") {
  auto r = weather::parse_forecast(weather::write_forecast(in, city));
  if (const auto* e = std::get_if<std::string>(&r))
    FAIL(*e);
  return std::get<slots>(r);
}

} // namespace

TEST_CASE("the recorded forecast survives a write and a parse", "[weather]") {
  auto text = test::realdata_file(test::owm_forecast);
  if (!text)
    return test::skip_without_realdata();
  auto r = weather::parse_forecast(*text);
  REQUIRE(std::holds_alternative<slots>(r));
  const auto& parsed = std::get<slots>(r);
  CHECK(test::diff(trip(parsed, "Ashburn"), parsed) == "");
}

TEST_CASE("forecast edge values survive a write and a parse", "[weather]") {
  slots in;
  sports::forecast f;
  f.time = 1586142000;
  f.temperature_c = -40.125;
  f.wind_speed_ms = 0.1 + 0.2; // not a short decimal
  f.precipitation_mm = 12.5;
  f.humidity_pct = 100;
  f.description = "snow \"heavy\"\n\u00e9\\";
  in.push_back(f);
  f.time = -86400; // before 1970
  f.temperature_c = 1e300;
  f.precipitation_mm = -0.5;
  f.description.clear();
  in.push_back(f);
  f.time = 0;
  f.temperature_c = 5e-324;
  f.precipitation_mm = 0;
  in.push_back(f);
  f.time = 9'000'000'000'000'000;
  in.push_back(f);
  CHECK(test::diff(trip(in), in) == "");
  CHECK(trip({}).empty());
}

TEST_CASE("a written forecast looks like OpenWeatherMap's", "[weather]") {
  sports::forecast f;
  f.time = 1586142000;
  f.precipitation_mm = 0.79;
  f.description = "light rain";
  auto text = weather::write_forecast({f}, "Ashburn");
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  REQUIRE(doc.IsObject());
  CHECK(doc["cod"] == "200");
  CHECK(doc["cnt"] == 1);
  CHECK(doc["city"]["name"] == "Ashburn");
  const auto& slot = doc["list"][0];
  CHECK(slot["dt"] == 1586142000);
  CHECK(slot["dt_txt"] == "2020-04-06 03:00:00");
  CHECK(slot["rain"]["3h"].GetDouble() == Approx(0.79));
  CHECK(slot["weather"][0]["description"] == "light rain");
}

TEST_CASE("values that are not numbers are written as 0", "[weather]") {
  sports::forecast f;
  f.temperature_c = std::numeric_limits<double>::quiet_NaN();
  f.wind_speed_ms = std::numeric_limits<double>::infinity();
  f.precipitation_mm = -std::numeric_limits<double>::infinity();
  auto out = trip({f});
  REQUIRE(out.size() == 1);
  CHECK(out[0].temperature_c == 0);
  CHECK(out[0].wind_speed_ms == 0);
  CHECK(out[0].precipitation_mm == 0);
}

TEST_CASE("forecast_path has 4-decimal coordinates, metric units and an encoded key", "[weather]") {
  CHECK(weather::forecast_path(39.0437, -77.4875, "abc123") ==
        "/data/2.5/forecast?lat=39.0437&lon=-77.4875&units=metric&appid=abc123");
  CHECK(weather::forecast_path(44.50123456, -88.06, "k") ==
        "/data/2.5/forecast?lat=44.5012&lon=-88.0600&units=metric&appid=k");
  CHECK(weather::forecast_path(0, 0, "a b&c=d/e?#%+\xc3\xa9") ==
        "/data/2.5/forecast?lat=0.0000&lon=0.0000&units=metric&appid="
        "a%20b%26c%3Dd%2Fe%3F%23%25%2B%C3%A9");
  CHECK(weather::forecast_path(0, 0, "-._~") ==
        "/data/2.5/forecast?lat=0.0000&lon=0.0000&units=metric&appid=-._~");
  CHECK(weather::forecast_path(std::nan(""), std::numeric_limits<double>::infinity(), "") ==
        "/data/2.5/forecast?lat=0.0000&lon=0.0000&units=metric&appid=");
  // Coordinates off the globe are clamped: the query keeps all its parts.
  CHECK(weather::forecast_path(1e300, -1e300, "k") ==
        "/data/2.5/forecast?lat=90.0000&lon=-180.0000&units=metric&appid=k");
  CHECK(weather::forecast_path(-91, 181, "k") ==
        "/data/2.5/forecast?lat=-90.0000&lon=180.0000&units=metric&appid=k");
}
