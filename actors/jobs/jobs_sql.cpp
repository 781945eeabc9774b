#include "actors/jobs/jobs_sql.hpp"

#include <algorithm>
#include <set>

#include <pqxx/connection_base>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

#include "actors/query_actor.hpp"
#include "actors/storage/sql_time.hpp"
#include "adapters/pg/array_literal.hpp"

namespace playclock::jobs_sql {

namespace {

const std::string job_object =
    "json_build_object('id', j.job_id, 'tenant', j.tenant_id, 'type', j.job_type, 'params',"
    " j.params, 'status', j.status, 'priority', j.priority, 'run_at', " +
    sql_time::iso_ms("j.run_at") +
    ", 'attempts', j.attempts, 'max_attempts', j.max_attempts, 'timeout_s', j.timeout_s,"
    " 'progress', j.progress, 'progress_message', j.progress_message, 'result', j.result,"
    " 'error', j.error, 'cancel_requested', j.cancel_requested, 'node', j.lease_owner,"
    " 'created_at', " +
    sql_time::iso_ms("j.created_at") + ", 'started_at', " + sql_time::iso_ms("j.started_at") +
    ", 'finished_at', " + sql_time::iso_ms("j.finished_at") + ", 'duration_s', extract(epoch FROM" +
    " j.finished_at - j.started_at))::text";

const std::string insert_sql =
    "INSERT INTO jobs AS j (tenant_id, job_type, params, priority, run_at, max_attempts,"
    " timeout_s, idempotency_key, request_hash)"
    " VALUES (nullif($1::text, ''), $2::text, $3::jsonb, $4::int, CASE WHEN $5::bigint < 0 THEN"
    " now() ELSE to_timestamp($5::bigint / 1000.0) END, $6::int, $7::int, nullif($8::text, ''),"
    " $9::text)"
    " ON CONFLICT ((coalesce(tenant_id, '')), idempotency_key) WHERE idempotency_key IS NOT NULL"
    " DO NOTHING RETURNING j.job_id, j.run_at <= now(), " +
    job_object;

const std::string existing_sql = "SELECT j.job_id, j.request_hash, " + job_object +
                                 " FROM jobs j WHERE coalesce(j.tenant_id, '') = $1::text"
                                 " AND j.idempotency_key = $2::text";

const std::string get_sql =
    "SELECT coalesce(j.tenant_id, ''), " + job_object + " FROM jobs j WHERE j.job_id = $1::bigint";

const std::string list_sql =
    "SELECT j.job_id, " + job_object +
    " FROM jobs j WHERE ($1::text = '' OR j.tenant_id = $1::text)"
    " AND ($2::text = '' OR j.job_type = $2::text) AND ($3::text = '' OR j.status = $3::text)"
    " AND ($4::bigint IS NULL OR j.job_id < $4::bigint)"
    " ORDER BY j.job_id DESC LIMIT $5::int + 1";

const char* const final_statuses = "('completed', 'failed', 'cancelled')";

} // namespace

std::optional<std::int64_t> decode_id_cursor(const std::string& text, const std::string& tag) {
  auto c = decode_games_cursor(text);
  if (!c || !c->start_us || c->game_id != tag || *c->start_us <= 0)
    return std::nullopt;
  return *c->start_us;
}

std::optional<std::int64_t> decode_jobs_cursor(const std::string& text) {
  return decode_id_cursor(text, "job");
}

json_page id_page(const pqxx::result& res, std::size_t limit, const std::string& key,
                  const std::string& tag) {
  std::string body = "{\"" + key + "\":[";
  auto n = std::min<std::size_t>(res.size(), limit);
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0)
      body += ',';
    body += res[static_cast<pqxx::result::size_type>(i)][1].as<std::string>();
  }
  body += R"(],"next_cursor":)";
  if (res.size() > n)
    // The games cursor's codec: a keyset of a number and a tag.
    body += '"' +
            encode_cursor(games_cursor{
                res[static_cast<pqxx::result::size_type>(n - 1)][0].as<std::int64_t>(), tag}) +
            '"';
  else
    body += "null";
  body += '}';
  return json_page{body, true};
}

