#pragma once
// The node's metrics: one prometheus-cpp registry for counters, gauges and
// histograms, plus collectors computed at scrape time (process, pool).

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>
#include <prometheus/registry.h>

namespace playclock::metrics {

class registry {
public:
  registry();

  /// Where components build their counter, gauge and histogram families.
  prometheus::Registry& prom() { return *prom_; }

  /// Adds a collector evaluated at every scrape.
  void add_collector(std::shared_ptr<prometheus::Collectable> c);

  /// Everything in the Prometheus text exposition format (version 0.0.4).
  std::string serialize() const;

private:
  std::shared_ptr<prometheus::Registry> prom_;
  mutable std::mutex mtx_;
  std::vector<std::shared_ptr<prometheus::Collectable>> collectors_;
};

/// A single-sample family, for collectors.
prometheus::MetricFamily single(std::string name, std::string help, prometheus::MetricType type,
                                double value);

/// Adds one sample with labels to a family (gauge or counter by family type).
void add_sample(prometheus::MetricFamily& f, std::vector<prometheus::ClientMetric::Label> labels,
                double value);

/// Standard process_* metrics (CPU, memory, file descriptors, start time,
/// threads) read from /proc at scrape time.
std::shared_ptr<prometheus::Collectable> make_process_collector();

} // namespace playclock::metrics
