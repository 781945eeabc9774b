#include "adapters/espn/json_write.hpp"
#include "adapters/espn/write.hpp"

namespace playclock::espn {

namespace {

using detail::put;
using detail::writer;

void write_season(writer& w, int year, int type) {
  w.Key("season");
  w.StartObject();
  put(w, "year", year);
  put(w, "type", type);
  w.EndObject();
}

void write_league(writer& w, int season, int season_type) {
  w.Key("leagues");
  w.StartArray();
  w.StartObject();
  put(w, "id", "28");
  put(w, "uid", "s:20~l:28");
  put(w, "name", "National Football League");
  put(w, "abbreviation", "NFL");
  put(w, "slug", "nfl");
  w.Key("season");
  w.StartObject();
  put(w, "year", season);
  w.Key("type");
  w.StartObject();
  put(w, "id", std::to_string(season_type));
  put(w, "type", season_type);
  w.EndObject();
  w.EndObject();
  w.EndObject();
  w.EndArray();
}

void write_event(writer& w, const sports::game& g) {
  w.StartObject();
  put(w, "id", g.id);
  put(w, "uid", "s:20~l:28~e:" + g.id);
  put(w, "date", g.start_time);
  put(w, "name", g.away.name + " at " + g.home.name);
  put(w, "shortName", g.away.abbreviation + " @ " + g.home.abbreviation);
  write_season(w, g.season, g.season_type);
  w.Key("week");
  w.StartObject();
  put(w, "number", g.week);
  w.EndObject();
  w.Key("competitions");
  w.StartArray();
  w.StartObject();
  put(w, "id", g.id);
  put(w, "date", g.start_time);
  detail::write_venue(w, g.where);
  detail::write_competitors(w, g);
  detail::write_situation(w, g);
  detail::write_status(w, g);
  w.EndObject();
  w.EndArray();
  detail::write_status(w, g);
  w.EndObject();
}

} // namespace

std::string write_scoreboard(const std::vector<sports::game>& games, int season, int season_type,
                             int week) {
  rapidjson::StringBuffer buffer;
  writer w{buffer};
  w.StartObject();
  write_league(w, season, season_type);
  write_season(w, season, season_type);
  w.Key("week");
  w.StartObject();
  put(w, "number", week);
  w.EndObject();
  w.Key("events");
  w.StartArray();
  for (const auto& g : games)
    write_event(w, g);
  w.EndArray();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

} // namespace playclock::espn
