#pragma once
// query_actor: the read side of the live-games API. Detached workers (their
// own threads: pqxx blocks) each run one named, prepared statement per
// request and return the JSON document PostgreSQL built; a round-robin front
// spreads requests over them. The cursor codec lives here too, so that the
// HTTP routes can reject a malformed cursor before asking.
//
//   front (query, event-based, linked to its workers)
//   ├── worker 1 (detached)   a worker that dies takes the front down with it,
//   ├── ...                   so the supervisor restarts the whole group
//   └── worker n (detached)

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "messages/actors.hpp"

namespace playclock::pg {
class pool;
} // namespace playclock::pg

namespace playclock {

/// Spawns `n` (at least 1) detached workers on `pool` behind a round-robin
/// front and returns the front. Stopping the front stops the workers.
query_actor spawn_query_actors(caf::actor_system& sys, std::shared_ptr<pg::pool> pool, int n);

/// Where a page of games ended: the keyset (start time, game id).
struct games_cursor {
  /// Microseconds since the epoch; empty for a game without a start time
  /// (those sort last).
  std::optional<std::int64_t> start_us;
  std::string game_id;
};

/// Where a page of injuries ended: the keyset (team, player id).
struct injuries_cursor {
  std::string team;
  std::string player_id;
};

/// The opaque, URL-safe cursor: base64url (no padding) of a JSON array.
std::string encode_cursor(const games_cursor& c);
std::string encode_cursor(const injuries_cursor& c);

/// Decodes a cursor made by encode_cursor; nullopt if it is malformed.
std::optional<games_cursor> decode_games_cursor(std::string_view text);
std::optional<injuries_cursor> decode_injuries_cursor(std::string_view text);

} // namespace playclock
