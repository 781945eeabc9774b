#include "actors/alerts/candidates.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "adapters/alerts/format.hpp"

namespace playclock::alert_candidates {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool has_tag(const std::vector<std::string>& tags, const char* tag) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

std::vector<std::string> teams_of(const market_link& link) {
  if (link.team.empty())
    return {};
  return {link.team};
}

} // namespace

bool serious_injury_status(const std::string& status) {
  auto s = lower(status);
  return s == "out" || s == "doubtful" || s == "injured reserve" || s == "ir";
}

std::vector<alerts::candidate> of(const score_changed& e) {
  alerts::score_fact f;
  f.game_id = e.game_id;
  f.home = e.home;
  f.away = e.away;
  f.home_score = e.home_score;
  f.away_score = e.away_score;
  int home_points = e.home_score - e.previous_home_score;
  int away_points = e.away_score - e.previous_away_score;
  if (e.scoring_team == e.home)
    f.points = home_points;
  else if (e.scoring_team == e.away)
    f.points = away_points;
  else
    f.points = std::max(home_points, away_points);
  if (f.points <= 0)
    return {};
  f.scoring_team = e.scoring_team;
  if (f.scoring_team.empty())
    f.scoring_team = home_points >= away_points ? e.home : e.away;
  f.period = e.period;
  f.clock = e.clock;
  f.event_id = std::to_string(e.away_score) + "-" + std::to_string(e.home_score);
  return {alerts::score_candidate(f)};
}

std::vector<alerts::candidate> of(const play_added& e) {
  bool big = has_tag(e.tags, "big_play");
  bool turnover = has_tag(e.tags, "turnover");
  if (!big && !turnover)
    return {};
  alerts::play_fact f;
  f.game_id = e.game_id;
  f.home = e.home;
  f.away = e.away;
  f.home_score = e.play.home_score;
  f.away_score = e.play.away_score;
  f.team = e.play.team;
  f.description = e.play.text;
  f.play_type = e.play.type;
  f.yards = e.play.yards;
  f.period = e.play.period;
  f.clock = e.play.clock;
  f.play_id = e.play.id;
  f.tags = e.tags;
  std::vector<alerts::candidate> out;
  if (big)
    out.push_back(alerts::big_play_candidate(f));
  if (turnover)
    out.push_back(alerts::turnover_candidate(f));
  return out;
}

std::vector<alerts::candidate> of(const injury_reported& e) {
  const auto& inj = e.injury;
  if (!serious_injury_status(inj.status) || lower(inj.status) == lower(e.previous_status))
    return {};
  alerts::injury_fact f;
  f.team = inj.team;
  f.player_id = inj.player_id;
  f.player_name = inj.player_name;
  f.position = inj.position;
  f.status = inj.status;
  f.previous_status = e.previous_status;
  f.detail = inj.detail;
  f.game_id = e.game_id;
  // The change itself: the same report seen again is a duplicate, a later
  // change into the same status (after a return) is not.
  f.event_id = e.previous_status + ">" + inj.status + "@" + inj.date;
  return {alerts::injury_candidate(f)};
}

std::vector<alerts::candidate> of(const price_moved& e) {
  alerts::spike_fact f;
  f.ticker = e.ticker;
  f.title = e.title;
  f.game_id = e.link.game_id;
  f.teams = teams_of(e.link);
  f.before = e.before;
  f.after = e.after;
  f.seconds_between = e.seconds_between;
  f.event_id = std::to_string(e.observed_at_ms);
  return {alerts::spike_candidate(f)};
}

std::vector<alerts::candidate> of(const correlation_measured& e) {
  alerts::correlation_fact f;
  f.game_id = e.game_id;
  f.home = e.home;
  f.away = e.away;
  f.team = e.play_team;
  for (auto kind : {"touchdown", "turnover", "big_play"}) {
    if (has_tag(e.tags, kind)) {
      f.play_kind = kind == std::string{"big_play"} ? "big play" : kind;
      break;
    }
  }
  f.play_description = e.play_text;
  f.ticker = e.ticker;
  f.before = e.before;
  f.after = e.after;
  f.change_points = e.points;
  f.level = alerts::parse_impact(e.impact);
  f.play_id = e.play_id;
  return {alerts::correlation_candidate(f)};
}

std::vector<alerts::candidate> of(const edge_detected& e) {
  alerts::edge_fact f;
  f.ticker = e.ticker;
  f.game_id = e.link.game_id;
  f.teams = teams_of(e.link);
  f.market_probability = e.market_probability;
  f.model_probability = e.model_probability;
  if (!e.model.empty())
    f.model_version = e.model + " v" + std::to_string(e.model_version);
  f.event_id = std::to_string(e.at_ms);
  return {alerts::edge_candidate(f)};
}

} // namespace playclock::alert_candidates
