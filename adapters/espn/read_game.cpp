// One scoreboard event or summary header -> sports::game, and the situation.
#include <algorithm>
#include <utility>

#include "adapters/espn/field.hpp"
#include "adapters/espn/json_read.hpp"
#include "adapters/espn/teams.hpp"

namespace playclock::espn::detail {

namespace {

struct failure {
  std::string path;
  std::string message;
};

struct season_info {
  std::optional<int> year;
  std::optional<int> type;
};

// {"year":2024,"type":2} (events, headers, the scoreboard root) or
// {"year":2022,"type":{"type":2,...}} (leagues[].season).
season_info season_of(const json* season) {
  season_info s;
  s.year = small_integer(get(season, "year"));
  const json* type = get(season, "type");
  s.type = small_integer(type);
  if (!s.type)
    s.type = small_integer(get(type, "type"));
  if (!s.type)
    s.type = small_integer(get(type, "id"));
  return s;
}

// {"number":11} (scoreboards) or a bare 2 (summary headers).
std::optional<int> week_of(const json* week) {
  if (auto n = small_integer(week))
    return n;
  return small_integer(get(week, "number"));
}

// "score":"7", "score":7 or {"value":7,"displayValue":"7"}.
std::optional<int> score_of(const json* score) {
  if (is_object(score)) {
    if (auto v = small_integer(get(score, "value")))
      return v;
    return small_integer(get(score, "displayValue"));
  }
  return small_integer(score);
}

// Reads competitors[] into g.home / g.away; a failure names the bad piece.
std::optional<failure> read_competitors(const json* list, const std::string& path,
                                        bool scores_required, sports::game& g) {
  if (!is_array(list))
    return failure{path, "competitors: missing or not an array"};
  bool have_home = false;
  bool have_away = false;
  for (std::size_t i = 0; i < size_of(list); ++i) {
    const json* c = at(list, i);
    std::string here = path + "[" + std::to_string(i) + "]";
    if (!is_object(c))
      return failure{here, "competitor: not an object"};
    auto side = text(get(c, "homeAway"));
    if (!side || (*side != "home" && *side != "away"))
      return failure{here + ".homeAway", "homeAway: missing or not \"home\"/\"away\""};
    bool home = *side == "home";
    if ((home && have_home) || (!home && have_away))
      return failure{here + ".homeAway", "two " + *side + " competitors"};
    const json* team = get(c, "team");
    auto id = id_text(get(team, "id"));
    if (!id)
      id = id_text(get(c, "id"));
    if (!id)
      return failure{here + ".team.id", "team id: missing or not a string"};
    auto abbreviation = text(get(team, "abbreviation"));
    if (!abbreviation || abbreviation->empty())
      return failure{here + ".team.abbreviation", "team abbreviation: missing or not a string"};
    const json* score_value = get(c, "score");
    std::optional<int> score =
        score_value == nullptr && !scores_required ? std::optional<int>{0} : score_of(score_value);
    if (!score || *score < 0)
      return failure{here + ".score", "score: missing or not a non-negative integer"};
    sports::team& t = home ? g.home : g.away;
    t.id = std::move(*id);
    t.abbreviation = std::move(*abbreviation);
    t.name = text_or(get(team, "displayName"), text_or(get(team, "name")));
    (home ? g.home_score : g.away_score) = *score;
    (home ? have_home : have_away) = true;
  }
  if (!have_home || !have_away)
    return failure{path, have_home ? "no away competitor" : "no home competitor"};
  return std::nullopt;
}

sports::venue read_venue(const json* v) {
  sports::venue out;
  out.id = id_text(get(v, "id")).value_or("");
  out.name = text_or(get(v, "fullName"), text_or(get(v, "name")));
  out.city = text_or(get(v, "address", "city"));
  out.state = text_or(get(v, "address", "state"));
  out.indoor = bool_or(get(v, "indoor"), false);
  return out;
}

} // namespace

std::string abbreviation_for(const std::string& team_id, const sports::game* g) {
  if (team_id.empty())
    return {};
  if (g != nullptr && team_id == g->home.id)
    return g->home.abbreviation;
  if (g != nullptr && team_id == g->away.id)
    return g->away.abbreviation;
  return std::string{team_abbreviation(team_id)};
}

std::optional<sports::game> read_game(const json& event, const std::string& path, const json* root,
                                      bool scores_required, std::vector<issue>& issues) {
  sports::game g;
  auto fail = [&](std::string where, std::string message) {
    issues.push_back(issue{g.id, std::move(where), std::move(message)});
    return std::nullopt;
  };
  if (!event.IsObject())
    return fail(path, "event: not an object");
  auto id = id_text(get(&event, "id"));
  if (!id)
    return fail(member_path(path, "id"), "id: missing or not a string");
  g.id = std::move(*id);
  const std::string comp_path = indexed(path, "competitions", 0);
  const json* comp = at(get(&event, "competitions"), 0);
  if (!is_object(comp))
    return fail(comp_path, "competitions[0]: missing or not an object");
  const json* status = get(comp, "status");
  std::string status_path = member_path(comp_path, "status");
  if (!is_object(status)) {
    status = get(&event, "status");
    status_path = member_path(path, "status");
  }
  auto state_text = text(get(status, "type", "state"));
  auto state = state_text ? sports::parse_game_state(*state_text) : std::nullopt;
  if (!state)
    return fail(status_path + ".type.state", "state: missing or not pre/in/post");
  g.state = *state;
  if (auto f = read_competitors(get(comp, "competitors"), member_path(comp_path, "competitors"),
                                scores_required, g))
    return fail(std::move(f->path), std::move(f->message));

  auto season = season_of(get(&event, "season"));
  auto root_season = season_of(get(root, "season"));
  auto league_season = season_of(get(at(get(root, "leagues"), 0), "season"));
  g.season = season.year.value_or(root_season.year.value_or(league_season.year.value_or(0)));
  g.season_type = season.type.value_or(root_season.type.value_or(league_season.type.value_or(2)));
  g.week = week_of(get(&event, "week")).value_or(week_of(get(root, "week")).value_or(0));
  g.start_time = text_or(get(&event, "date"), text_or(get(comp, "date")));
  const json* type = get(status, "type");
  g.status_detail = text_or(get(type, "detail"),
                            text_or(get(type, "shortDetail"), text_or(get(type, "description"))));
  g.period = int_or(get(status, "period"), 0);
  g.clock = text_or(get(status, "displayClock"));
  g.clock_seconds = number_or(get(status, "clock"), 0);
  const json* venue = get(comp, "venue");
  g.where = read_venue(is_object(venue) ? venue : get(root, "gameInfo", "venue"));
  if (const json* s = get(comp, "situation"); is_object(s))
    g.now = read_situation(*s, g);
  return g;
}

sports::situation read_situation(const json& s, const sports::game& g) {
  sports::situation out;
  int down = int_or(get(&s, "down"), 0);
  out.down = down >= 1 && down <= 4 ? down : 0;
  out.distance = std::max(0, int_or(get(&s, "distance"), 0));
  auto possession = id_text(get(&s, "possession"));
  // ESPN sometimes drops `possession` right after a change of possession
  // (LAR@NO 2022 wk11: 1st & 10 after a touchback): the last play's end team
  // has the ball then. Not between plays that have no down (after a score).
  if (!possession && out.down > 0)
    possession = id_text(get(&s, "lastPlay", "end", "team", "id"));
  out.possession = abbreviation_for(possession.value_or(""), &g);
  std::optional<bool> offense_is_home;
  if (!out.possession.empty() && out.possession == g.home.abbreviation)
    offense_is_home = true;
  else if (!out.possession.empty() && out.possession == g.away.abbreviation)
    offense_is_home = false;
  if (!out.possession.empty())
    out.yards_to_endzone = resolve_yards_to_endzone(
        text(get(&s, "possessionText")), small_integer(get(&s, "yardsToEndzone")),
        small_integer(get(&s, "yardLine")), out.possession, offense_is_home);
  out.red_zone = bool_or(get(&s, "isRedZone"), false);
  out.home_timeouts = int_or(get(&s, "homeTimeouts"), 3);
  out.away_timeouts = int_or(get(&s, "awayTimeouts"), 3);
  out.last_play_id = id_text(get(&s, "lastPlay", "id")).value_or("");
  return out;
}

} // namespace playclock::espn::detail
