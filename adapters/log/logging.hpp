#pragma once
// Logging set-up: one set of sinks (console + rotating file), one named
// spdlog logger per component so every line says who wrote it.

#include <cstddef>
#include <memory>
#include <string>

#include <spdlog/fwd.h>

namespace playclock::log {

/// How the node logs.
struct options {
  /// trace, debug, info, warn, error, critical or off.
  std::string level = "info";
  /// text or json (one object per line, message JSON-escaped).
  std::string format = "text";
  /// Rotating file; empty = console only.
  std::string file;
  std::size_t max_file_bytes = 10 * 1024 * 1024;
  int max_files = 5;
};

/// Installs the sinks and level for every logger, existing and future.
/// Throws std::runtime_error if the log file cannot be opened.
void setup(const options& opts);

/// The logger of a component ("http", "database", "supervisor node/games").
/// Safe from any thread; created on first use with the configured sinks.
std::shared_ptr<spdlog::logger> component(const std::string& name);

/// Flushes and drops every logger (end of main).
void shutdown();

} // namespace playclock::log