enqueued enqueue(pqxx::connection_base& conn, const job_submission& s) {
  conn.prepare("jobs_insert", insert_sql);
  conn.prepare("jobs_existing", existing_sql);
  pqxx::work tx{conn, "jobs_enqueue"};
  enqueued out;
  if (!s.tenant.empty() &&
      tx.exec_params("SELECT 1 FROM tenants WHERE tenant_id = $1", s.tenant).empty()) {
    out.unknown_tenant = true;
    return out;
  }
  auto res = tx.exec_prepared("jobs_insert", s.tenant, s.type, s.params, s.priority, s.run_at_ms,
                              s.max_attempts, s.timeout_s, s.idempotency_key, s.request_hash);
  if (!res.empty()) {
    out.id = res[0][0].as<std::int64_t>();
    out.json = res[0][2].as<std::string>();
    // Due now: wake the nodes (delivered at commit, once per transaction).
    if (res[0][1].as<bool>())
      tx.exec_params("SELECT pg_notify($1, '')", std::string{channel});
    tx.commit();
    return out;
  }
  // The key is taken (by a committed job: ON CONFLICT waited for it).
  auto old = tx.exec_prepared1("jobs_existing", s.tenant, s.idempotency_key);
  tx.commit();
  out.id = old[0].as<std::int64_t>();
  out.json = old[2].as<std::string>();
  out.replayed = old[1].as<std::string>() == s.request_hash;
  out.mismatch = !out.replayed;
  return out;
}

json_page list_jobs(pqxx::connection_base& conn, const jobs_query& q) {
  conn.prepare("jobs_list", list_sql);
  std::optional<std::int64_t> before;
  if (!q.cursor.empty())
    before = decode_jobs_cursor(q.cursor);
  pqxx::read_transaction tx{conn, "jobs_list"};
  auto res = tx.exec_prepared("jobs_list", q.tenant, q.type, q.status, before, q.limit);
  return id_page(res, static_cast<std::size_t>(q.limit), "jobs", "job");
}

job_view get_job(pqxx::connection_base& conn, std::int64_t id) {
  conn.prepare("jobs_get", get_sql);
  pqxx::read_transaction tx{conn, "jobs_get"};
  auto res = tx.exec_prepared("jobs_get", id);
  if (res.empty())
    return {};
  return job_view{true, res[0][0].as<std::string>(), res[0][1].as<std::string>()};
}

cancel_outcome cancel_job(pqxx::connection_base& conn, std::int64_t id, const std::string& scope,
                          job_view& view) {
  conn.prepare("jobs_get", get_sql);
  pqxx::work tx{conn, "jobs_cancel"};
  auto row = tx.exec_params("SELECT coalesce(tenant_id, ''), status FROM jobs WHERE job_id = $1"
                            " FOR UPDATE",
                            id);
  if (row.empty()) {
    view = {};
    return cancel_outcome::not_found;
  }
  auto tenant = row[0][0].as<std::string>();
  if (!scope.empty() && tenant != scope) {
    view = job_view{true, tenant, {}};
    return cancel_outcome::not_found;
  }
  auto status = row[0][1].as<std::string>();
  cancel_outcome out = cancel_outcome::finished;
  if (status == "pending") {
    tx.exec_params("UPDATE jobs SET status = 'cancelled', cancel_requested = true,"
                   " error = 'cancelled before it ran', finished_at = now(), updated_at = now()"
                   " WHERE job_id = $1",
                   id);
    out = cancel_outcome::cancelled;
  } else if (status == "running") {
    tx.exec_params("UPDATE jobs SET cancel_requested = true, updated_at = now() WHERE job_id = $1",
                   id);
    out = cancel_outcome::requested;
  }
  auto after = tx.exec_prepared1("jobs_get", id);
  tx.commit();
  view = job_view{true, tenant, after[1].as<std::string>()};
  return out;
}

