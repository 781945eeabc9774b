#pragma once
// storage_actor: batches the writes of pollers and game actors and upserts
// them in one transaction per flush, off CAF's scheduler (detached). The
// buffer is bounded: above `max_buffered` rows, store requests are answered
// only after a flush made room, so senders slow down instead of the node
// running out of memory. A failed flush keeps its rows and retries with
// backoff; on shutdown everything buffered is written before the actor ends.
//
//   buffering --(flush_interval or batch_size rows)--> flushing --ok--> buffering
//       ^                                                 |
//       +------------------ failed: keep rows, retry -----+

#include <chrono>
#include <memory>
#include <string>

#include "messages/games.hpp"
#include "messages/storage.hpp"

namespace playclock::pg {
class pool;
} // namespace playclock::pg

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock {

struct storage_config {
  std::shared_ptr<pg::pool> pool;
  std::string node_name;
  int batch_size = 1000;
  std::chrono::milliseconds flush_interval{200};
  int max_buffered = 100000;
  /// Days of sync_log rows kept (0 = all), pruned every `prune_interval`
  /// and once at start.
  int sync_log_days = 30;
  std::chrono::milliseconds prune_interval{std::chrono::hours{1}};
  /// Plays a load returns for rebuilding rolling statistics.
  int recent_plays = 50;
  /// For playclock_storage_* metrics; may be null.
  std::shared_ptr<metrics::registry> metrics;
};

storage_actor spawn_storage_actor(caf::actor_system& sys, storage_config cfg);

} // namespace playclock
