#include "adapters/sports/enrich.hpp"

#include <algorithm>

namespace playclock::sports {

namespace {

bool contains(const std::string& haystack, const char* needle) {
  return haystack.find(needle) != std::string::npos;
}

bool is_kick(const play& p) {
  return contains(p.type, "Kickoff") || contains(p.type, "Punt") || contains(p.type, "Field Goal")
         || contains(p.type, "Extra Point");
}

bool is_administrative(const play& p) {
  return contains(p.type, "Timeout") || contains(p.type, "End ") || contains(p.type, "End of")
         || contains(p.type, "Two-minute") || contains(p.type, "Coin Toss");
}

bool is_turnover(const play& p) {
  if (contains(p.type, "Interception") || contains(p.type, "Fumble Recovery (Opponent)")
      || contains(p.type, "Blocked") || contains(p.type, "Muffed"))
    return true;
  return contains(p.text, "INTERCEPTED") || contains(p.text, "RECOVERED by")
         || contains(p.text, "Turnover on downs");
}

// The usual success definition: 40% of the distance on 1st down, 60% on 2nd,
// all of it on 3rd and 4th.
bool successful(const play& p) {
  if (p.start_distance <= 0)
    return p.yards > 0;
  double need = p.start_down == 1 ? 0.4 : p.start_down == 2 ? 0.6 : 1.0;
  return p.yards >= need * p.start_distance || (p.scoring && p.score_value >= 6);
}

} // namespace

int clock_seconds(const std::string& clock) {
  auto colon = clock.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 >= clock.size())
    return -1;
  int minutes = 0;
  int seconds = 0;
  for (std::size_t i = 0; i < colon; ++i) {
    if (clock[i] < '0' || clock[i] > '9')
      return -1;
    minutes = minutes * 10 + (clock[i] - '0');
  }
  for (std::size_t i = colon + 1; i < clock.size(); ++i) {
    if (clock[i] < '0' || clock[i] > '9')
      return -1;
    seconds = seconds * 10 + (clock[i] - '0');
  }
  return minutes * 60 + seconds;
}

bool is_scrimmage_play(const play& p) {
  if (is_kick(p) || is_administrative(p))
    return false;
  if (p.type == "Penalty" && contains(p.text, "No Play"))
    return false;
  return !p.team.empty()
         && (contains(p.type, "Rush") || contains(p.type, "Pass") || contains(p.type, "Sack")
             || contains(p.type, "Fumble") || contains(p.type, "Interception")
             || contains(p.type, "Touchdown") || contains(p.type, "Safety"));
}

std::vector<std::string> tag_play(const play& p, const enrich_options& opts) {
  std::vector<std::string> tags;
  if (p.scoring)
    tags.emplace_back("scoring");
  if (p.scoring && (p.score_value >= 6 || contains(p.type, "Touchdown")))
    tags.emplace_back("touchdown");
  if (p.scoring && contains(p.type, "Field Goal"))
    tags.emplace_back("field_goal");
  if (contains(p.type, "Safety") || (p.scoring && p.score_value == 2 && contains(p.text, "SAFETY")))
    tags.emplace_back("safety");
  if (is_turnover(p))
    tags.emplace_back("turnover");
  if (p.yards >= opts.big_play_yards && !contains(p.type, "Field Goal")
      && !contains(p.type, "Punt") && !contains(p.type, "Kickoff") && p.type != "Penalty")
    tags.emplace_back("big_play");
  if (p.start_yards_to_endzone > 0 && p.start_yards_to_endzone <= 20 && !is_administrative(p)
      && !contains(p.type, "Kickoff"))
    tags.emplace_back("red_zone");
  auto left = clock_seconds(p.clock);
  if ((p.period == 2 || p.period >= 4) && left >= 0 && left <= 120 && !is_administrative(p))
    tags.emplace_back("two_minute_drill");
  if (p.start_down == 4 && !is_kick(p) && !is_administrative(p) && p.type != "Penalty")
    tags.emplace_back("fourth_down_try");
  if (contains(p.type, "Sack"))
    tags.emplace_back("sack");
  if (p.type == "Penalty" || contains(p.text, "PENALTY"))
    tags.emplace_back("penalty");
  return tags;
}

rolling_window::rolling_window(int window) : window_(std::max(1, window)) {}

void rolling_window::add(const play& p) {
  if (!is_scrimmage_play(p))
    return;
  auto& q = teams_[p.team];
  q.push_back(sample{p.yards, successful(p)});
  while (static_cast<int>(q.size()) > window_)
    q.pop_front();
}

rolling_window::numbers rolling_window::of(const std::string& team) const {
  numbers n;
  auto i = teams_.find(team);
  if (i == teams_.end() || i->second.empty())
    return n;
  int yards = 0;
  int ok = 0;
  for (const auto& s : i->second) {
    yards += s.yards;
    ok += s.success ? 1 : 0;
  }
  n.plays = static_cast<int>(i->second.size());
  n.yards_per_play = static_cast<double>(yards) / n.plays;
  n.success_rate = static_cast<double>(ok) / n.plays;
  return n;
}

} // namespace playclock::sports
