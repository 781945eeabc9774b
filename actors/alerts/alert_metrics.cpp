#include "actors/alerts/alert_metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>

#include "adapters/metrics/registry.hpp"

namespace playclock {

void alert_metrics::count_alert(const std::string& type, const std::string& outcome,
                                double n) const {
  if (alerts != nullptr)
    alerts->Add({{"type", type}, {"outcome", outcome}}).Increment(n);
}

void alert_metrics::count_suppressed(const std::string& type, const std::string& reason,
                                     double n) const {
  if (suppressed != nullptr)
    suppressed->Add({{"type", type}, {"reason", reason}}).Increment(n);
}

void alert_metrics::count_delivery(const std::string& channel, const std::string& outcome) const {
  if (deliveries != nullptr)
    deliveries->Add({{"channel", channel}, {"outcome", outcome}}).Increment();
  if (outcome == "retry" && retries != nullptr)
    retries->Add({{"channel", channel}}).Increment();
}

void alert_metrics::count_store_failure(const std::string& what) const {
  if (store_failures != nullptr)
    store_failures->Add({{"what", what}}).Increment();
}

void alert_metrics::observe_delivery(const std::string& channel, double seconds) const {
  if (delivery_seconds == nullptr)
    return;
  // 1 ms to 60 s.
  static const prometheus::Histogram::BucketBoundaries buckets{
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
  delivery_seconds->Add({{"channel", channel}}, buckets).Observe(seconds);
}

void alert_metrics::set_queue_depth(const std::string& channel, double n) const {
  if (queue_depth != nullptr)
    queue_depth->Add({{"channel", channel}}).Set(n);
}

void alert_metrics::count_decision() const {
  if (decisions != nullptr)
    decisions->Increment();
}

void alert_metrics::count_dropped() const {
  if (dropped != nullptr)
    dropped->Increment();
}

void alert_metrics::set_buffered(double n) const {
  if (buffered != nullptr)
    buffered->Set(n);
}

std::shared_ptr<alert_metrics> make_alert_metrics(metrics::registry& reg) {
  auto m = std::make_shared<alert_metrics>();
  auto& p = reg.prom();
  m->alerts =
      &prometheus::BuildCounter()
           .Name("playclock_alerts_total")
           .Help("Alerts by type and outcome (pending, suppressed, duplicate, sent, failed).")
           .Register(p);
  m->suppressed =
      &prometheus::BuildCounter()
           .Name("playclock_alerts_suppressed_total")
           .Help("Suppressed alerts by type and reason (cooldown, daily_limit, duplicate).")
           .Register(p);
  m->decisions = &prometheus::BuildCounter()
                      .Name("playclock_alert_decisions_total")
                      .Help("Routing decisions (one per matching rule and event).")
                      .Register(p)
                      .Add({});
  m->buffered = &prometheus::BuildGauge()
                     .Name("playclock_alert_decision_buffer")
                     .Help("Routing decisions waiting to be written to the database.")
                     .Register(p)
                     .Add({});
  m->dropped = &prometheus::BuildCounter()
                    .Name("playclock_alert_events_dropped_total")
                    .Help("Events or decisions the alert router dropped because a bounded buffer "
                          "was full.")
                    .Register(p)
                    .Add({});
  m->store_failures = &prometheus::BuildCounter()
                           .Name("playclock_alert_store_failures_total")
                           .Help("Requests to the alert store that failed and were retried.")
                           .Register(p);
  m->deliveries = &prometheus::BuildCounter()
                       .Name("playclock_notifier_deliveries_total")
                       .Help("Delivery attempts by channel and outcome (sent, retry, failed).")
                       .Register(p);
  m->retries = &prometheus::BuildCounter()
                    .Name("playclock_notifier_retries_total")
                    .Help("Deliveries scheduled for another attempt, by channel.")
                    .Register(p);
  m->queue_depth = &prometheus::BuildGauge()
                        .Name("playclock_notifier_queue_depth")
                        .Help("Alerts queued or in flight, by channel.")
                        .Register(p);
  m->delivery_seconds = &prometheus::BuildHistogram()
                             .Name("playclock_alert_delivery_seconds")
                             .Help("From the event's detection to the alert's delivery.")
                             .Register(p);
  return m;
}

} // namespace playclock
