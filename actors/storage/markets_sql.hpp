#pragma once
// The SQL of the markets domain: markets upserted by ticker, snapshots and
// correlations inserted once (natural keys, ON CONFLICT DO NOTHING).
// Blocking; called by the storage actor on its own thread.

#include <cstddef>

#include "messages/markets.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace playclock::storage {

struct market_rows {
  std::size_t markets = 0;
  std::size_t snapshots = 0;
  std::size_t correlations = 0;
};

/// Rows a batch will write (for buffering limits).
std::size_t rows_of(const market_batch& b);

/// Writes a batch in one transaction. Throws pqxx errors; nothing is written then.
market_rows write_market_batch(pqxx::connection_base& conn, const market_batch& batch);

} // namespace playclock::storage
