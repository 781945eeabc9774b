#pragma once
// Enrichment of plays: tags (scoring, turnover, big play, red zone, two-minute
// drill, fourth-down try, ...) and rolling per-team statistics over the last
// N plays. Pure functions and a small class, free of CAF.

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "adapters/sports/types.hpp"

namespace playclock::sports {

struct enrich_options {
  /// Yards gained from which a play is a big play.
  int big_play_yards = 20;
};

/// The tags of one play, in a fixed order: scoring, touchdown, field_goal,
/// safety, turnover, big_play, red_zone, two_minute_drill, fourth_down_try,
/// sack, penalty.
std::vector<std::string> tag_play(const play& p, const enrich_options& opts = {});

/// True for snaps from scrimmage (runs, passes, sacks, scrambles), which count
/// in yards per play; false for kicks, penalties without a play, timeouts.
bool is_scrimmage_play(const play& p);

/// Per-team numbers over each team's last `window` scrimmage plays.
class rolling_window {
public:
  explicit rolling_window(int window = 10);

  /// Adds a play (ignored unless it is a scrimmage play with a team).
  void add(const play& p);

  struct numbers {
    int plays = 0;
    double yards_per_play = 0;
    double success_rate = 0;
  };

  /// The team's numbers now (zero plays if none seen).
  numbers of(const std::string& team) const;

private:
  struct sample {
    int yards;
    bool success;
  };
  int window_;
  std::map<std::string, std::deque<sample>> teams_;
};

/// Parses "MM:SS" into seconds; -1 if malformed.
int clock_seconds(const std::string& clock);

} // namespace playclock::sports
