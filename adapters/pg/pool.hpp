#pragma once
// A fixed-size pool of libpqxx connections, safe to share between threads.
// Connections open lazily, are re-opened after PostgreSQL goes away, and every
// wait for a free one is counted. Blocking: call it only from detached actors
// or I/O threads, never from CAF's scheduler.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include <pqxx/except>

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace playclock::pg {

/// Settings of a pool (from config `database.*`).
struct pool_options {
  /// libpq URI, e.g. postgresql://user@127.0.0.1:5432/db.
  std::string url;
  int size = 4;
  std::chrono::milliseconds acquire_timeout{2000};
  int connect_timeout_s = 5;
  /// 0 = no statement timeout.
  int statement_timeout_ms = 30000;
  std::string application_name = "playclockd";
};

/// Counters for metrics and health.
struct pool_stats {
  int size = 0;
  /// Connections open or being opened.
  int open = 0;
  int in_use = 0;
  int idle = 0;
  /// Acquires that found no free connection and had to wait.
  std::uint64_t waits = 0;
  double wait_seconds = 0;
  std::uint64_t acquire_timeouts = 0;
  std::uint64_t connects = 0;
  std::uint64_t connect_failures = 0;
  /// Connections dropped because they broke (e.g. PostgreSQL restarted).
  std::uint64_t broken = 0;
};

/// No connection became free within the acquire timeout.
class pool_timeout : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The connection URI with its connect_timeout, application_name and
/// statement_timeout parameters added.
std::string connection_string(const pool_options& opts);

class pool {
  struct impl;

public:
  /// One borrowed connection; returned to the pool when destroyed.
  class lease {
  public:
    lease(lease&& other) noexcept;
    lease& operator=(lease&&) = delete;
    lease(const lease&) = delete;
    ~lease();
    pqxx::connection_base& conn() const { return *conn_; }
    /// The connection is unusable: close it instead of returning it.
    void mark_broken() { broken_ = true; }

  private:
    friend class pool;
    lease(std::shared_ptr<impl> owner, pqxx::connection_base* conn);
    std::shared_ptr<impl> owner_;
    pqxx::connection_base* conn_;
    bool broken_ = false;
  };

  explicit pool(pool_options opts);
  ~pool();
  pool(const pool&) = delete;
  pool& operator=(const pool&) = delete;

  /// Borrows a connection, opening one if the pool is not full. Throws
  /// pool_timeout, or pqxx::broken_connection when PostgreSQL is unreachable.
  lease acquire();

  /// Runs `f(pqxx::connection_base&)` on a borrowed connection. If the
  /// connection turns out broken (stale after a PostgreSQL restart), idle
  /// connections are dropped and `f` runs once more on a fresh one, so `f`
  /// must be idempotent (one transaction, upserts).
  template <class F>
  decltype(auto) run(F&& f) {
    for (int attempt = 0;; ++attempt) {
      auto l = acquire();
      try {
        return f(l.conn());
      } catch (const pqxx::broken_connection&) {
        l.mark_broken();
        drop_idle();
        if (attempt > 0)
          throw;
      }
    }
  }

  /// Closes every idle connection (they are likely stale when one broke).
  void drop_idle();

  pool_stats stats() const;
  const pool_options& options() const;

private:
  std::shared_ptr<impl> impl_;
};

} // namespace playclock::pg
