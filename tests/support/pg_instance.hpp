#pragma once
// A PostgreSQL server of a test's own, for tests that stop and restart it.
//
//   test::pg_instance pg;     // WARNs "skipped: ..." without PostgreSQL binaries
//   if (!pg.available())
//     return;
//   pqxx::connection c{pg.url()};
//   pg.stop();  ...  pg.start();

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace playclock::test {

/// The newest PostgreSQL server bin directory (/usr/lib/postgresql/<v>/bin
/// holding initdb and pg_ctl), nullopt if none.
std::optional<std::filesystem::path> postgresql_bindir();

/// A throwaway cluster: initdb into a fresh /tmp/pc_pg_XXXXXX (fsync off),
/// listening on 127.0.0.1:<a free port> and a unix socket in that directory,
/// trust authentication, superuser `postgres`, database `playclock`. As root
/// the directory belongs to the `postgres` user and the server programs run
/// through runuser. The destructor stops the server and removes the directory.
/// Without PostgreSQL binaries: FAILs if PLAYCLOCK_TEST_REQUIRE_DB=1, else
/// WARNs "skipped: ..." and available() is false. Other failures throw
/// std::runtime_error with the server's log.
class pg_instance {
 public:
  /// Creates the cluster, and starts it unless `start_now` is false.
  explicit pg_instance(bool start_now = true);
  ~pg_instance();
  pg_instance(const pg_instance&) = delete;
  pg_instance& operator=(const pg_instance&) = delete;

  /// Whether the cluster exists; false means the test should return.
  bool available() const noexcept { return !dir_.empty(); }

  /// Starts the server (pg_ctl start -w); no effect if it runs.
  void start();

  /// Stops the server (pg_ctl stop -m fast); no effect if it is stopped.
  void stop();

  /// stop() then start(), on the same port.
  void restart();

  /// Whether the server was started and not stopped since.
  bool running() const noexcept { return running_; }

  /// postgresql://postgres@127.0.0.1:<port>/<database>.
  std::string url(const std::string& database = "playclock") const;

  /// The TCP port, fixed for the lifetime of the instance.
  std::uint16_t port() const noexcept { return port_; }

  /// The cluster's directory (data/, postgresql.log, the unix socket).
  const std::filesystem::path& directory() const noexcept { return dir_; }

  /// The server log so far.
  std::string log() const;

 private:
  void run(const std::string& program, const std::vector<std::string>& args) const;
  void remove();

  std::filesystem::path bin_;
  std::filesystem::path dir_;
  std::uint16_t port_ = 0;
  bool running_ = false;
  bool created_database_ = false;
};

} // namespace playclock::test
