#include "adapters/pg/migrations.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>

#include <pqxx/connection_base>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

namespace playclock::pg {

namespace embedded {
const std::vector<std::pair<const char*, const char*>>& migrations();
} // namespace embedded

namespace {

// Any constant works; it only has to be the same on every node.
constexpr std::int64_t advisory_lock_key = 0x706c6179636c6f63; // "playcloc"

std::string fnv1a(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char ch : text) {
    h ^= ch;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

} // namespace

migration make_migration(const std::string& file_name, std::string sql) {
  auto underscore = file_name.find('_');
  auto dot = file_name.rfind(".sql");
  if (underscore == std::string::npos || underscore == 0 || dot == std::string::npos
      || dot < underscore || !std::all_of(file_name.begin(), file_name.begin() + underscore,
                                          [](char c) { return c >= '0' && c <= '9'; }))
    throw migration_error("migration file name must be NNNN_name.sql: " + file_name);
  migration m;
  m.version = std::stoi(file_name.substr(0, underscore));
  m.name = file_name.substr(underscore + 1, dot - underscore - 1);
  m.checksum = fnv1a(sql);
  m.sql = std::move(sql);
  return m;
}

std::vector<migration> embedded_migrations() {
  std::vector<migration> result;
  for (const auto& [name, text] : embedded::migrations())
    result.push_back(make_migration(name, text));
  std::sort(result.begin(), result.end(),
            [](const migration& a, const migration& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < result.size(); ++i)
    if (result[i].version == result[i - 1].version)
      throw migration_error("two migrations have version " + std::to_string(result[i].version));
  return result;
}

migration_report migrate(pqxx::connection_base& conn, const std::vector<migration>& all) {
  auto lock_sql = "SELECT pg_advisory_lock(" + std::to_string(advisory_lock_key) + ")";
  std::map<int, std::string> recorded;
  {
    pqxx::nontransaction session{conn};
    session.exec(lock_sql);
  }
  // Released on every path, including exceptions (after any open transaction
  // has been destroyed, since it is declared first).
  struct unlock {
    pqxx::connection_base& c;
    ~unlock() {
      try {
        pqxx::nontransaction s{c};
        s.exec("SELECT pg_advisory_unlock(" + std::to_string(advisory_lock_key) + ")");
      } catch (...) {
        // The connection is gone; the lock went with it.
      }
    }
  } guard{conn};
  {
    pqxx::nontransaction session{conn};
    session.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                 " version integer PRIMARY KEY,"
                 " name text NOT NULL,"
                 " checksum text NOT NULL,"
                 " applied_at timestamptz NOT NULL DEFAULT now())");
    for (const auto& row : session.exec("SELECT version, checksum FROM schema_migrations"))
      recorded[row[0].as<int>()] = row[1].as<std::string>();
  }

  migration_report report;
  for (const auto& m : all) {
    auto i = recorded.find(m.version);
    if (i != recorded.end()) {
      if (i->second != m.checksum)
        throw migration_error("migration " + std::to_string(m.version) + " (" + m.name
                              + ") was changed after it was applied");
      continue;
    }
    pqxx::work tx{conn, "migration"};
    tx.exec(m.sql);
    tx.exec("INSERT INTO schema_migrations (version, name, checksum) VALUES (" + tx.quote(m.version)
            + ", " + tx.quote(m.name) + ", " + tx.quote(m.checksum) + ")");
    tx.commit();
    report.applied.push_back(m.version);
    recorded[m.version] = m.checksum;
  }
  int newest_known = all.empty() ? 0 : all.back().version;
  report.version = recorded.empty() ? 0 : recorded.rbegin()->first;
  if (report.version > newest_known)
    throw migration_error("database schema version " + std::to_string(report.version)
                          + " is newer than this binary knows (" + std::to_string(newest_known)
                          + "): upgrade playclockd");
  return report;
}

} // namespace playclock::pg
