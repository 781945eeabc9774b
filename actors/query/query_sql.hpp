#pragma once
// The prepared statements behind the read API. Each builds its JSON in
// PostgreSQL (json_build_object / json_agg), so a reply is one text column.

#include <string>

namespace playclock::sql {

/// A prepared statement: its name (also the log label) and its text.
struct named_query {
  const char* name;
  std::string sql;
};

/// $1 state ('' = any), $2 limit, $3 cursor start (epoch us, NULL = no start
/// time), $4 cursor game id (NULL = first page). Returns (games, more, last key).
extern const named_query list_games;
/// $1 game id. No row if the game is unknown.
extern const named_query get_game;
/// $1 game id, $2 limit, $3 after sequence. No row if the game is unknown.
extern const named_query list_plays;
/// $1 team, $2 status, $3 limit, $4/$5 cursor team/player. Returns
/// (injuries, more, last key).
extern const named_query list_injuries;

} // namespace playclock::sql
