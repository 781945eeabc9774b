#include <map>

#include "adapters/espn/field.hpp"
#include "adapters/espn/json_write.hpp"
#include "adapters/espn/write.hpp"

namespace playclock::espn {

namespace {

using detail::put;
using detail::writer;

bool contains(const std::string& s, const char* needle) {
  return s.find(needle) != std::string::npos;
}

void write_header(writer& w, const sports::game& g) {
  w.Key("header");
  w.StartObject();
  put(w, "id", g.id);
  put(w, "uid", "s:20~l:28~e:" + g.id);
  w.Key("season");
  w.StartObject();
  put(w, "year", g.season);
  put(w, "type", g.season_type);
  w.EndObject();
  put(w, "week", g.week);
  w.Key("competitions");
  w.StartArray();
  w.StartObject();
  put(w, "id", g.id);
  put(w, "date", g.start_time);
  detail::write_competitors(w, g);
  detail::write_status(w, g);
  detail::write_situation(w, g);
  w.EndObject();
  w.EndArray();
  w.EndObject();

  w.Key("gameInfo");
  w.StartObject();
  detail::write_venue(w, g.where);
  w.EndObject();

  w.Key("boxscore");
  w.StartObject();
  w.Key("teams");
  w.StartArray();
  for (const auto* t : {&g.away, &g.home}) {
    w.StartObject();
    w.Key("team");
    w.StartObject();
    put(w, "id", t->id);
    put(w, "abbreviation", t->abbreviation);
    put(w, "displayName", t->name);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.Key("players");
  w.StartArray();
  w.EndArray();
  w.EndObject();
}

// scoringType for the points a play scored; scoreValue for anything else.
void write_score_type(writer& w, const sports::play& p) {
  const char* name = nullptr;
  const char* display = nullptr;
  const char* abbreviation = nullptr;
  if (p.score_value == 6) {
    name = "touchdown", display = "Touchdown", abbreviation = "TD";
  } else if (p.score_value == 3) {
    name = "field-goal", display = "Field Goal", abbreviation = "FG";
  } else if (p.score_value == 2 && (contains(p.type, "Two") || contains(p.text, "TWO-POINT"))) {
    name = "two-point-conversion", display = "Two-Point Conversion", abbreviation = "2PT";
  } else if (p.score_value == 2) {
    name = "safety", display = "Safety", abbreviation = "SF";
  } else if (p.score_value == 1) {
    name = "extra-point", display = "Extra Point", abbreviation = "PAT";
  }
  if (name == nullptr) {
    put(w, "scoreValue", p.score_value);
    return;
  }
  w.Key("scoringType");
  w.StartObject();
  put(w, "name", name);
  put(w, "displayName", display);
  put(w, "abbreviation", abbreviation);
  w.EndObject();
}

void write_start(writer& w, const sports::play& p, const sports::game* g) {
  const bool home = g != nullptr && !p.team.empty() && p.team == g->home.abbreviation;
  const bool away = g != nullptr && !p.team.empty() && !home && p.team == g->away.abbreviation;
  w.Key("start");
  w.StartObject();
  put(w, "down", p.start_down);
  put(w, "distance", p.start_distance);
  put(w, "yardLine",
      home || away ? yard_line_from_yards_to_endzone(p.start_yards_to_endzone, home)
                   : p.start_yards_to_endzone);
  put(w, "yardsToEndzone", p.start_yards_to_endzone);
  if ((home || away) && p.start_down >= 1 && p.start_down <= 4)
    put(w, "possessionText",
        possession_text(p.start_yards_to_endzone, p.team,
                        home ? g->away.abbreviation : g->home.abbreviation));
  if (!p.team.empty())
    detail::write_team_ref(w, "team", p.team, g);
  w.EndObject();
}

// What a play and a scoring-play entry both carry: type, text, score after
// it, period and clock.
void write_play_basics(writer& w, const sports::play& p) {
  w.Key("type");
  w.StartObject();
  put(w, "text", p.type);
  w.EndObject();
  put(w, "text", p.text);
  put(w, "awayScore", p.away_score);
  put(w, "homeScore", p.home_score);
  w.Key("period");
  w.StartObject();
  put(w, "number", p.period);
  w.EndObject();
  w.Key("clock");
  w.StartObject();
  put(w, "displayValue", p.clock);
  w.EndObject();
}

void write_play(writer& w, const sports::play& p, const sports::game* g) {
  w.StartObject();
  put(w, "id", p.id);
  put(w, "sequenceNumber", std::to_string(p.sequence));
  write_play_basics(w, p);
  if (!p.wallclock.empty())
    put(w, "wallclock", p.wallclock);
  put(w, "scoringPlay", p.scoring);
  if (p.scoring)
    write_score_type(w, p);
  write_start(w, p, g);
  put(w, "statYardage", p.yards);
  if (!p.players.empty()) {
    w.Key("participants");
    w.StartArray();
    for (const auto& who : p.players) {
      w.StartObject();
      w.Key("athlete");
      w.StartObject();
      put(w, "id", who.player_id);
      put(w, "shortName", who.name);
      w.EndObject();
      put(w, "type", who.role);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

void write_drive(writer& w, const sports::drive& d, const sports::game* g) {
  w.StartObject();
  put(w, "id", d.id);
  put(w, "description", d.description);
  detail::write_team_ref(w, "team", d.team, g);
  put(w, "yards", d.yards);
  put(w, "isScore", d.scoring);
  put(w, "result", d.result);
  w.Key("plays");
  w.StartArray();
  for (const auto& p : d.plays)
    write_play(w, p, g);
  w.EndArray();
  w.EndObject();
}

void write_drives(writer& w, const sports::game_summary& s, const sports::game* g) {
  // The drive of a game in progress is open: ESPN serves it as drives.current.
  const bool open = g != nullptr && g->state == sports::game_state::in && !s.drives.empty();
  const std::size_t closed = open ? s.drives.size() - 1 : s.drives.size();
  w.Key("drives");
  w.StartObject();
  w.Key("previous");
  w.StartArray();
  for (std::size_t i = 0; i < closed; ++i)
    write_drive(w, s.drives[i], g);
  w.EndArray();
  if (open) {
    w.Key("current");
    write_drive(w, s.drives.back(), g);
  }
  w.EndObject();
}

void write_scoring_plays(writer& w, const sports::game_summary& s, const sports::game* g) {
  std::map<std::string, const sports::play*> plays;
  for (const auto& d : s.drives)
    for (const auto& p : d.plays)
      plays.emplace(p.id, &p);
  w.Key("scoringPlays");
  w.StartArray();
  for (const auto& id : s.scoring_play_ids) {
    w.StartObject();
    put(w, "id", id);
    if (auto it = plays.find(id); it != plays.end()) {
      const sports::play& p = *it->second;
      write_play_basics(w, p);
      if (!p.team.empty())
        detail::write_team_ref(w, "team", p.team, g);
      write_score_type(w, p);
    }
    w.EndObject();
  }
  w.EndArray();
}

void write_injury(writer& w, const sports::injury& in) {
  w.StartObject();
  w.Key("athlete");
  w.StartObject();
  put(w, "id", in.player_id);
  put(w, "displayName", in.player_name);
  w.Key("position");
  w.StartObject();
  put(w, "abbreviation", in.position);
  w.EndObject();
  w.EndObject();
  put(w, "status", in.status);
  put(w, "date", in.date);
  if (!in.detail.empty()) {
    w.Key("details");
    w.StartObject();
    put(w, "type", in.detail);
    w.EndObject();
  }
  w.EndObject();
}

// One team entry per run of consecutive injuries of a team: the order of the
// list survives a round trip.
void write_injuries(writer& w, const std::vector<sports::injury>& list, const sports::game* g) {
  w.Key("injuries");
  w.StartArray();
  for (std::size_t i = 0; i < list.size();) {
    w.StartObject();
    detail::write_team_ref(w, "team", list[i].team, g);
    w.Key("injuries");
    w.StartArray();
    std::size_t j = i;
    for (; j < list.size() && list[j].team == list[i].team; ++j)
      write_injury(w, list[j]);
    w.EndArray();
    w.EndObject();
    i = j;
  }
  w.EndArray();
}

} // namespace

std::string write_summary(const sports::game_summary& s) {
  rapidjson::StringBuffer buffer;
  writer w{buffer};
  const sports::game* g = s.header ? &*s.header : nullptr;
  w.StartObject();
  if (g != nullptr)
    write_header(w, *g);
  write_drives(w, s, g);
  write_scoring_plays(w, s, g);
  write_injuries(w, s.injuries, g);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

} // namespace playclock::espn
