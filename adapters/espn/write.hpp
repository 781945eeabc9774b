#pragma once
// Writing the sports domain as ESPN site-API documents, for the simulated
// feed (playclock-feed) and tests. Same member names and nesting as the real
// responses, for the fields the domain has, so that parse(write(x)) == x.
// What the domain lacks is left out (records, leaders, odds, lastPlay,
// logos, links, drive start/end, win probability, ...).

#include <string>
#include <vector>

#include "adapters/sports/types.hpp"

namespace playclock::espn {

/// A scoreboard: leagues[0], season {year, type}, week {number} and one
/// event per game (competitions[0] with competitors, status, venue and, when
/// the game has one, situation). A possession is written as the team id of
/// the home or away team and the yard line as ESPN does: from the home goal
/// line, plus possessionText ("ATL 20").
std::string write_scoreboard(const std::vector<sports::game>& games, int season, int season_type,
                             int week);

/// A summary: header (the game), gameInfo.venue, a minimal boxscore,
/// drives.previous[] (for a game in progress the last drive is written as
/// drives.current instead), scoringPlays (with type, text and score of the
/// play when it is among the drives) and injuries (one entry per run of
/// consecutive injuries of the same team).
std::string write_summary(const sports::game_summary& s);

} // namespace playclock::espn
