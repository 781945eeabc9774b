#pragma once
// The SQL of the markets domain: markets upserted by ticker, snapshots and
// correlations inserted once (natural keys, ON CONFLICT DO NOTHING).
// Blocking; called by the storage actor on its own thread.

#include <cstddef>
#include <string>
#include <unordered_map>

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

/// The markets rows one writer last committed (ticker to its columns), so that
/// polls whose snapshots carry an unchanged listing skip the upsert: checking
/// 2,000 unchanged rows took about 10 ms of PostgreSQL per poll. Cleared when
/// a write fails (a row deleted behind its back is written again) or when it
/// outgrows max_size.
struct market_rows_written {
  std::unordered_map<std::string, std::string> columns;
  std::size_t max_size = 100000;
};

/// Writes a batch in one transaction; with `written`, only the markets rows
/// it does not hold as they are. Throws pqxx errors; nothing is written then.
market_rows write_market_batch(pqxx::connection_base& conn, const market_batch& batch,
                               market_rows_written* written = nullptr);

} // namespace playclock::storage
