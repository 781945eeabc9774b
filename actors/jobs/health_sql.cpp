#include "actors/jobs/health_sql.hpp"

#include <pqxx/connection_base>
#include <pqxx/transaction>

#include "actors/jobs/jobs_sql.hpp"
#include "actors/jobs/models_sql.hpp"

namespace playclock::health_sql {

namespace {

// A poll that failed last is "failing"; a source last polled fine is "ok".
// Sources not polled for a day are left out (switched off).
const char* const operations_sql = R"(
WITH q AS (
  SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
         count(*) FILTER (WHERE status = 'pending' AND run_at <= now()) AS due,
         count(*) FILTER (WHERE status = 'running') AS running,
         count(*) FILTER (WHERE status = 'running' AND (lease_expires_at < now()
           OR started_at + make_interval(secs => timeout_s + 60) < now())) AS stuck,
         count(*) FILTER (WHERE status = 'failed') AS failed,
         extract(epoch FROM now() - min(run_at) FILTER (WHERE status = 'pending'
           AND run_at <= now())) AS oldest_due_s
  FROM jobs
  WHERE status IN ('pending', 'running')
     OR (status = 'failed' AND finished_at > now() - interval '1 hour')),
m AS (
  SELECT version, trained_at FROM model_versions WHERE model = $1 AND active),
-- Each source's last poll and last good poll, read off the
-- (source, started_at DESC) index: the distinct sources by a skip scan,
-- then two LIMIT 1 lookups each, however long sync_log has grown.
src AS (
  WITH RECURSIVE d(source) AS (
    (SELECT source FROM sync_log ORDER BY source LIMIT 1)
    UNION ALL
    SELECT (SELECT l.source FROM sync_log l WHERE l.source > d.source ORDER BY l.source LIMIT 1)
    FROM d WHERE d.source IS NOT NULL)
  SELECT source FROM d WHERE source IS NOT NULL),
s AS (
  SELECT src.source, last.status AS last_status, last.error AS last_error,
         last.started_at AS last_at, ok.started_at AS last_ok_at
  FROM src
  CROSS JOIN LATERAL (SELECT status, error, started_at FROM sync_log l
                      WHERE l.source = src.source ORDER BY started_at DESC LIMIT 1) last
  LEFT JOIN LATERAL (SELECT started_at FROM sync_log l
                     WHERE l.source = src.source AND l.status = 'ok'
                     ORDER BY started_at DESC LIMIT 1) ok ON true
  WHERE last.started_at > now() - interval '1 day')
SELECT json_build_object(
  'jobs', (SELECT json_build_object('pending', pending, 'due', due, 'running', running,
           'stuck', stuck, 'failed_last_hour', failed, 'oldest_due_s', oldest_due_s) FROM q),
  'model', json_build_object('name', $1::text,
           'active_version', coalesce((SELECT version FROM m), 1),
           'builtin', NOT EXISTS (SELECT 1 FROM m),
           'trained_at', (SELECT trained_at FROM m)),
  'sources', coalesce((SELECT json_agg(json_build_object('source', source,
           'status', CASE WHEN last_status = 'error' THEN 'failing' ELSE 'ok' END,
           'last_at', last_at, 'last_ok_at', last_ok_at,
           'age_s', extract(epoch FROM now() - last_ok_at),
           'error', nullif(last_error, '')) ORDER BY source) FROM s), '[]'::json))::text,
  (SELECT stuck FROM q) = 0 AND NOT EXISTS (SELECT 1 FROM s WHERE last_status = 'error')
)";

const char* const history_sql = R"(
SELECT id, json_build_object('id', id, 'node', node_id, 'at', at, 'status', status,
                             'report', report)::text
FROM health_history
WHERE ($1::text = '' OR node_id = $1::text) AND ($2::bigint IS NULL OR id < $2::bigint)
ORDER BY id DESC LIMIT $3::int + 1)";

} // namespace

json_page operations(pqxx::connection_base& conn) {
  pqxx::read_transaction tx{conn, "health_operations"};
  auto row = tx.exec_params1(operations_sql, std::string{models_sql::wp_model});
  return json_page{row[0].as<std::string>(), row[1].as<bool>()};
}

void store_snapshot(pqxx::connection_base& conn, const std::string& node, const std::string& status,
                    const std::string& report_json) {
  pqxx::work tx{conn, "health_snapshot"};
  tx.exec_params("INSERT INTO health_history (node_id, status, report) VALUES ($1, $2, $3::jsonb)",
                 node, status, report_json);
  tx.exec_params("DELETE FROM health_history WHERE at < now() - make_interval(days => $1)",
                 history_days);
  tx.commit();
}

json_page history(pqxx::connection_base& conn, std::int32_t limit, const std::string& node,
                  const std::string& cursor) {
  std::optional<std::int64_t> before;
  if (!cursor.empty())
    before = jobs_sql::decode_id_cursor(cursor, "health");
  pqxx::read_transaction tx{conn, "health_history"};
  auto res = tx.exec_params(history_sql, node, before, limit);
  return jobs_sql::id_page(res, static_cast<std::size_t>(limit), "snapshots", "health");
}

bool valid_history_cursor(const std::string& text) {
  return jobs_sql::decode_id_cursor(text, "health").has_value();
}

} // namespace playclock::health_sql
