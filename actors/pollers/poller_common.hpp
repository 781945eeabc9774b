#pragma once
// Pieces every poller shares: the sync-log entry of one poll and the
// wall-clock time in milliseconds.

#include <chrono>
#include <cstdint>
#include <string>

#include "messages/games.hpp"

namespace playclock::pollers {

inline std::int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// A sync-log row for a poll that started at `started_ms` and took `seconds`.
inline sync_entry sync_row(std::string source, std::int64_t started_ms, double seconds, bool ok,
                           std::int32_t items, std::string error) {
  sync_entry s;
  s.source = std::move(source);
  s.started_at_ms = started_ms;
  s.duration_ms = seconds * 1000.0;
  s.status = ok ? "ok" : "error";
  s.items = items;
  s.error = std::move(error);
  return s;
}

} // namespace playclock::pollers
