#pragma once
// The typed settings of a node. Every field has its default here; the schema
// (config/schema.cpp) maps each one to its JSON path, checks and docs.

#include <cstddef>
#include <cstdint>
#include <string>

namespace playclock::config {

/// Identity and threading of one node.
struct node_settings {
  /// Name of this node in logs, health and the cluster; empty = host name.
  std::string name;
  /// CAF scheduler threads; 0 = number of cores.
  int scheduler_threads = 0;
};

/// The HTTP API (Boost.Beast).
struct http_settings {
  /// host:port to listen on.
  std::string listen = "127.0.0.1:8080";
  /// I/O threads of the HTTP server.
  int threads = 1;
  /// Largest accepted request body; larger gets 413.
  std::size_t body_limit_bytes = 1024 * 1024;
  /// Time a client has to send a whole request before the connection closes.
  int read_timeout_ms = 15000;
  /// Time an actor has to answer a forwarded request before 504.
  int request_timeout_ms = 5000;
  /// Requests read ahead on one connection while earlier ones are answered.
  int max_pipelined = 8;
  /// Open connections at most; more are closed at accept.
  int max_connections = 10000;
};

/// PostgreSQL.
struct database_settings {
  /// libpq URI; DATABASE_URL overrides it. Contains secrets: never logged whole.
  std::string url = "postgresql://playclock@127.0.0.1:5432/playclock";
  /// Connections in the pool.
  int pool_size = 4;
  /// Time to wait for a free pooled connection before failing.
  int acquire_timeout_ms = 2000;
  /// libpq connect_timeout for each (re)connect.
  int connect_timeout_s = 5;
  /// statement_timeout set on each connection.
  int statement_timeout_ms = 30000;
  /// Apply migrations at start.
  bool migrate = true;
  /// How long start-up retries an unreachable database before giving up.
  int startup_timeout_s = 60;
};

/// Logging (spdlog).
struct log_settings {
  /// trace, debug, info, warn, error, critical or off.
  std::string level = "info";
  /// text or json (one JSON object per line).
  std::string format = "text";
  /// Rotating log file; empty = console only.
  std::string file = "var/log/playclockd.log";
  /// Size at which the file rotates.
  std::size_t max_file_bytes = 10 * 1024 * 1024;
  /// Rotated files kept.
  int max_files = 5;
};

/// Restart policy applied by every supervisor unless it overrides it.
struct supervision_settings {
  /// At most this many restarts of one supervisor's children ...
  int max_restarts = 5;
  /// ... within this window, else the supervisor fails (escalates).
  int window_s = 30;
  /// First restart delay; doubles per recent restart.
  int backoff_initial_ms = 100;
  /// Restart delay cap.
  int backoff_max_ms = 10000;
};

/// Shutdown behaviour on SIGTERM / SIGINT.
struct shutdown_settings {
  /// Time the whole ordered shutdown may take before actors are killed.
  int grace_s = 10;
};

/// Everything a node reads from its configuration.
struct settings {
  /// development, testing or production: the built-in overlay applied first.
  std::string profile = "development";
  node_settings node;
  http_settings http;
  database_settings database;
  log_settings log;
  supervision_settings supervision;
  shutdown_settings shutdown;
};

} // namespace playclock::config
