#pragma once
// The SQL of the games domain: idempotent multi-row upserts keyed by natural
// ids, and the reads a restarted game actor needs. Blocking; called by the
// storage actor on its own thread.

#include <cstddef>
#include <string>

#include "messages/games.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace playclock::storage {

/// Rows written per table by one batch.
struct written {
  std::size_t games = 0;
  std::size_t plays = 0;
  std::size_t injuries = 0;
  std::size_t weather = 0;
  std::size_t sync = 0;
  std::size_t total() const { return games + plays + injuries + weather + sync; }
};

/// Writes a batch in one transaction: games first (plays reference them),
/// then plays (new ones only: ON CONFLICT DO NOTHING) with the players'
/// numbers they add to player_stats, injuries, weather, sync log. Throws
/// pqxx errors; nothing is written then.
written write_batch(pqxx::connection_base& conn, const store_batch& batch, const std::string& node);

/// Deletes the sync_log rows that started more than `days` days ago, in
/// transactions of at most `chunk` rows (a first prune of a long history
/// holds no long lock); the number deleted.
std::int64_t prune_sync_log(pqxx::connection_base& conn, int days, int chunk = 10000);

/// The stored state of a game (found = false if it is not stored).
game_record read_game(pqxx::connection_base& conn, const std::string& game_id,
                      std::size_t recent_plays);

} // namespace playclock::storage
