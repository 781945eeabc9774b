#include "adapters/winprob/stored_state.hpp"

#include "adapters/sports/enrich.hpp"

namespace playclock::winprob {

game_state state_of(const stored_row& r) {
  game_state s;
  s.home_score = r.home_score;
  s.away_score = r.away_score;
  s.final = r.final;
  if (r.period < 1) {
    s.period = 1;
    s.clock_seconds = 900;
  } else {
    s.period = r.period;
    int secs = sports::clock_seconds(r.clock);
    s.clock_seconds = secs < 0 ? 900 : secs;
  }
  if (!r.possession.empty() && r.possession == r.home_team)
    s.possession = 1;
  else if (!r.possession.empty() && r.possession == r.away_team)
    s.possession = -1;
  s.down = r.down;
  s.distance = r.down > 0 ? r.distance : 0;
  s.yards_to_endzone = r.yards_to_endzone > 0 ? r.yards_to_endzone : 75;
  return s;
}

bool held_out(const std::string& game_id, int holdout_pct) {
  // FNV-1a: stable across runs, builds and machines.
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : game_id) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return static_cast<int>(h % 100) < holdout_pct;
}

} // namespace playclock::winprob
