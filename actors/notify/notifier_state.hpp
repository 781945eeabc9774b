#pragma once
// The notifier's state and the steps its behavior is made of (shared by
// notifier_actor.cpp and notify/notifier_queue.cpp).

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/alerts/alert_metrics.hpp"
#include "actors/notifier_actor.hpp"
#include "actors/notify/delivery_worker.hpp"
#include "adapters/notify/keyed_limiter.hpp"
#include "adapters/sources/backoff.hpp"

namespace spdlog {
class logger;
} // namespace spdlog

namespace playclock::notifier {

using steady = std::chrono::steady_clock;

/// An alert waiting for its turn.
struct item {
  alert_delivery d;
  /// A rate-limit token is reserved for it: send when due, without another.
  bool reserved = false;
};

struct state {
  static inline const char* name = "notifier";
  notifier_config cfg;
  std::string channel;
  std::shared_ptr<spdlog::logger> log;
  std::deque<item> ready;
  /// Retries and rate-limit waits, by when they are due.
  std::multimap<steady::time_point, item> delayed;
  /// Ids queued, waiting, in flight, or delivered but not yet recorded.
  std::unordered_set<std::string> known;
  /// Ids recorded lately (a sweep read before the record must not resend them).
  std::unordered_set<std::string> finished;
  /// The same ids in the order they were recorded, to expire them cheaply.
  std::deque<std::pair<steady::time_point, std::string>> finished_order;
  std::vector<delivery_worker_actor> idle;
  std::vector<caf::actor_addr> workers;
  int in_flight = 0;
  std::unique_ptr<notify::keyed_rate_limiter> limiter;
  bool wake_armed = false;
  steady::time_point wake_at;
  /// Outcomes to write; one write in flight at a time.
  std::vector<delivery_record> records;
  bool records_in_flight = false;
  bool records_retry_armed = false;
  std::unique_ptr<sources::backoff> store_retry;
  bool loading = false;
  bool overflowed = false;
  bool stopping = false;

  const alert_metrics& m() const;
  void update_depth() const;
};

using self_ptr = notifier_actor::stateful_pointer<state>;

/// Queues `d` unless its id is known; false if ignored.
bool enqueue(self_ptr self, alert_delivery d);
/// Moves due delayed alerts to the ready queue.
void wake(self_ptr self);
/// Starts deliveries while workers are idle.
void pump(self_ptr self);
/// Writes buffered outcomes if no write is in flight.
void flush_records(self_ptr self);
/// Ends the actor once a shutdown has nothing left in flight.
void maybe_quit(self_ptr self);

} // namespace playclock::notifier
