#include "adapters/weather/forecast.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <limits>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "adapters/http/url.hpp"

namespace playclock::weather {

namespace {

using json = rapidjson::Value;

const json* get(const json* v, const char* name) {
  if (v == nullptr || !v->IsObject())
    return nullptr;
  auto it = v->FindMember(name);
  return it == v->MemberEnd() ? nullptr : &it->value;
}

// A finite number, or a string holding one.
std::optional<double> number(const json* v) {
  if (v == nullptr)
    return std::nullopt;
  double d = std::numeric_limits<double>::quiet_NaN();
  if (v->IsNumber()) {
    d = v->GetDouble();
  } else if (v->IsString()) {
    const char* s = v->GetString();
    auto [end, ec] = std::from_chars(s, s + v->GetStringLength(), d);
    if (ec != std::errc{} || end != s + v->GetStringLength())
      return std::nullopt;
  }
  return std::isfinite(d) ? std::optional<double>{d} : std::nullopt;
}

// dt: an integral number of seconds (or a string holding one).
std::optional<std::int64_t> unix_seconds(const json* v) {
  if (v != nullptr && v->IsInt64())
    return v->GetInt64();
  auto d = number(v);
  if (!d || std::floor(*d) != *d || std::fabs(*d) > 9.0e15)
    return std::nullopt;
  return static_cast<std::int64_t>(*d);
}

std::string text_of(const json* v) {
  if (v != nullptr && v->IsString())
    return {v->GetString(), v->GetStringLength()};
  if (auto d = number(v)) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.15g", *d);
    return buf;
  }
  return {};
}

std::optional<sports::forecast> read_slot(const json& e) {
  auto time = unix_seconds(get(&e, "dt"));
  if (!time)
    return std::nullopt;
  sports::forecast f;
  f.time = *time;
  const json* main = get(&e, "main");
  f.temperature_c = number(get(main, "temp")).value_or(0);
  f.humidity_pct = number(get(main, "humidity")).value_or(0);
  f.wind_speed_ms = number(get(get(&e, "wind"), "speed")).value_or(0);
  f.precipitation_mm = number(get(get(&e, "rain"), "3h")).value_or(0) +
                       number(get(get(&e, "snow"), "3h")).value_or(0);
  const json* conditions = get(&e, "weather");
  if (conditions != nullptr && conditions->IsArray() && !conditions->Empty())
    f.description = text_of(get(&(*conditions)[0], "description"));
  return f;
}

// "2020-04-06 03:00:00" (UTC), as OpenWeatherMap's dt_txt.
std::string utc_text(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  char buf[40];
  if (gmtime_r(&tt, &tm) == nullptr ||
      std::strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm) == 0)
    return {};
  return buf;
}

double finite(double d) {
  return std::isfinite(d) ? d : 0.0;
}

// A coordinate on the globe: "%.4f" of 1e300 would not fit the query buffer
// and cut off the rest of it (lon=, units, appid).
double coordinate(double d, double limit) {
  return std::clamp(finite(d), -limit, limit);
}

} // namespace

std::string forecast_path(double lat, double lon, const std::string& api_key) {
  char coords[96];
  std::snprintf(coords, sizeof(coords), "?lat=%.4f&lon=%.4f", coordinate(lat, 90),
                coordinate(lon, 180));
  return std::string{forecast_base} + coords +
         "&units=metric&appid=" + http::percent_encode(api_key);
}

std::variant<std::vector<sports::forecast>, std::string> parse_forecast(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseFullPrecisionFlag>(text.data(),
                                                                                 text.size());
  if (doc.HasParseError())
    return std::string{"not JSON: "} + rapidjson::GetParseError_En(doc.GetParseError()) +
           " at byte " + std::to_string(doc.GetErrorOffset());
  if (!doc.IsObject())
    return std::string{"forecast: the document is not an object"};
  const json* cod = get(&doc, "cod");
  std::string code = text_of(cod);
  if (cod != nullptr && code != "200") {
    std::string message = text_of(get(&doc, "message"));
    return (code.empty() ? std::string{"error"} : code) + ": " +
           (message.empty() ? std::string{"no message"} : message);
  }
  const json* list = get(&doc, "list");
  if (list == nullptr || !list->IsArray())
    return std::string{"forecast: no list array"};
  std::vector<sports::forecast> out;
  out.reserve(list->Size());
  for (const auto& e : list->GetArray())
    if (auto slot = read_slot(e))
      out.push_back(std::move(*slot));
  return out;
}

std::optional<sports::forecast> forecast_at(const std::vector<sports::forecast>& slots,
                                            std::int64_t unix_time) {
  const sports::forecast* best = nullptr;
  std::int64_t best_gap = std::numeric_limits<std::int64_t>::max();
  for (const auto& f : slots) {
    // Distance from the kick-off to the slot [time, time + 3 h); 0 inside.
    std::int64_t gap = 0;
    std::int64_t diff = 0;
    if (__builtin_sub_overflow(unix_time, f.time, &diff))
      continue; // years apart
    if (diff < 0)
      gap = diff == std::numeric_limits<std::int64_t>::min() ? diff : -diff;
    else if (diff >= slot_seconds)
      gap = diff - slot_seconds + 1;
    if (gap < 0)
      continue;
    if (gap < best_gap) {
      best_gap = gap;
      best = &f;
    }
  }
  if (best == nullptr || best_gap >= slot_seconds)
    return std::nullopt;
  return *best;
}

std::string write_forecast(const std::vector<sports::forecast>& slots, const std::string& city) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w{buffer};
  auto key_number = [&w](const char* key, double v) {
    w.Key(key);
    w.Double(finite(v));
  };
  w.StartObject();
  w.Key("cod");
  w.String("200");
  w.Key("message");
  w.Int(0);
  w.Key("cnt");
  w.Uint64(slots.size());
  w.Key("list");
  w.StartArray();
  for (const auto& f : slots) {
    w.StartObject();
    w.Key("dt");
    w.Int64(f.time);
    w.Key("main");
    w.StartObject();
    key_number("temp", f.temperature_c);
    key_number("humidity", f.humidity_pct);
    w.EndObject();
    w.Key("weather");
    w.StartArray();
    w.StartObject();
    w.Key("description");
    w.String(f.description.data(), static_cast<rapidjson::SizeType>(f.description.size()));
    w.EndObject();
    w.EndArray();
    w.Key("wind");
    w.StartObject();
    key_number("speed", f.wind_speed_ms);
    w.EndObject();
    if (finite(f.precipitation_mm) != 0) {
      w.Key("rain");
      w.StartObject();
      key_number("3h", f.precipitation_mm);
      w.EndObject();
    }
    w.Key("dt_txt");
    w.String(utc_text(f.time));
    w.EndObject();
  }
  w.EndArray();
  w.Key("city");
  w.StartObject();
  w.Key("name");
  w.String(city.data(), static_cast<rapidjson::SizeType>(city.size()));
  w.EndObject();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

} // namespace playclock::weather
