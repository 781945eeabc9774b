#pragma once
// The 32 NFL home stadiums: where to ask for a forecast, and whether to ask.
// Public facts (names as ESPN's scoreboards give them in 2024-25).

#include <string_view>
#include <vector>

namespace playclock::weather {

/// How a stadium is covered.
enum class roof { open, dome, retractable };

/// "open", "dome", "retractable".
const char* to_string(roof r);

struct stadium {
  /// ESPN's team abbreviation ("GB", "WSH").
  std::string_view team;
  /// "Lambeau Field".
  std::string_view name;
  std::string_view city;
  /// Two-letter state.
  std::string_view state;
  double latitude = 0;
  double longitude = 0;
  roof cover = roof::open;
  /// Weather matters (open air). A retractable roof counts as indoor: it is
  /// closed in bad weather, so such venues are not polled for forecasts.
  bool outdoor = true;
};

/// All 32, one per team, by team abbreviation (NYG/NYJ share MetLife
/// Stadium, LAR/LAC share SoFi Stadium).
const std::vector<stadium>& stadiums();

/// The home stadium of a team by ESPN abbreviation; null if unknown.
const stadium* stadium_for(std::string_view team_abbreviation);

} // namespace playclock::weather
