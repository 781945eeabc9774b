// Summary drives and their plays.
#include <algorithm>
#include <utility>

#include "adapters/espn/field.hpp"
#include "adapters/espn/json_read.hpp"
#include "adapters/sports/timestamp.hpp"

namespace playclock::espn::detail {

namespace {

bool contains(const std::string& s, const char* needle) {
  return s.find(needle) != std::string::npos;
}

// scoringType {"name":"touchdown","abbreviation":"TD"}.
std::optional<int> points_of_scoring_type(const json* t) {
  auto name = text_or(get(t, "name"));
  auto abbreviation = text_or(get(t, "abbreviation"));
  if (name == "touchdown" || abbreviation == "TD")
    return 6;
  if (name == "field-goal" || abbreviation == "FG")
    return 3;
  if (name == "safety" || contains(name, "two-point") || abbreviation == "SF" ||
      abbreviation == "2PT")
    return 2;
  if (name == "extra-point" || abbreviation == "PAT" || abbreviation == "XP")
    return 1;
  return std::nullopt;
}

std::optional<int> points_of_type_text(const std::string& type) {
  if (contains(type, "Touchdown"))
    return 6;
  if (contains(type, "Field Goal Good"))
    return 3;
  if (contains(type, "Safety") || contains(type, "Two-Point") || contains(type, "Two Point"))
    return 2;
  if (contains(type, "Extra Point Good"))
    return 1;
  return std::nullopt;
}

// Points of a scoring play: what the feed names (scoringType, scoreValue, the
// play type), else the change of the total score. The total after a
// touchdown already holds the extra point (GB@ATL: 0-0 -> 7-0 on the TD).
int score_value(const json& p, const sports::play& out, const play_cursor& before) {
  if (auto v = points_of_scoring_type(get(&p, "scoringType")))
    return *v;
  if (auto v = small_integer(get(&p, "scoreValue")); v && *v >= 0 && *v <= 8)
    return *v;
  if (auto v = points_of_type_text(out.type))
    return *v;
  long delta =
      static_cast<long>(out.home_score) + out.away_score - before.home_score - before.away_score;
  if (delta == 7 || delta == 8)
    return 6;
  return delta >= 1 && delta <= 6 ? static_cast<int>(delta) : 0;
}

std::vector<sports::participant> read_participants(const json* list) {
  std::vector<sports::participant> out;
  for (std::size_t i = 0; i < size_of(list); ++i) {
    const json* p = at(list, i);
    if (!is_object(p))
      continue;
    const json* athlete = get(p, "athlete");
    sports::participant who;
    who.player_id =
        id_text(get(athlete, "id")).value_or(last_segment(text_or(get(athlete, "$ref"))));
    who.name = text_or(get(athlete, "shortName"), text_or(get(athlete, "displayName")));
    who.role = text_or(get(p, "type"));
    out.push_back(std::move(who));
  }
  return out;
}

std::optional<sports::play> read_play(const json& p, const std::string& path,
                                      const std::string& drive_id, const sports::game* g,
                                      play_cursor& cursor, std::vector<issue>& issues) {
  const std::string game_id = g != nullptr ? g->id : std::string{};
  if (!p.IsObject()) {
    issues.push_back(issue{game_id, path, "play: not an object"});
    return std::nullopt;
  }
  sports::play out;
  auto id = id_text(get(&p, "id"));
  if (!id) {
    issues.push_back(issue{game_id, member_path(path, "id"), "play id: missing or not a string"});
    return std::nullopt;
  }
  out.id = std::move(*id);
  out.sequence = integer(get(&p, "sequenceNumber")).value_or(0);
  out.drive_id = drive_id;
  out.period = int_or(get(&p, "period", "number"), int_or(get(&p, "period"), 0));
  out.clock = text_or(get(&p, "clock", "displayValue"));
  const json* start = get(&p, "start");
  auto team_id = id_text(get(start, "team", "id"));
  if (!team_id)
    team_id = id_text(get(&p, "team", "id"));
  out.team = abbreviation_for(team_id.value_or(""), g);
  if (out.team.empty())
    out.team = text_or(get(start, "team", "abbreviation"));
  out.type = text_or(get(&p, "type", "text"));
  out.text = text_or(get(&p, "text"));
  // Optional: a malformed one is dropped, never stored.
  if (auto wall = text_or(get(&p, "wallclock")); sports::is_utc_timestamp(wall))
    out.wallclock = std::move(wall);
  out.yards = int_or(get(&p, "statYardage"), 0);
  int down = int_or(get(start, "down"), 0);
  out.start_down = down >= 1 && down <= 4 ? down : 0;
  out.start_distance = std::max(0, int_or(get(start, "distance"), 0));
  std::optional<bool> offense_is_home;
  if (g != nullptr && !out.team.empty() && out.team == g->home.abbreviation)
    offense_is_home = true;
  else if (g != nullptr && !out.team.empty() && out.team == g->away.abbreviation)
    offense_is_home = false;
  out.start_yards_to_endzone = resolve_yards_to_endzone(
      text(get(start, "possessionText")), small_integer(get(start, "yardsToEndzone")),
      small_integer(get(start, "yardLine")), out.team, offense_is_home);
  out.home_score = std::max(0, int_or(get(&p, "homeScore"), 0));
  out.away_score = std::max(0, int_or(get(&p, "awayScore"), 0));
  out.scoring = bool_or(get(&p, "scoringPlay"), false);
  out.score_value = out.scoring ? score_value(p, out, cursor) : 0;
  out.players = read_participants(get(&p, "participants"));
  cursor.home_score = out.home_score;
  cursor.away_score = out.away_score;
  return out;
}

} // namespace

std::optional<sports::drive> read_drive(const json& d, const std::string& path,
                                        const sports::game* g, play_cursor& cursor,
                                        std::vector<issue>& issues) {
  if (!d.IsObject()) {
    issues.push_back(issue{g != nullptr ? g->id : std::string{}, path, "drive: not an object"});
    return std::nullopt;
  }
  sports::drive out;
  out.id = id_text(get(&d, "id")).value_or("");
  const json* team = get(&d, "team");
  out.team = text_or(get(team, "abbreviation"));
  if (out.team.empty())
    out.team = abbreviation_for(id_text(get(team, "id")).value_or(""), g);
  out.description = text_or(get(&d, "description"));
  out.result = text_or(get(&d, "result"), text_or(get(&d, "displayResult")));
  out.yards = int_or(get(&d, "yards"), 0);
  out.scoring = bool_or(get(&d, "isScore"), false);
  const json* plays = get(&d, "plays");
  if (plays != nullptr && !plays->IsArray())
    issues.push_back(issue{g != nullptr ? g->id : std::string{}, member_path(path, "plays"),
                           "plays: not an array"});
  for (std::size_t i = 0; i < size_of(plays); ++i)
    if (auto p = read_play(*at(plays, i), indexed(path, "plays", i), out.id, g, cursor, issues))
      out.plays.push_back(std::move(*p));
  return out;
}

} // namespace playclock::espn::detail
