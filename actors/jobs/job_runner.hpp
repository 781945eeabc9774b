#pragma once
// What a job type is to its job actor: a runner whose step() does one slice
// of the work, and the context it works in (progress, stop requests,
// PostgreSQL, the node's actors). Between steps the actor sees
// cancellation, time-out and shutdown; within a long step the runner
// polls stopping().

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include <caf/fwd.hpp>
#include <rapidjson/fwd.h>

#include "actors/jobs/jobs_sql.hpp"
#include "adapters/simulations/llm.hpp"

namespace playclock::pg {
class pool;
} // namespace playclock::pg

namespace playclock::sup {
class registry;
} // namespace playclock::sup

namespace playclock {
struct job_metrics;
} // namespace playclock

namespace playclock {

/// Why a job must stop before it is done.
enum class stop_reason : int { none = 0, cancelled, timed_out, lease_lost, shutdown };

/// Shared by a job actor and the job queue, which sets `reason` from its
/// heartbeat (cancelled, lease_lost).
struct job_control {
  std::atomic<int> reason{0};
  std::chrono::steady_clock::time_point deadline;

  void request_stop(stop_reason r) {
    int none = 0;
    reason.compare_exchange_strong(none, static_cast<int>(r));
  }
  /// The reason, with the deadline checked (time-outs need no timer).
  stop_reason current() {
    if (reason.load() == 0 && std::chrono::steady_clock::now() >= deadline)
      request_stop(stop_reason::timed_out);
    return static_cast<stop_reason>(reason.load());
  }
};

/// What jobs may use of their node.
struct job_env {
  caf::actor_system* sys = nullptr;
  std::shared_ptr<pg::pool> pool;
  std::shared_ptr<sup::registry> names;
  std::string node;
  /// Set by the first job actor its supervisor stops (the node is
  /// stopping): the queue claims no more jobs.
  std::shared_ptr<std::atomic<bool>> draining = std::make_shared<std::atomic<bool>>(false);
  /// The simulation job's narrative writer (simulations.llm_*).
  simulations::llm_options llm;
  /// The node's job metrics (the pipeline counts its checks); may be null.
  std::shared_ptr<job_metrics> metrics;
};

class job_context {
 public:
  job_context(jobs_sql::claimed_job job, job_env env, std::shared_ptr<job_control> control)
      : job_(std::move(job)), env_(std::move(env)), control_(std::move(control)) {}

  const jobs_sql::claimed_job& job() const { return job_; }
  const job_env& env() const { return env_; }

  /// Records progress (0-100) and a message in the jobs table; a
  /// cancellation asked for in the meantime is noticed here.
  void progress(int percent, const std::string& message);

  /// True once the job must stop (cancelled, timed out, lease lost, node
  /// stopping); a long step checks it often and returns early.
  bool stopping() { return control_->current() != stop_reason::none; }
  stop_reason reason() { return control_->current(); }

  /// Sleeps `d` in slices, returning false early if the job must stop.
  bool sleep_for(std::chrono::milliseconds d);

 private:
  jobs_sql::claimed_job job_;
  job_env env_;
  std::shared_ptr<job_control> control_;
};

/// One job type's work, a step at a time.
class job_runner {
 public:
  virtual ~job_runner() = default;
  /// Does the next slice of work; true when the job is done. Throws to fail
  /// the attempt (the message is stored as the job's error).
  virtual bool step(job_context& ctx) = 0;
  /// The job's result as a JSON value, once step() returned true.
  virtual std::string result() const = 0;
};

/// The runner of `job.type` with its params; throws std::invalid_argument
/// for an unknown type or bad params.
std::unique_ptr<job_runner> make_runner(const jobs_sql::claimed_job& job);

// The runners, one file each, given the job's params (an object checked at
// submission by jobs::check_params).
std::unique_ptr<job_runner> make_noop_runner(const rapidjson::Value& params);
std::unique_ptr<job_runner> make_training_runner(const rapidjson::Value& params);
std::unique_ptr<job_runner> make_predictions_runner(const rapidjson::Value& params);
std::unique_ptr<job_runner> make_refresh_runner(const rapidjson::Value& params);
std::unique_ptr<job_runner> make_simulation_runner(const jobs_sql::claimed_job& job);
std::unique_ptr<job_runner> make_pipeline_runner(const rapidjson::Value& params);

/// Member `name` of `params` if it is an int, else `fallback`.
int int_param(const rapidjson::Value& params, const char* name, int fallback);

} // namespace playclock
