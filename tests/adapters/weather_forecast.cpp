// OpenWeatherMap 5 day / 3 hour forecasts: the recorded sample, error
// bodies and input that is no forecast.
#include <catch2/catch.hpp>

#include "adapters/weather/forecast.hpp"
#include "tests/adapters/espn_compare.hpp"
#include "tests/adapters/espn_mutate.hpp"
#include "tests/adapters/espn_samples.hpp"

using namespace playclock;

namespace {

using slots = std::vector<sports::forecast>;

std::string error_of(std::string_view json) {
  auto r = weather::parse_forecast(json);
  if (const auto* e = std::get_if<std::string>(&r))
    return *e;
  return "(parsed)";
}

slots slots_of(std::string_view json) {
  auto r = weather::parse_forecast(json);
  if (const auto* e = std::get_if<std::string>(&r))
    FAIL(*e);
  return std::get<slots>(r);
}

} // namespace

TEST_CASE("the recorded Ashburn forecast has 40 three-hour slots", "[weather]") {
  auto text = test::realdata_file(test::owm_forecast);
  if (!text)
    return test::skip_without_realdata();
  auto list = slots_of(*text);
  REQUIRE(list.size() == 40);
  const auto& first = list.front();
  CHECK(first.time == 1586142000); // 2020-04-06 03:00:00 UTC
  CHECK(first.temperature_c == Approx(14.34));
  CHECK(first.wind_speed_ms == Approx(2.1));
  CHECK(first.precipitation_mm == Approx(0.79));
  CHECK(first.humidity_pct == Approx(85));
  CHECK(first.description == "light rain");
  const auto& second = list[1];
  CHECK(second.time == 1586152800);
  CHECK(second.temperature_c == Approx(13.27));
  CHECK(second.precipitation_mm == 0); // no "rain" member
  CHECK(second.description == "overcast clouds");
  const auto& last = list.back();
  CHECK(last.time == 1586563200); // 2020-04-11 00:00:00 UTC
  CHECK(last.temperature_c == Approx(7.17));
  CHECK(last.wind_speed_ms == Approx(4.45));
  CHECK(last.description == "scattered clouds");
  for (std::size_t i = 1; i < list.size(); ++i)
    CHECK(list[i].time - list[i - 1].time == weather::slot_seconds);
}

TEST_CASE("an OpenWeatherMap error body gives its code and message", "[weather]") {
  CHECK(error_of(R"({"cod":"401","message":"Invalid API key"})") == "401: Invalid API key");
  CHECK(error_of(R"({"cod":401,"message":"Invalid API key"})") == "401: Invalid API key");
  CHECK(error_of(R"({"cod":"404","message":"city not found"})") == "404: city not found");
  CHECK(error_of(R"({"cod":"429"})") == "429: no message");
  CHECK(error_of(R"({"cod":"500","message":7})") == "500: 7");
  CHECK(error_of(R"({"cod":null,"message":"?"})") == "error: ?");
  // An error code wins over a list.
  CHECK(error_of(R"({"cod":"401","message":"x","list":[{"dt":1}]})") == "401: x");
}

TEST_CASE("what is not a forecast gives an error text", "[weather]") {
  for (const char* bad :
       {"", "nope", "[]", "null", "7", "{}", R"({"cod":"200"})", R"({"cod":"200","list":{}})",
        R"({"list":"x"})", R"({"list":[)", "{\"list\":[]}garbage"}) {
    INFO(bad);
    CHECK(std::holds_alternative<std::string>(weather::parse_forecast(bad)));
  }
  CHECK(std::holds_alternative<std::string>(weather::parse_forecast(std::string_view{})));
  std::string deep(100000, '[');
  CHECK(std::holds_alternative<std::string>(weather::parse_forecast(deep)));
  CHECK(slots_of(R"({"cod":200,"list":[]})").empty());
}

TEST_CASE("forecast slots without a usable time are skipped, the rest read", "[weather]") {
  auto list = slots_of(R"({"cod":"200","list":[{"dt":"x"},{"main":{"temp":1}},{"dt":1.5},)"
                       R"({"dt":1e300},"junk",{"dt":null},)"
                       R"({"dt":"1586142000","main":{"temp":"-3.5","humidity":"40"},)"
                       R"("wind":{"speed":"9"},"rain":{"3h":"1.25"},"snow":{"3h":0.5},)"
                       R"("weather":[{"description":"rain and snow"}]},)"
                       R"({"dt":7200,"main":"hot","wind":[],"rain":{"1h":3},"weather":{}}]})");
  REQUIRE(list.size() == 2);
  CHECK(list[0].time == 1586142000);
  CHECK(list[0].temperature_c == -3.5);
  CHECK(list[0].humidity_pct == 40);
  CHECK(list[0].wind_speed_ms == 9);
  CHECK(list[0].precipitation_mm == 1.75); // rain and snow together
  CHECK(list[0].description == "rain and snow");
  CHECK(list[1].time == 7200); // a slot with nothing else is still a slot
  CHECK(list[1].temperature_c == 0);
  CHECK(list[1].precipitation_mm == 0);
  CHECK(list[1].description.empty());
}

TEST_CASE("the recorded forecast cut short never gives a forecast", "[weather]") {
  auto text = test::realdata_file(test::owm_forecast);
  if (!text)
    return test::skip_without_realdata();
  for (std::size_t at = 0; at < text->size(); at += (at < 400 ? 1 : 97)) {
    INFO("cut at " << at);
    CHECK(std::holds_alternative<std::string>(
        weather::parse_forecast(std::string_view{text->data(), at})));
  }
}

TEST_CASE("a damaged forecast slot is read or skipped, the others kept", "[weather]") {
  auto text = test::realdata_file(test::owm_forecast);
  if (!text)
    return test::skip_without_realdata();
  rapidjson::Document doc;
  doc.Parse(text->data(), text->size());
  REQUIRE(doc.IsObject());
  const auto whole = slots_of(*text);
  std::vector<std::string> pointers;
  test::collect_pointers(doc["list"][1], "/list/1", pointers);
  for (const auto& pointer : pointers)
    for (auto d : test::all_damages) {
      INFO(pointer << " " << test::to_string(d));
      auto r = weather::parse_forecast(test::damaged(doc, pointer, d));
      REQUIRE(std::holds_alternative<slots>(r));
      auto got = std::get<slots>(r);
      REQUIRE(got.size() >= whole.size() - 1);
      REQUIRE(got.size() <= whole.size());
      CHECK(test::diff(got.front(), whole.front()) == "");
      CHECK(test::diff(got.back(), whole.back()) == "");
      if (got.size() == whole.size() && pointer != "/list/1/dt" && pointer != "/list/1")
        CHECK(got[1].time == whole[1].time);
    }
}
