#pragma once
// The 32 NFL teams as the simulator knows them: ESPN ids, abbreviations and
// names, home stadiums and strength ratings.

#include <string>
#include <vector>

#include "adapters/sports/types.hpp"

namespace playclock::sim {

/// A team and how good it is. Ratings are offsets around 0 (about -1..+1,
/// + is better): a matchup compares one side's offense with the other's
/// defense.
struct team_profile {
  sports::team team;
  double offense = 0;
  double defense = 0;
  /// Home stadium (ESPN venue id where known, else "sim-<abbreviation>").
  sports::venue stadium;
};

/// The 32 NFL teams with ESPN ids ("1", "ATL", "Atlanta Falcons"), home
/// stadiums and plausible ratings; always the same list, in ESPN id order.
const std::vector<team_profile>& nfl_teams();

/// The team with this abbreviation ("GB"); nullptr if there is none.
const team_profile* find_team(const std::string& abbreviation);

} // namespace playclock::sim
