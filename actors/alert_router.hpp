#pragma once
// alert_router: turns the events of the hub (topics "games" and "markets")
// into alerts for the tenants' rules. Each event becomes candidates
// (alerts/candidates.hpp), each candidate is matched against the rules of
// its type, and alert_policy decides per rule: send, or suppress as a
// duplicate, within the rule's cooldown, or over the tenant's daily limit
// (high priority bypasses it). Every decision is written to the alert store;
// an alert goes to the notifier of its channel only once the store has
// confirmed it is new (persist before send: no alert is lost, none is sent
// twice).
//
//   loading --bootstrap (rules, last day's alerts, limits)--> routing
//     (events are buffered, bounded;   the store down: retried every tick)
//
// Decisions are buffered and written at once when no write is in flight,
// else after flush_interval (0: as soon as a write is free) or at once when
// flush_batch are waiting; up to max_writes_in_flight writes (one per store
// worker) run at once. A failed write is retried with backoff. A restarted
// router restores cooldowns and daily counts from the store, so it neither
// re-alerts nor forgets a limit.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

#include "messages/alerts.hpp"

namespace playclock::sup {
class registry;
} // namespace playclock::sup

namespace playclock {

struct alert_metrics;

struct alert_router_config {
  /// Finds "node/events", "node/alert_store" and "node/notifiers/<channel>"
  /// at each use, so restarted ones are picked up (and the hub re-subscribed).
  std::shared_ptr<sup::registry> names;
  /// A tenant's default alerts per UTC day (the tenants table's limit wins).
  int daily_limit = 100;
  /// How long a decision may wait, while a write is in flight, to be
  /// written with others; 0 = as soon as a write is free.
  std::chrono::milliseconds flush_interval{2};
  /// Decisions per write; a full batch is written at once.
  std::size_t flush_batch = 2000;
  /// Writes at once; more than the alert store's workers only queue there.
  std::size_t max_writes_in_flight = 1;
  /// Decisions waiting for the store at most; beyond, new ones are dropped
  /// (counted, logged).
  std::size_t max_buffered = 100000;
  /// Events waiting for the bootstrap at most; beyond, the oldest are dropped.
  std::size_t max_waiting_events = 10000;
  std::chrono::milliseconds store_timeout{10000};
  /// How often the hub subscription is checked (and a failed load retried).
  std::chrono::milliseconds tick_interval{1000};
  /// The time of decisions; the system clock when empty.
  std::function<std::chrono::system_clock::time_point()> clock;
  /// May be null.
  std::shared_ptr<alert_metrics> metrics;
};

alert_router_actor spawn_alert_router(caf::actor_system& sys, alert_router_config cfg);

} // namespace playclock
