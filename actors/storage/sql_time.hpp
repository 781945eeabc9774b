#pragma once
// Timestamps in the JSON that PostgreSQL builds for the API: ISO 8601 in UTC,
// whatever the session's TimeZone.

#include <string>

namespace playclock::sql_time {

/// SQL text rendering `column` as "2026-11-23T19:29:29Z".
inline std::string iso(const std::string& column) {
  return "to_char(" + column + R"( AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))";
}

/// The same with milliseconds, "2026-11-23T19:29:29.265Z".
inline std::string iso_ms(const std::string& column) {
  return "to_char(" + column + R"( AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))";
}

} // namespace playclock::sql_time
