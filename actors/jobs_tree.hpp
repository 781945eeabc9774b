#pragma once
// The jobs part of a node's supervision tree: one supervisor "node/jobs"
// with, in start order,
//
//   api        detached workers: the HTTP job API's reads and writes
//   listener   detached: LISTEN for enqueued jobs, wakes the queue
//   queue      detached: claims, leases, rescues; starts the job actors
//   job-<id>   one detached job actor per running job (dynamic, temporary)
//
// Job actors start last and so stop first: at shutdown each gives its job
// back before the queue stops. The jobs use a connection pool of their own
// (jobs.concurrency + 3), so a long job never starves the live feeds.

#include <functional>
#include <memory>
#include <string>

#include "config/settings.hpp"
#include "messages/supervision.hpp"

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock::pg {
class pool;
} // namespace playclock::pg

namespace playclock::sup {
class registry;
struct supervisor_event;
} // namespace playclock::sup

namespace playclock {

struct jobs_options {
  config::settings settings;
  /// The node's pool: its options are copied for the jobs' own pool.
  std::shared_ptr<pg::pool> pool;
  std::shared_ptr<metrics::registry> metrics;
  std::shared_ptr<sup::registry> names;
  std::string node_name;
  std::function<void(const sup::supervisor_event&)> observer;
};

/// The "jobs" supervisor child.
child_spec jobs_child(const jobs_options& opts);

} // namespace playclock
