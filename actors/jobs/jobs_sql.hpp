#pragma once
// The SQL of the durable job queue (table jobs). Blocking: called on the job
// queue's and the job actors' own threads; each function is one transaction
// and throws pqxx errors. Every write by a running job is guarded by its
// lease (owner node and attempt), so a job whose lease was taken over cannot
// record a second outcome: each job finishes exactly once.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "messages/games_query.hpp"
#include "messages/jobs.hpp"

namespace pqxx {
class connection_base;
class result;
} // namespace pqxx

namespace playclock::jobs_sql {

/// The NOTIFY channel an enqueue signals (LISTENed to by every node).
inline constexpr const char* channel = "playclock_jobs";

struct enqueued {
  /// The job as JSON (the existing one for a replayed idempotency key).
  std::string json;
  std::int64_t id = 0;
  /// The idempotency key named an existing job with the same request.
  bool replayed = false;
  /// The idempotency key named an existing job with another request.
  bool mismatch = false;
  /// The submission names a tenant that does not exist.
  bool unknown_tenant = false;
};

/// Inserts the job and NOTIFYs `channel` in the same transaction, unless
/// the idempotency key is taken (then the existing job is returned).
enqueued enqueue(pqxx::connection_base& conn, const job_submission& s);

/// A page of jobs (the cursor must decode, see decode_jobs_cursor).
json_page list_jobs(pqxx::connection_base& conn, const jobs_query& q);

/// Decodes a jobs page cursor; nullopt if malformed.
std::optional<std::int64_t> decode_jobs_cursor(const std::string& text);

/// A keyset cursor of rows numbered by id and tagged with what they are
/// ("job", "health"); nullopt if malformed or of another tag.
std::optional<std::int64_t> decode_id_cursor(const std::string& text, const std::string& tag);

/// {"<key>":[column 1 of the first `limit` rows],"next_cursor":...}: rows
/// are (id, JSON) newest first, one more than `limit` fetched to know
/// whether a next page exists.
json_page id_page(const pqxx::result& res, std::size_t limit, const std::string& key,
                  const std::string& tag);

struct job_view {
  bool found = false;
  /// "" for a cluster job.
  std::string tenant;
  std::string json;
};

job_view get_job(pqxx::connection_base& conn, std::int64_t id);

enum class cancel_outcome {
  /// The job was pending: it is cancelled.
  cancelled,
  /// The job runs: its actor stops at its next step.
  requested,
  /// The job had finished already.
  finished,
  not_found,
};

/// Cancels job `id` if it belongs to `scope` ("" = any); `view` gets the
/// job as it is afterwards. A job of another tenant is reported not found
/// with view.found = true and view.tenant set (the caller answers 403).
cancel_outcome cancel_job(pqxx::connection_base& conn, std::int64_t id, const std::string& scope,
                          job_view& view);

/// Deletes the finished jobs (completed, failed, cancelled) that finished
/// more than `days` days ago, of tenant `scope` ("" = all); the count.
std::int64_t cleanup(pqxx::connection_base& conn, std::int32_t days, const std::string& scope);

/// A job this node has claimed and must run.
struct claimed_job {
  std::int64_t id = 0;
  std::string type;
  std::string params;
  std::string tenant;
  /// This run's attempt number (1 = first).
  std::int32_t attempt = 1;
  std::int32_t max_attempts = 3;
  std::int32_t timeout_s = 3600;
  /// From due (max of created_at and run_at) to claimed.
  double wait_seconds = 0;
};

struct claim_request {
  std::string node;
  /// Jobs to claim at most (this node's free slots).
  int want = 1;
  /// Running jobs per type and per tenant at most, over the cluster.
  int max_per_type = 8;
  int max_per_tenant = 2;
  int lease_s = 30;
};

/// Claims due pending jobs (priority, then run_at) with FOR UPDATE SKIP
/// LOCKED, within the limits; each becomes running with attempts + 1 and a
/// lease owned by `node`. Claims of all nodes are serialised by an advisory
/// lock so the limits hold across the cluster.
std::vector<claimed_job> claim(pqxx::connection_base& conn, const claim_request& r);

struct lease_state {
  std::int64_t id = 0;
  bool cancel_requested = false;
};

/// Renews the leases of `ids` held by `node`; the jobs still held (with
/// their cancel flag). An id missing from the answer lost its lease.
std::vector<lease_state> renew_leases(pqxx::connection_base& conn, const std::string& node,
                                      const std::vector<std::int64_t>& ids, int lease_s);

struct rescued {
  /// Back to pending (re-run), failed (attempts used up), cancelled.
  int requeued = 0, failed = 0, cancelled = 0;
};

/// Running jobs whose lease expired (their node died or hung): re-queued,
/// or failed when their attempts are used up, or cancelled if asked to.
rescued rescue_expired(pqxx::connection_base& conn);

/// Records progress; true if the job asked to be cancelled. A lost lease
/// is reported as cancelled too (the job must stop).
bool record_progress(pqxx::connection_base& conn, const claimed_job& j, const std::string& node,
                     int percent, const std::string& message);

enum class end_status { completed, failed, cancelled };

struct job_end {
  end_status status = end_status::completed;
  /// JSON for completed (or "" = null).
  std::string result;
  /// For failed and cancelled.
  std::string error;
  /// A failed job with attempts left runs again after this delay.
  std::int64_t retry_delay_ms = 0;
};

/// Records the end of this attempt: "completed", "failed", "cancelled",
/// "retry" (failed, will run again), or "" if the lease was lost (nothing
/// written: the job is someone else's now).
std::string finish(pqxx::connection_base& conn, const claimed_job& j, const std::string& node,
                   const job_end& e);

/// An attempt that ended on this node, to be recorded.
struct ended_job {
  claimed_job job;
  job_end end;
};

struct settled {
  /// Per ended job, in order: what finish() would answer.
  std::vector<std::string> outcomes;
  std::vector<claimed_job> claimed;
};

/// The queue's round: records the ends of `ends` (one statement for all,
/// each under its lease, owner r.node), then claims up to r.want jobs as
/// claim() does, in one transaction, so slots freed by jobs that ended
/// together are refilled in one round trip to the database.
settled finish_and_claim(pqxx::connection_base& conn, const std::vector<ended_job>& ends,
                         const claim_request& r);

/// Gives a running job back (this node stops): pending again at once, this
/// attempt not counted.
bool release(pqxx::connection_base& conn, const claimed_job& j, const std::string& node);

struct queue_counts {
  std::int64_t pending = 0, due = 0, running = 0;
};

/// The queue's depth for the metrics.
queue_counts counts(pqxx::connection_base& conn);

} // namespace playclock::jobs_sql