std::int64_t cleanup(pqxx::connection_base& conn, std::int32_t days, const std::string& scope) {
  pqxx::work tx{conn, "jobs_cleanup"};
  auto res = tx.exec_params(std::string{"DELETE FROM jobs WHERE status IN "} + final_statuses +
                                " AND finished_at < now() - make_interval(days => $1)"
                                " AND ($2 = '' OR tenant_id = $2)",
                            days, scope);
  tx.commit();
  return static_cast<std::int64_t>(res.affected_rows());
}

namespace {

// The round (migration 0007): ends and claim in one statement, so one round
// trip, committed on its own.
const char* const settle_sql =
    "SELECT kind, id, type, params, tenant, attempt, max_attempts, timeout_s, wait_s"
    " FROM playclock_jobs_settle($1, $2::bigint[], $3::int[], $4::text[], $5::text[],"
    " $6::text[], $7::bigint[], $8, $9, $10, $11)";

// The status an ended attempt leaves its job in.
std::string end_status_text(const ended_job& e) {
  switch (e.end.status) {
  case end_status::completed:
    return "completed";
  case end_status::cancelled:
    return "cancelled";
  case end_status::failed:
    break;
  }
  return e.job.attempt < e.job.max_attempts ? "pending" : "failed";
}

} // namespace

settled finish_and_claim(pqxx::connection_base& conn, const std::vector<ended_job>& ends,
                         const claim_request& r) {
  settled out;
  if (ends.empty() && r.want <= 0)
    return out;
  pg::array_literal ids, attempts, statuses, results, errors, delays;
  std::vector<std::string> status(ends.size());
  for (std::size_t i = 0; i < ends.size(); ++i) {
    const auto& e = ends[i];
    status[i] = end_status_text(e);
    ids.add(e.job.id);
    attempts.add(std::int64_t{e.job.attempt});
    statuses.add(status[i]);
    results.add(e.end.status == end_status::completed ? e.end.result : std::string{});
    errors.add(e.end.error);
    delays.add(e.end.retry_delay_ms);
  }
  // Prepared once per connection: every job is claimed and ends here.
  conn.prepare("jobs_settle", settle_sql);
  pqxx::nontransaction tx{conn, "jobs_settle"};
  auto res = tx.exec_prepared("jobs_settle", r.node, ids.str(), attempts.str(), statuses.str(),
                              results.str(), errors.str(), delays.str(), std::max(r.want, 0),
                              r.max_per_type, r.max_per_tenant, r.lease_s);
  std::set<std::int64_t> written;
  for (const auto& row : res) {
    if (row[0].as<std::string>() == "ended") {
      written.insert(row[1].as<std::int64_t>());
      continue;
    }
    claimed_job j;
    j.id = row[1].as<std::int64_t>();
    j.type = row[2].as<std::string>();
    j.params = row[3].as<std::string>();
    j.tenant = row[4].as<std::string>();
    j.attempt = row[5].as<std::int32_t>();
    j.max_attempts = row[6].as<std::int32_t>();
    j.timeout_s = row[7].as<std::int32_t>();
    j.wait_seconds = row[8].as<double>();
    out.claimed.push_back(std::move(j));
  }
  out.outcomes.resize(ends.size());
  for (std::size_t i = 0; i < ends.size(); ++i)
    if (written.count(ends[i].job.id) > 0)
      out.outcomes[i] = status[i] == "pending" ? "retry" : status[i];
  return out;
}

std::vector<claimed_job> claim(pqxx::connection_base& conn, const claim_request& r) {
  return finish_and_claim(conn, {}, r).claimed;
}

std::vector<lease_state> renew_leases(pqxx::connection_base& conn, const std::string& node,
                                      const std::vector<std::int64_t>& ids, int lease_s) {
  std::vector<lease_state> out;
  if (ids.empty())
    return out;
  pg::array_literal arr;
  for (auto id : ids)
    arr.add(id);
  pqxx::work tx{conn, "jobs_renew"};
  auto res =
      tx.exec_params("UPDATE jobs SET lease_expires_at = now() + make_interval(secs => $3)"
                     " WHERE job_id = ANY($2::bigint[]) AND lease_owner = $1 AND status = 'running'"
                     " RETURNING job_id, cancel_requested",
                     node, arr.str(), lease_s);
  tx.commit();
  for (const auto& row : res)
    out.push_back({row[0].as<std::int64_t>(), row[1].as<bool>()});
  return out;
}

