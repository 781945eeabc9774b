#pragma once
// The metrics of the alert router and the notifiers, registered once per
// node (alerts_children) and shared by every incarnation of the actors.

#include <memory>
#include <string>

namespace prometheus {
class Counter;
class Gauge;
class Histogram;
template <class T>
class Family;
} // namespace prometheus

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock {

struct alert_metrics {
  /// playclock_alerts_total{type,outcome}: pending (decided to send and
  /// stored), suppressed, duplicate (already stored), sent, failed.
  prometheus::Family<prometheus::Counter>* alerts = nullptr;
  /// playclock_alerts_suppressed_total{type,reason}.
  prometheus::Family<prometheus::Counter>* suppressed = nullptr;
  /// playclock_alert_decisions_total.
  prometheus::Counter* decisions = nullptr;
  /// playclock_alert_decision_buffer: decisions waiting to be stored.
  prometheus::Gauge* buffered = nullptr;
  /// playclock_alert_events_dropped_total: events or decisions dropped
  /// because a bounded buffer was full (the store down for long).
  prometheus::Counter* dropped = nullptr;
  /// playclock_alert_store_failures_total{what}: requests to the store
  /// that failed and are retried.
  prometheus::Family<prometheus::Counter>* store_failures = nullptr;
  /// playclock_notifier_deliveries_total{channel,outcome}: sent, retry, failed.
  prometheus::Family<prometheus::Counter>* deliveries = nullptr;
  /// playclock_notifier_retries_total{channel}.
  prometheus::Family<prometheus::Counter>* retries = nullptr;
  /// playclock_notifier_queue_depth{channel}: waiting + in flight.
  prometheus::Family<prometheus::Gauge>* queue_depth = nullptr;
  /// playclock_alert_delivery_seconds{channel}: from detection to sent.
  prometheus::Family<prometheus::Histogram>* delivery_seconds = nullptr;

  void count_alert(const std::string& type, const std::string& outcome, double n = 1) const;
  void count_suppressed(const std::string& type, const std::string& reason, double n = 1) const;
  void count_delivery(const std::string& channel, const std::string& outcome) const;
  void count_store_failure(const std::string& what) const;
  void observe_delivery(const std::string& channel, double seconds) const;
  void set_queue_depth(const std::string& channel, double n) const;
  void count_decision() const;
  void count_dropped() const;
  void set_buffered(double n) const;
};

/// Registers the families on `reg`.
std::shared_ptr<alert_metrics> make_alert_metrics(metrics::registry& reg);

} // namespace playclock
