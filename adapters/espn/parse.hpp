#pragma once
// Parsing ESPN's unofficial NFL site API (site.api.espn.com) and the core API
// injury documents (sports.core.api.espn.com) into the sports domain.
//
// Never throws, whatever the input: a document that cannot be used at all
// gives `error`; a game, play or entry that cannot be read whole is left out
// and reported as an `issue` (never half a game); missing optional fields read
// as the domain defaults. Numbers given as strings ("score":"7",
// "sequenceNumber":"5500") are accepted wherever a number is expected.
//
// Field position: ESPN's `yardLine` (scoreboard situation, lastPlay, summary
// play start/end, drive start/end) counts from the HOME team's goal line, see
// field.hpp; `yards_to_endzone` in the domain is always from the offense.

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "adapters/sports/types.hpp"

namespace playclock::espn {

/// Something in a document that could not be read and was left out.
struct issue {
  /// The game (event id) it belongs to; may be empty.
  std::string game_id;
  /// Where in the document: "events[3].competitions[0].competitors".
  std::string path;
  std::string message;
};

struct scoreboard_result {
  std::vector<sports::game> games;
  /// One per rejected game.
  std::vector<issue> issues;
  /// The whole document is unusable: not JSON, no events array.
  std::optional<std::string> error;
};

/// GET /apis/site/v2/sports/football/nfl/scoreboard: every readable event.
scoreboard_result parse_scoreboard(std::string_view json);

struct summary_result {
  sports::game_summary summary;
  /// Plays, drives, injuries or a header that could not be read (skipped).
  std::vector<issue> issues;
  /// The whole document is unusable: not JSON, not an object, neither a
  /// header nor drives.
  std::optional<std::string> error;
};

/// GET /apis/site/v2/sports/football/nfl/summary?event=ID: the header (as a
/// game), drives.previous[] then drives.current (when not already listed)
/// with their plays, scoringPlays[].id and injuries[].
summary_result parse_summary(std::string_view json);

/// sports.core.api.espn.com .../teams/{id}/injuries: the `$ref` URL of every
/// item (one per injury detail), or the error text.
std::variant<std::vector<std::string>, std::string> parse_core_injury_refs(std::string_view json);

/// One core API injury object. The athlete and the team come as `$ref` URLs:
/// the player id is taken from the athlete URL (names are not in this
/// document), the team id from the team URL and mapped to an abbreviation
/// with ESPN's team table (teams.hpp). Status is required.
std::variant<sports::injury, std::string> parse_core_injury(std::string_view json);

} // namespace playclock::espn
