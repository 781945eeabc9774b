#include "actors/jobs/jobs_sql.hpp"

#include <map>
#include <set>

#include <pqxx/connection_base>
#include <pqxx/result>
#include <pqxx/transaction>

#include "actors/query_actor.hpp"
#include "actors/storage/sql_time.hpp"
#include "adapters/pg/array_literal.hpp"

namespace playclock::jobs_sql {

namespace {

// Serialises the claims of every node so the cluster-wide limits hold.
constexpr std::int64_t claim_lock_key = 0x706c6a6f62; // "pljob"

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

const char* const claim_candidates_sql =
    "SELECT job_id, job_type, coalesce(tenant_id, '') FROM jobs WHERE status = 'pending'"
    " AND run_at <= now() AND job_type <> ALL($1::text[])"
    " AND coalesce(tenant_id, '') <> ALL($2::text[])"
    " ORDER BY priority DESC, run_at LIMIT $3 FOR UPDATE SKIP LOCKED";

const char* const finish_sql =
    "UPDATE jobs SET status = $4, result = $5::jsonb, error = nullif($6, ''),"
    " progress = CASE WHEN $4 = 'completed' THEN 100 ELSE progress END,"
    " finished_at = CASE WHEN $4 = 'pending' THEN NULL ELSE now() END,"
    " run_at = CASE WHEN $4 = 'pending' THEN now() + make_interval(secs => $7 / 1000.0)"
    "   ELSE run_at END,"
    // The node that ran it stays on record (shown as "node").
    " lease_owner = CASE WHEN $4 = 'pending' THEN NULL ELSE lease_owner END,"
    " lease_expires_at = NULL, updated_at = now()"
    " WHERE job_id = $1 AND lease_owner = $2 AND attempts = $3 AND status = 'running'"
    " RETURNING 1";

const char* const claim_take_sql =
    "UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = now(),"
    " finished_at = NULL, progress = 0, progress_message = '', lease_owner = $2,"
    " lease_expires_at = now() + make_interval(secs => $3), updated_at = now()"
    " WHERE job_id = ANY($1::bigint[]) RETURNING job_id, job_type, params::text,"
    " coalesce(tenant_id, ''), attempts, max_attempts, timeout_s,"
    " greatest(extract(epoch FROM now() - greatest(created_at, run_at)), 0)";

} // namespace

std::vector<claimed_job> claim(pqxx::connection_base& conn, const claim_request& r) {
  std::vector<claimed_job> out;
  if (r.want <= 0)
    return out;
  // Prepared once per connection: a claim is on the path of every job.
  conn.prepare("jobs_claim_lock", "SELECT pg_advisory_xact_lock($1)");
  conn.prepare("jobs_claim_running", "SELECT job_type, coalesce(tenant_id, ''), count(*) FROM jobs"
                                     " WHERE status = 'running' GROUP BY 1, 2");
  conn.prepare("jobs_claim_candidates", claim_candidates_sql);
  conn.prepare("jobs_claim_take", claim_take_sql);
  pqxx::work tx{conn, "jobs_claim"};
  tx.exec_prepared("jobs_claim_lock", claim_lock_key);
  std::map<std::string, int> by_type;
  std::map<std::string, int> by_tenant;
  for (const auto& row : tx.exec_prepared("jobs_claim_running")) {
    auto n = row[2].as<int>();
    by_type[row[0].as<std::string>()] += n;
    if (!row[1].is_null() && !row[1].as<std::string>().empty())
      by_tenant[row[1].as<std::string>()] += n;
  }
  pg::array_literal full_types;
  pg::array_literal full_tenants;
  for (const auto& [t, n] : by_type)
    if (n >= r.max_per_type)
      full_types.add(t);
  for (const auto& [t, n] : by_tenant)
    if (n >= r.max_per_tenant)
      full_tenants.add(t);
  // More candidates than slots: some may be over a limit within this batch.
  auto candidates = tx.exec_prepared("jobs_claim_candidates", full_types.str(), full_tenants.str(),
                                     r.want * 4 + 8);
  pg::array_literal ids;
  int chosen = 0;
  for (const auto& row : candidates) {
    if (chosen >= r.want)
      break;
    auto type = row[1].as<std::string>();
    auto tenant = row[2].as<std::string>();
    if (by_type[type] >= r.max_per_type)
      continue;
    if (!tenant.empty() && by_tenant[tenant] >= r.max_per_tenant)
      continue;
    ++by_type[type];
    if (!tenant.empty())
      ++by_tenant[tenant];
    ids.add(row[0].as<std::int64_t>());
    ++chosen;
  }
  if (chosen == 0) {
    tx.commit();
    return out;
  }
  auto res = tx.exec_prepared("jobs_claim_take", ids.str(), r.node, r.lease_s);
  tx.commit();
  out.reserve(res.size());
  for (const auto& row : res) {
    claimed_job j;
    j.id = row[0].as<std::int64_t>();
    j.type = row[1].as<std::string>();
    j.params = row[2].as<std::string>();
    j.tenant = row[3].as<std::string>();
    j.attempt = row[4].as<std::int32_t>();
    j.max_attempts = row[5].as<std::int32_t>();
    j.timeout_s = row[6].as<std::int32_t>();
    j.wait_seconds = row[7].as<double>();
    out.push_back(std::move(j));
  }
  return out;
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
  std::string status;
  switch (e.status) {
  case end_status::completed:
    status = "completed";
    break;
  case end_status::cancelled:
    status = "cancelled";
    break;
  case end_status::failed:
    status = j.attempt < j.max_attempts ? "pending" : "failed";
    break;
  }
  std::optional<std::string> result;
  if (e.status == end_status::completed && !e.result.empty())
    result = e.result;
  // Prepared once per connection: every job ends here.
  conn.prepare("jobs_finish", finish_sql);
  pqxx::work tx{conn, "jobs_finish"};
  auto res = tx.exec_prepared("jobs_finish", j.id, node, j.attempt, status, result, e.error,
                              static_cast<double>(e.retry_delay_ms));
  tx.commit();
  if (res.empty())
    return {};
  return status == "pending" ? "retry" : status;
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
