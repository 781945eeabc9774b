#pragma once
// Field position as ESPN writes it, and as the domain keeps it.
//
// ESPN's `yardLine` counts from the HOME team's goal line (0 = the home goal
// line, 100 = the away goal line), whoever has the ball. This holds for the
// scoreboard `situation` and its `lastPlay.start/end`, and for summary play
// `start/end` and drive `start/end`. Evidence from the real samples:
//   scoreboard 2022 wk11: ATL (home) ball, possessionText "ATL 20", yardLine 20;
//     NE (home) ball at "NYJ 5", yardLine 95; PHI (away) ball at "IND 2",
//     yardLine 2; DET (away) ball at "DET 17", yardLine 83.
//   summary GB@ATL: ATL kicks off from "ATL 35": yardLine 35, yardsToEndzone
//     65; GB (away) ball at "GB 25": yardLine 75, yardsToEndzone 75.
// So yardLine equals the offense's yards to the end zone only when the AWAY
// team has the ball; for the home team it is 100 minus that.
//
// Summary plays also carry `yardsToEndzone` (the offense's view), but in the
// GB@ATL sample 25 of 186 play starts (mostly incomplete passes and
// timeouts) hold a stale value there while `yardLine` and `possessionText`
// agree with each other and with the previous play's end. Hence the order
// used by the parser: possessionText ("GB 41": the displayed field
// position), then yardsToEndzone, then yardLine with the home/away rule.

#include <optional>
#include <string>
#include <string_view>

namespace playclock::espn {

/// Yards the offense has to go, from ESPN's home-based yardLine.
int yards_to_endzone_from_yard_line(int yard_line, bool offense_is_home);

/// ESPN's home-based yardLine for an offense `yards_to_endzone` from the end
/// zone it attacks (the inverse of the above).
int yard_line_from_yards_to_endzone(int yards_to_endzone, bool offense_is_home);

/// Yards to the end zone from a possessionText ("ATL 20", "50"), for the
/// offense `offense` (abbreviation): 80 when ATL has the ball there, 20 when
/// its opponent has. nullopt if the text does not parse or the offense is
/// unknown.
std::optional<int> yards_to_endzone_from_text(std::string_view possession_text,
                                              std::string_view offense);

/// possessionText for the offense at `yards_to_endzone`: "ATL 20" (own half),
/// "CHI 35" (the defense's half), "ATL 50" at midfield.
std::string possession_text(int yards_to_endzone, std::string_view offense,
                            std::string_view defense);

/// Picks yards to the end zone from what a situation or play start gives
/// (each may be missing), in the order explained above; 0 if nothing fits.
/// `offense_is_home` is nullopt when the offense is not one of the two teams.
int resolve_yards_to_endzone(const std::optional<std::string>& possession_text,
                             std::optional<int> yards_to_endzone, std::optional<int> yard_line,
                             std::string_view offense, std::optional<bool> offense_is_home);

} // namespace playclock::espn
