#pragma once
// ESPN's fixed NFL team ids ("1" = ATL ... "34" = HOU). Documents that carry
// only a team id (core API `$ref`s, play start teams without a header) are
// mapped with this table.

#include <string_view>

namespace playclock::espn {

/// The abbreviation ESPN uses for an NFL team id ("9" -> "GB"); empty if the
/// id is not one of the 32 teams.
std::string_view team_abbreviation(std::string_view espn_team_id);

/// The ESPN team id for an abbreviation ("GB" -> "9"); empty if unknown.
std::string_view team_id(std::string_view abbreviation);

} // namespace playclock::espn
