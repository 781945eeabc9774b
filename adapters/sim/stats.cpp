#include "adapters/sim/stats.hpp"

namespace playclock::sim {

namespace {

bool has(const std::string& s, const char* needle) {
  return s.find(needle) != std::string::npos;
}

const sports::participant* in_role(const sports::play& p, const char* role) {
  for (const auto& x : p.players)
    if (x.role == role)
      return &x;
  return nullptr;
}

bool is_clock_event(const sports::play& p) {
  return has(p.type, "Timeout") || has(p.type, "End ") || has(p.type, "End of") ||
         has(p.type, "Two-minute");
}

// Every "PENALTY on ATL-..." or "Penalty on ATL, ..." (any team) in the text.
void count_fouls(const std::string& text, box_score& b) {
  for (const char* marker : {"PENALTY on ", "Penalty on "}) {
    for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1)) {
      auto start = at + 11;
      auto end = text.find_first_of("-,", start);
      if (end != std::string::npos)
        ++b.teams[text.substr(start, end - start)].penalties;
    }
  }
}

player_box& line(box_score& b, const sports::participant& who, const std::string& team) {
  auto& l = b.players[who.player_id];
  l.name = who.name;
  l.team = team;
  return l;
}

void scoring(const sports::play& p, const std::string& scorer, box_score& b) {
  auto& t = b.teams[scorer];
  if (has(p.text, "TOUCHDOWN"))
    ++t.touchdowns;
  if (has(p.text, "extra point is")) {
    ++t.extra_point_attempts;
    t.extra_points_made += has(p.text, "extra point is GOOD") ? 1 : 0;
  }
  if (has(p.text, "TWO-POINT CONVERSION ATTEMPT")) {
    ++t.two_point_attempts;
    t.two_points_made += has(p.text, "ATTEMPT SUCCEEDS") ? 1 : 0;
  }
  if (p.type == "Safety")
    ++t.safeties;
}

void scrimmage(const sports::play& p, const std::string& defense, box_score& b) {
  const auto* passer = in_role(p, "passer");
  const auto* rusher = in_role(p, "rusher");
  if (!passer && !rusher)
    return;
  auto& t = b.teams[p.team];
  const auto* receiver = in_role(p, "receiver");
  const auto* sacker = in_role(p, "sacker");
  const auto* interceptor = in_role(p, "interceptor");
  const bool kneel = has(p.text, " kneels ");
  const bool spike = has(p.text, "spiked the ball");
  const bool lost = p.type == "Fumble Recovery (Opponent)" || p.type == "Fumble Return Touchdown";
  const int gain = interceptor ? 0 : p.yards;
  if (!kneel && !spike) {
    ++t.offensive_plays;
    t.pass_plays += passer ? 1 : 0;
    t.yards += gain;
  }
  t.fumbles_lost += lost ? 1 : 0;
  t.kneels += kneel ? 1 : 0;
  if (sacker) {
    ++t.sacks_taken;
    t.passing_yards += gain;
    ++line(b, *sacker, defense).sacks;
    return;
  }
  if (rusher) {
    t.rushing_yards += gain;
    auto& l = line(b, *rusher, p.team);
    ++l.rush_attempts;
    l.rushing_yards += gain;
    l.rushing_touchdowns += p.type == "Rushing Touchdown" ? 1 : 0;
    return;
  }
  if (spike)
    return;
  auto& q = line(b, *passer, p.team);
  ++q.pass_attempts;
  if (interceptor) {
    ++t.interceptions;
    ++q.interceptions_thrown;
    ++line(b, *interceptor, defense).interceptions;
    return;
  }
  if (!receiver || p.type == "Pass Incompletion")
    return;
  const bool td = p.type == "Passing Touchdown";
  ++q.completions;
  q.passing_yards += gain;
  q.passing_touchdowns += td ? 1 : 0;
  t.passing_yards += gain;
  auto& c = line(b, *receiver, p.team);
  ++c.receptions;
  c.receiving_yards += gain;
  c.receiving_touchdowns += td ? 1 : 0;
}

} // namespace

box_score compute_box_score(const sports::game_summary& game) {
  box_score b;
  if (!game.header)
    return b;
  const std::string& home = game.header->home.abbreviation;
  const std::string& away = game.header->away.abbreviation;
  b.teams[home];
  b.teams[away];
  int home_before = 0;
  int away_before = 0;
  for (const auto& p : game.all_plays()) {
    const int dh = p.home_score - home_before;
    const int da = p.away_score - away_before;
    home_before = p.home_score;
    away_before = p.away_score;
    b.teams[home].points += dh;
    b.teams[away].points += da;
    if (dh > 0 || da > 0)
      scoring(p, dh > 0 ? home : away, b);
    count_fouls(p.text, b);
    if (is_clock_event(p) || p.type == "Penalty" || has(p.type, "Kickoff"))
      continue;
    auto& t = b.teams[p.team];
    if (has(p.type, "Punt")) {
      ++t.punts;
      continue;
    }
    if (has(p.type, "Field Goal")) {
      const bool good = p.type == "Field Goal Good";
      ++t.field_goal_attempts;
      t.field_goals_made += good ? 1 : 0;
      if (const auto* k = in_role(p, "kicker")) {
        auto& l = line(b, *k, p.team);
        ++l.field_goal_attempts;
        l.field_goals_made += good ? 1 : 0;
      }
      continue;
    }
    scrimmage(p, p.team == home ? away : home, b);
  }
  return b;
}

} // namespace playclock::sim
