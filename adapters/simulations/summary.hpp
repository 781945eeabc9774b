#pragma once
// What a finished simulation comes to: its games' results, the standings or
// the champion, the leaders by stats, and the built-in narrative (who won,
// the turning points, the best players, the big plays). Plain C++.

#include <string>
#include <vector>

#include "adapters/sim/stats.hpp"
#include "adapters/simulations/plan.hpp"

namespace playclock::simulations {

/// One played game as the simulation recorded it.
struct game_record {
  std::string key;
  outcome result;
  /// "Q3 8:24 KC 21-17: P.Mahomes pass to T.Kelce for 38 yards, TOUCHDOWN"
  /// for every score that put a team ahead (lead changes and ties broken).
  std::vector<std::string> turning_points;
  /// Plays of 40 yards or more, and defensive or return touchdowns.
  std::vector<std::string> big_plays;
  sim::box_score box;
};

/// {"kind","games":[{key,home,away,home_score,away_score,winner,round}],
///  "standings":[{team,wins,losses,ties,points_for,points_against}],
///  "champion","leaders":{passing,rushing,receiving,defense},"events"}.
std::string result_json(const std::string& kind, const std::vector<game_record>& games, int events,
                        bool truncated);

/// The built-in narrative, a few paragraphs of plain text.
std::string narrate(const std::string& kind, const std::vector<game_record>& games, bool truncated);

} // namespace playclock::simulations
