#pragma once
// Jobs over HTTP (the job API workers, "node/jobs/api"). Every call needs a
// bearer token: a tenant's token acts on that tenant's jobs only (403 for
// another tenant's), the admin's on every job and on cluster jobs (no
// tenant).
//
//   POST   /api/jobs                {type, params?, priority?, run_at?, max_attempts?,
//                                   timeout_s?, tenant?}: 202 + Location + the job,
//                                   once committed. Idempotency-Key: the same key and
//                                   body -> the same job (Idempotent-Replayed: true);
//                                   the same key with another body -> 422
//   GET    /api/jobs                ?type, status, tenant, limit, cursor: newest first
//   GET    /api/jobs/{id}           status, progress, attempts, timings, result/error
//   POST   /api/jobs/{id}/cancel    pending: cancelled at once; running: at its next
//                                   step (202); finished: 409
//   DELETE /api/jobs/cleanup        ?older_than_days (default 30): deletes finished
//                                   jobs that finished before then: {"deleted":n}

namespace playclock {

namespace http {
class router;
} // namespace http

struct http_api_context;

void add_jobs_routes(http::router& r, const http_api_context& ctx);

} // namespace playclock
