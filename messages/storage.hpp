#pragma once
// The storage actor's interface: one writer for the games and markets
// domains, so every row goes through the same batching and back-pressure.

#include <cstdint>
#include <string>

#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "messages/games.hpp"
#include "messages/markets.hpp"

namespace playclock {

/// Deletes old sync_log rows (storage.sync_log_days).
using prune_atom = caf::atom_constant<caf::atom("pc_prune")>;

/// Batched writes to PostgreSQL (detached).
using storage_actor = caf::typed_actor<
    /// Buffers the batch; the reply comes once it is buffered, or — when the
    /// buffer is over its limit — once a flush made room (back-pressure).
    caf::replies_to<store_atom, store_batch>::with<std::int32_t>,
    /// Writes everything buffered; replies with the rows written.
    caf::replies_to<flush_atom>::with<std::int32_t>,
    /// Flushes, then reads a game's stored state.
    caf::replies_to<load_atom, std::string>::with<game_record>,
    /// Buffers market snapshots, correlations and sync rows (same rules).
    caf::replies_to<store_atom, market_batch>::with<std::int32_t>,
    /// Internal flush timer.
    caf::reacts_to<tick_atom>,
    /// Internal: the hourly delete of old sync_log rows.
    caf::reacts_to<prune_atom>>;

} // namespace playclock
