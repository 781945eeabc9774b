#pragma once
// Messages of the jobs domain: what the HTTP routes ask of the job queue
// actor ("node/jobs/queue"), and what a job actor tells it.

#include <cstdint>
#include <string>

#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "messages/atoms.hpp"
#include "messages/games_query.hpp"

namespace playclock {

/// Cancels a job.
using cancel_atom = caf::atom_constant<caf::atom("pc_cancel")>;
/// Deletes finished jobs older than some days.
using cleanup_atom = caf::atom_constant<caf::atom("pc_cleanup")>;
/// Look for due jobs now (a NOTIFY arrived, or a slot came free).
using wake_atom = caf::atom_constant<caf::atom("pc_wake")>;
/// A job actor ended (job id).
using done_atom = caf::atom_constant<caf::atom("pc_done")>;
/// Reads a model's versions.
using models_atom = caf::atom_constant<caf::atom("pc_models")>;
/// Makes another model version the active one.
using rollback_atom = caf::atom_constant<caf::atom("pc_rollbk")>;
/// Reads a game's stored predictions.
using predictions_atom = caf::atom_constant<caf::atom("pc_preds")>;
/// Internal: the job queue's periodic look for due jobs.
using jobs_poll_atom = caf::atom_constant<caf::atom("pc_jpoll")>;
/// Internal: the job queue's periodic heartbeat.
using jobs_beat_atom = caf::atom_constant<caf::atom("pc_jbeat")>;
/// Internal: the job listener's next wait for notifications.
using listen_atom = caf::atom_constant<caf::atom("pc_listen")>;
/// A job actor's next step.
using step_atom = caf::atom_constant<caf::atom("pc_step")>;
/// A tenant's simulations.
using simulations_atom = caf::atom_constant<caf::atom("pc_sims")>;
/// A simulation's narrative.
using narrative_atom = caf::atom_constant<caf::atom("pc_narr")>;
/// Store a health snapshot.
using snapshot_atom = caf::atom_constant<caf::atom("pc_snap")>;

/// A job to enqueue, checked by the route (jobs::parse_job_request).
struct job_submission {
  std::string type;
  /// Compact JSON object.
  std::string params = "{}";
  /// "" = a cluster job.
  std::string tenant;
  std::int32_t priority = 0;
  /// Unix ms; -1 = now.
  std::int64_t run_at_ms = -1;
  std::int32_t max_attempts = 3;
  std::int32_t timeout_s = 3600;
  /// "" = none.
  std::string idempotency_key;
  /// jobs::request_hash of the request.
  std::string request_hash;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, job_submission& x) {
  return f(caf::meta::type_name("playclock::job_submission"), x.type, x.params, x.tenant,
           x.priority, x.run_at_ms, x.max_attempts, x.timeout_s, x.idempotency_key, x.request_hash);
}

/// How a job actor's attempt ended; the queue records it with the next
/// claim (one transaction for the ends of many jobs).
struct job_outcome {
  /// 0 completed, 1 failed, 2 cancelled (jobs_sql::end_status).
  std::int32_t status = 0;
  /// Completed: the result as JSON ("" = null).
  std::string result;
  /// Failed or cancelled: why.
  std::string error;
  /// The attempt's run time.
  double run_s = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, job_outcome& x) {
  return f(caf::meta::type_name("playclock::job_outcome"), x.status, x.result, x.error, x.run_s);
}

/// A page of jobs, newest first.
struct jobs_query {
  /// Only this tenant's jobs ("" = every job: the admin only).
  std::string tenant;
  /// "" = any.
  std::string type;
  std::string status;
  std::int32_t limit = 50;
  std::string cursor;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, jobs_query& x) {
  return f(caf::meta::type_name("playclock::jobs_query"), x.tenant, x.type, x.status, x.limit,
           x.cursor);
}

/// The job API of a node ("node/jobs/api", a pool of detached workers): the
/// reads and writes of the jobs table the HTTP routes ask for, and of what
/// jobs produce (the model registry, predictions). `scope` is
/// the caller's tenant, "" for the admin; a job of another tenant is
/// query_errc::forbidden, an unknown one not_found.
using jobs_api_actor = caf::typed_actor<
    /// Enqueues (committed before the reply); the body is the job, and
    /// found = false when an idempotency key replayed an existing job. The
    /// same key with another request_hash is query_errc::unprocessable.
    caf::replies_to<job_submission>::with<json_page>,
    /// {"jobs":[...],"next_cursor":...}.
    caf::replies_to<jobs_query>::with<json_page>,
    /// One job (id, scope).
    caf::replies_to<get_atom, std::int64_t, std::string>::with<json_page>,
    /// Cancels (id, scope): a pending job at once (found = true), a running
    /// one at its next step (found = false: requested); a finished one is
    /// query_errc::conflict. Replies with the job.
    caf::replies_to<cancel_atom, std::int64_t, std::string>::with<json_page>,
    /// Deletes finished jobs older than (days, scope; "" = all tenants'):
    /// {"deleted":n}.
    caf::replies_to<cleanup_atom, std::int32_t, std::string>::with<json_page>,
    /// The model registry the training job writes: a model's versions;
    /// found = false if none is stored.
    caf::replies_to<models_atom, std::string>::with<json_page>,
    /// Activates (model, version; 0 = the one before the active) and replies
    /// with the versions; an unknown version is query_errc::not_found.
    caf::replies_to<rollback_atom, std::string, std::int32_t>::with<json_page>,
    /// A game's predictions (the prediction job's): found = false if the
    /// game is unknown.
    caf::replies_to<predictions_atom, std::string>::with<json_page>,
    /// The health report's database parts (health_sql::operations): found =
    /// false when something needs attention.
    caf::replies_to<health_atom>::with<json_page>,
    /// Stores a health snapshot (node, status, report JSON).
    caf::reacts_to<snapshot_atom, std::string, std::string, std::string>,
    /// A page of health snapshots (limit, node or "", cursor or "").
    caf::replies_to<health_atom, std::int32_t, std::string, std::string>::with<json_page>,
    /// A tenant's simulations (tenant, limit, cursor or "").
    caf::replies_to<simulations_atom, std::string, std::int32_t, std::string>::with<json_page>,
    /// One simulation (tenant, id): found = false if the tenant has none.
    caf::replies_to<simulations_atom, std::string, std::int64_t>::with<json_page>,
    /// Its events (tenant, id, after seq, limit).
    caf::replies_to<simulations_atom, std::string, std::int64_t, std::int32_t,
                    std::int32_t>::with<json_page>,
    /// Its narrative (tenant, id); query_errc::conflict until it completed.
    caf::replies_to<narrative_atom, std::string, std::int64_t>::with<json_page>>;

/// The job queue of a node ("node/jobs/queue", detached): claims due jobs
/// for this node's job actors, renews their leases, rescues expired ones.
using job_queue_actor = caf::typed_actor<
    /// Claims due jobs if this node has free slots (a NOTIFY, a poll).
    caf::reacts_to<wake_atom>,
    /// Renews leases and reads cancellations now (a cancel was requested).
    caf::reacts_to<tick_atom>,
    /// Job actor `id` has ended with this outcome, to be recorded.
    caf::reacts_to<done_atom, std::int64_t, job_outcome>,
    /// Job actor `id` has ended with nothing to record (its lease was lost,
    /// or it gave the job back).
    caf::reacts_to<done_atom, std::int64_t>,
    /// Internal: the periodic poll and heartbeat (rescues expired leases too).
    caf::reacts_to<jobs_poll_atom>, caf::reacts_to<jobs_beat_atom>>;

/// Waits for NOTIFY on the jobs channel on a connection of its own and
/// wakes the job queue (detached; one wait of at most 250 ms per message,
/// so it stops promptly).
using job_listener_actor = caf::typed_actor<caf::reacts_to<listen_atom>>;

/// The cron scheduler: enqueues each schedule's due slot on its timer.
using job_scheduler_actor = caf::typed_actor<caf::reacts_to<tick_atom>>;

/// One running job: each step is one message, so cancellation, time-outs
/// and shutdown are seen between steps.
using job_actor = caf::typed_actor<caf::reacts_to<step_atom>>;

} // namespace playclock