rescued rescue_expired(pqxx::connection_base& conn) {
  pqxx::work tx{conn, "jobs_rescue"};
  auto res = tx.exec(
      "UPDATE jobs SET status = CASE WHEN cancel_requested THEN 'cancelled'"
      "   WHEN attempts >= max_attempts THEN 'failed' ELSE 'pending' END,"
      " error = 'lease expired: node ' || coalesce(lease_owner, '?') ||"
      "   ' stopped renewing it during attempt ' || attempts,"
      " finished_at = CASE WHEN cancel_requested OR attempts >= max_attempts THEN now() END,"
      " run_at = now(), lease_owner = NULL, lease_expires_at = NULL, updated_at = now()"
      " WHERE job_id IN (SELECT job_id FROM jobs WHERE status = 'running'"
      "   AND lease_expires_at < now() FOR UPDATE SKIP LOCKED)"
      " RETURNING status");
  rescued out;
  bool any_pending = false;
  for (const auto& row : res) {
    auto s = row[0].as<std::string>();
    if (s == "pending") {
      ++out.requeued;
      any_pending = true;
    } else if (s == "failed") {
      ++out.failed;
    } else {
      ++out.cancelled;
    }
  }
  if (any_pending)
    tx.exec_params("SELECT pg_notify($1, '')", std::string{channel});
  tx.commit();
  return out;
}

bool record_progress(pqxx::connection_base& conn, const claimed_job& j, const std::string& node,
                     int percent, const std::string& message) {
  pqxx::work tx{conn, "jobs_progress"};
  auto res = tx.exec_params(
      "UPDATE jobs SET progress = $4, progress_message = $5, updated_at = now()"
      " WHERE job_id = $1 AND lease_owner = $2 AND attempts = $3 AND status = 'running'"
      " RETURNING cancel_requested",
      j.id, node, j.attempt, std::max(0, std::min(100, percent)), message);
  tx.commit();
  return res.empty() || res[0][0].as<bool>();
}

std::string finish(pqxx::connection_base& conn, const claimed_job& j, const std::string& node,
                   const job_end& e) {
  claim_request none;
  none.node = node;
  none.want = 0;
  return finish_and_claim(conn, {ended_job{j, e}}, none).outcomes.at(0);
}

bool release(pqxx::connection_base& conn, const claimed_job& j, const std::string& node) {
  pqxx::work tx{conn, "jobs_release"};
  auto res = tx.exec_params(
      "UPDATE jobs SET status = CASE WHEN cancel_requested THEN 'cancelled' ELSE 'pending' END,"
      " finished_at = CASE WHEN cancel_requested THEN now() END,"
      " attempts = attempts - 1, run_at = now(), lease_owner = NULL, lease_expires_at = NULL,"
      " progress_message = 'released by node ' || $2 || ' (stopping)', updated_at = now()"
      " WHERE job_id = $1 AND lease_owner = $2 AND attempts = $3 AND status = 'running'"
      " RETURNING 1",
      j.id, node, j.attempt);
  if (!res.empty())
    tx.exec_params("SELECT pg_notify($1, '')", std::string{channel});
  tx.commit();
  return !res.empty();
}

queue_counts counts(pqxx::connection_base& conn) {
  pqxx::read_transaction tx{conn, "jobs_counts"};
  // Each count on its partial index (jobs_due, jobs_running_lease), not a
  // scan of every job kept.
  auto row = tx.exec1("SELECT (SELECT count(*) FROM jobs WHERE status = 'pending'),"
                      " (SELECT count(*) FROM jobs WHERE status = 'pending' AND run_at <= now()),"
                      " (SELECT count(*) FROM jobs WHERE status = 'running')");
  return {row[0].as<std::int64_t>(), row[1].as<std::int64_t>(), row[2].as<std::int64_t>()};
}

} // namespace playclock::jobs_sql
