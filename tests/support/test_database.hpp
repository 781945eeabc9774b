#pragma once
// A fresh PostgreSQL database per test, on the server the test run was given.
//
//   test::test_database db;   // WARNs "skipped: ..." when there is no server
//   if (!db.available())
//     return;
//   pqxx::connection c{db.url()};

#include <optional>
#include <string>

namespace playclock::test {

/// The server the tests use: $PLAYCLOCK_TEST_DATABASE_URL, else $DATABASE_URL
/// (a libpq URI or key=value string whose role may CREATE DATABASE); nullopt
/// if neither is set.
std::optional<std::string> test_server_url();

/// Whether PLAYCLOCK_TEST_REQUIRE_DB=1: a missing server (or missing
/// PostgreSQL binaries, for pg_instance) fails the test instead of skipping it.
bool database_required();

/// `url` pointing at database `database` on the same server: in a URI
/// (postgresql:// or postgres://) the path is replaced and the query kept
/// (minus any dbname parameter); a key=value string gets dbname appended.
std::string with_database(const std::string& url, const std::string& database);

/// The first column of the single row `sql` returns on `url`, as text
/// ("NULL" for a null), in a transaction that is not committed: for checks
/// on what a node wrote.
std::string sql_value(const std::string& url, const std::string& sql);

/// Runs `sql` on `url` and commits: for test data a node should find.
void sql_exec(const std::string& url, const std::string& sql);

/// `url` with its password (in a URI or key=value string) replaced by ***.
std::string redacted(const std::string& url);

/// An empty database `pc_test_<pid>_<counter>_<random>` created on
/// test_server_url() for one test and dropped (WITH (FORCE)) by the destructor.
/// Without a server: FAILs if database_required(), else WARNs "skipped: no
/// PostgreSQL (set PLAYCLOCK_TEST_DATABASE_URL)" and available() is false.
/// A server that is set but unreachable always FAILs.
class test_database {
 public:
  test_database();
  ~test_database();
  test_database(const test_database&) = delete;
  test_database& operator=(const test_database&) = delete;

  /// Whether the database exists; false means the test should return.
  bool available() const noexcept { return !name_.empty(); }

  /// libpq URI of the fresh database (same server, role and parameters).
  const std::string& url() const noexcept { return url_; }

  /// Name of the fresh database.
  const std::string& name() const noexcept { return name_; }

  /// The server URL it was created from.
  const std::string& server_url() const noexcept { return server_url_; }

 private:
  std::string server_url_;
  std::string name_;
  std::string url_;
};

} // namespace playclock::test
