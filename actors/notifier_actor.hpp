#pragma once
// notifier_actor: delivers the alerts of one channel (telegram, webhook,
// log). Alerts arrive from the router once they are stored as pending, and
// from the store itself: at start and then every sweep_interval the
// notifier loads the channel's pending alerts, so a restart resumes where it
// stopped and nothing the router could not hand over is left behind. An
// alert already sent is not pending, so it is never sent again; an id that
// is queued, in flight or just delivered is not queued twice.
//
//   ready queue --(rate limit: wait for a token)--> worker (detached, blocking HTTP)
//        ^                                             |
//        +--- retry: next_retry (backoff, retry_after) -+--> sent / failed -> store
//
// Up to `concurrency` deliveries are in flight on as many detached workers.
// Every attempt is recorded in the store (alerts row + history): sent,
// retry (stays pending), failed ("rejected: ..." or "dead letter after N
// attempts: ..."). A full in-memory queue drops nothing from the database:
// an alert not queued stays pending and the next sweep brings it back.

#include <chrono>
#include <cstddef>
#include <memory>

#include "adapters/notify/retry.hpp"
#include "adapters/notify/telegram.hpp"
#include "adapters/notify/webhook.hpp"
#include "config/settings.hpp"
#include "messages/alerts.hpp"

namespace playclock::sup {
class registry;
} // namespace playclock::sup

namespace playclock {

struct alert_metrics;

struct notifier_config {
  alerts::channel via = alerts::channel::log;
  /// Finds "node/alert_store" at each use.
  std::shared_ptr<sup::registry> names;
  notify::retry_policy retry;
  /// Deliveries in flight (detached workers).
  int concurrency = 8;
  /// Token buckets: overall and per target (chat); a rate <= 0 is no limit.
  double rate_per_s = 0;
  int burst = 1;
  double per_target_per_s = 0;
  int per_target_burst = 1;
  notify::telegram_options telegram;
  notify::webhook_options webhook;
  /// How often pending alerts are reloaded from the store.
  std::chrono::milliseconds sweep_interval{30000};
  /// Alerts held in memory (queued or waiting for a retry) at most.
  std::size_t max_queued = 100000;
  std::chrono::milliseconds store_timeout{10000};
  /// May be null.
  std::shared_ptr<alert_metrics> metrics;
};

/// The configuration of `via`'s notifier from settings.alerts.
notifier_config notifier_config_from(const config::alerts_settings& s, alerts::channel via);

notifier_actor spawn_notifier(caf::actor_system& sys, notifier_config cfg);

} // namespace playclock
