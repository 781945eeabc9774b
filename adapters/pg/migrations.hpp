#pragma once
// Versioned schema migrations, embedded in the binary (adapters/pg/migrations/
// NNNN_name.sql), applied in order at start, each in its own transaction and
// recorded in schema_migrations. Safe to run from several nodes at once.

#include <stdexcept>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace playclock::pg {

struct migration {
  int version = 0;
  std::string name;
  std::string sql;
  /// FNV-1a of the SQL text; a changed file after it was applied is an error.
  std::string checksum;
};

/// A migration file is malformed, or the database disagrees with the binary.
class migration_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The migrations compiled into this binary, by ascending version.
std::vector<migration> embedded_migrations();

/// Parses "0001_initial.sql" + its text; throws migration_error on a bad name.
migration make_migration(const std::string& file_name, std::string sql);

struct migration_report {
  /// Versions applied by this call (empty when the schema was current).
  std::vector<int> applied;
  /// Highest version recorded after the call.
  int version = 0;
};

/// Applies every migration not yet recorded. Holds an advisory lock meanwhile
/// so that concurrent nodes apply each migration once. Throws migration_error
/// (checksum mismatch, database newer than the binary) or pqxx errors.
migration_report migrate(pqxx::connection_base& conn, const std::vector<migration>& all);

} // namespace playclock::pg
