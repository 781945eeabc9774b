#include "adapters/espn/teams.hpp"

#include <array>
#include <utility>

namespace playclock::espn {

namespace {

// From the site API scoreboards (every id/abbreviation pair appears in the
// 2025 week 1 scoreboard, which has all 32 teams).
constexpr std::array<std::pair<std::string_view, std::string_view>, 32> teams{{
    {"1", "ATL"},  {"2", "BUF"},  {"3", "CHI"},  {"4", "CIN"},  {"5", "CLE"},  {"6", "DAL"},
    {"7", "DEN"},  {"8", "DET"},  {"9", "GB"},   {"10", "TEN"}, {"11", "IND"}, {"12", "KC"},
    {"13", "LV"},  {"14", "LAR"}, {"15", "MIA"}, {"16", "MIN"}, {"17", "NE"},  {"18", "NO"},
    {"19", "NYG"}, {"20", "NYJ"}, {"21", "PHI"}, {"22", "ARI"}, {"23", "PIT"}, {"24", "LAC"},
    {"25", "SF"},  {"26", "SEA"}, {"27", "TB"},  {"28", "WSH"}, {"29", "CAR"}, {"30", "JAX"},
    {"33", "BAL"}, {"34", "HOU"},
}};

} // namespace

std::string_view team_abbreviation(std::string_view espn_team_id) {
  for (const auto& [id, abbreviation] : teams)
    if (id == espn_team_id)
      return abbreviation;
  return {};
}

std::string_view team_id(std::string_view abbreviation) {
  for (const auto& [id, abbr] : teams)
    if (abbr == abbreviation)
      return id;
  return {};
}

} // namespace playclock::espn
