// Pieces of a game shared by the scoreboard and summary writers.
#include <cmath>

#include "adapters/espn/field.hpp"
#include "adapters/espn/json_write.hpp"
#include "adapters/espn/teams.hpp"

namespace playclock::espn::detail {

namespace {

const char* ordinal(int down) {
  switch (down) {
  case 1:
    return "1st";
  case 2:
    return "2nd";
  case 3:
    return "3rd";
  default:
    return "4th";
  }
}

struct status_names {
  const char* id;
  const char* name;
  const char* description;
};

status_names names_of(sports::game_state s) {
  switch (s) {
  case sports::game_state::in:
    return {"2", "STATUS_IN_PROGRESS", "In Progress"};
  case sports::game_state::post:
    return {"3", "STATUS_FINAL", "Final"};
  case sports::game_state::pre:
    break;
  }
  return {"1", "STATUS_SCHEDULED", "Scheduled"};
}

void write_competitor(writer& w, const sports::team& t, int score, const char* side) {
  w.StartObject();
  put(w, "id", t.id);
  put(w, "type", "team");
  put(w, "homeAway", side);
  w.Key("team");
  w.StartObject();
  put(w, "id", t.id);
  put(w, "abbreviation", t.abbreviation);
  put(w, "displayName", t.name);
  w.EndObject();
  put(w, "score", std::to_string(score));
  w.EndObject();
}

} // namespace

void put(writer& w, const char* key, std::string_view v) {
  w.Key(key);
  w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
}

void put(writer& w, const char* key, const char* v) {
  put(w, key, std::string_view{v});
}

void put(writer& w, const char* key, int v) {
  w.Key(key);
  w.Int(v);
}

void put(writer& w, const char* key, std::int64_t v) {
  w.Key(key);
  w.Int64(v);
}

void put(writer& w, const char* key, bool v) {
  w.Key(key);
  w.Bool(v);
}

void put_number(writer& w, const char* key, double v) {
  w.Key(key);
  w.Double(std::isfinite(v) ? v : 0.0);
}

std::string team_id_for(const std::string& abbreviation, const sports::game* g) {
  if (abbreviation.empty())
    return {};
  if (g != nullptr && abbreviation == g->home.abbreviation)
    return g->home.id;
  if (g != nullptr && abbreviation == g->away.abbreviation)
    return g->away.id;
  return std::string{team_id(abbreviation)};
}

void write_team_ref(writer& w, const char* key, const std::string& abbreviation,
                    const sports::game* g) {
  w.Key(key);
  w.StartObject();
  if (auto id = team_id_for(abbreviation, g); !id.empty())
    put(w, "id", id);
  put(w, "abbreviation", abbreviation);
  w.EndObject();
}

void write_competitors(writer& w, const sports::game& g) {
  w.Key("competitors");
  w.StartArray();
  write_competitor(w, g.home, g.home_score, "home");
  write_competitor(w, g.away, g.away_score, "away");
  w.EndArray();
}

void write_status(writer& w, const sports::game& g) {
  auto names = names_of(g.state);
  w.Key("status");
  w.StartObject();
  put_number(w, "clock", g.clock_seconds);
  put(w, "displayClock", g.clock);
  put(w, "period", g.period);
  w.Key("type");
  w.StartObject();
  put(w, "id", names.id);
  put(w, "name", names.name);
  put(w, "state", sports::to_string(g.state));
  put(w, "completed", g.state == sports::game_state::post);
  put(w, "description", names.description);
  put(w, "detail", g.status_detail);
  put(w, "shortDetail", g.status_detail);
  w.EndObject();
  w.EndObject();
}

void write_venue(writer& w, const sports::venue& v) {
  w.Key("venue");
  w.StartObject();
  put(w, "id", v.id);
  put(w, "fullName", v.name);
  w.Key("address");
  w.StartObject();
  put(w, "city", v.city);
  put(w, "state", v.state);
  w.EndObject();
  put(w, "indoor", v.indoor);
  w.EndObject();
}

void write_situation(writer& w, const sports::game& g) {
  if (!g.now)
    return;
  const sports::situation& s = *g.now;
  const bool home = !s.possession.empty() && s.possession == g.home.abbreviation;
  const bool away = !s.possession.empty() && !home && s.possession == g.away.abbreviation;
  w.Key("situation");
  w.StartObject();
  put(w, "down", s.down);
  put(w, "distance", s.distance);
  put(w, "yardLine",
      home || away ? yard_line_from_yards_to_endzone(s.yards_to_endzone, home)
                   : s.yards_to_endzone);
  if (home || away) {
    auto field = possession_text(s.yards_to_endzone, s.possession,
                                 home ? g.away.abbreviation : g.home.abbreviation);
    if (s.down >= 1 && s.down <= 4) {
      std::string down = std::string{ordinal(s.down)} + " & " + std::to_string(s.distance);
      put(w, "downDistanceText", down + " at " + field);
      put(w, "shortDownDistanceText", down);
    }
    put(w, "possessionText", field);
  }
  if (!s.last_play_id.empty()) {
    w.Key("lastPlay");
    w.StartObject();
    put(w, "id", s.last_play_id);
    w.EndObject();
  }
  put(w, "isRedZone", s.red_zone);
  put(w, "homeTimeouts", s.home_timeouts);
  put(w, "awayTimeouts", s.away_timeouts);
  if (home || away)
    put(w, "possession", home ? g.home.id : g.away.id);
  else if (auto id = team_id_for(s.possession, &g); !id.empty())
    put(w, "possession", id);
  w.EndObject();
}

} // namespace playclock::espn::detail
