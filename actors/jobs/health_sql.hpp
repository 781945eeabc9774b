#pragma once
// The health report's database parts (the job queue, the active model, the
// freshness of each source) and the health history (a snapshot a minute
// per node, kept for health_history_days). Blocking, like jobs_sql.

#include <cstdint>
#include <string>

#include "messages/games_query.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace playclock::health_sql {

/// Snapshots older than this are deleted as new ones are stored.
inline constexpr int history_days = 7;

/// {"jobs":{pending, due, running, stuck, failed_last_hour, oldest_due_s},
///  "model":{name, active_version, builtin, trained_at},
///  "sources":[{source, status, last_at, last_ok_at, age_s, error}]};
/// found = false when something needs attention: a stuck job (lease
/// expired or far past its time-out) or a source whose last poll failed.
json_page operations(pqxx::connection_base& conn);

/// Stores one snapshot and deletes those older than history_days.
void store_snapshot(pqxx::connection_base& conn, const std::string& node, const std::string& status,
                    const std::string& report_json);

/// {"snapshots":[{id, node, at, status, report}...],"next_cursor":...},
/// newest first; `node` "" = every node; the cursor must decode
/// (decode_history_cursor).
json_page history(pqxx::connection_base& conn, std::int32_t limit, const std::string& node,
                  const std::string& cursor);

/// Whether `text` is a history page cursor.
bool valid_history_cursor(const std::string& text);

} // namespace playclock::health_sql
