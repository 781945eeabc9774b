#include "adapters/metrics/registry.hpp"

#include <prometheus/text_serializer.h>

namespace playclock::metrics {

registry::registry() : prom_(std::make_shared<prometheus::Registry>()) {
  add_collector(make_process_collector());
}

void registry::add_collector(std::shared_ptr<prometheus::Collectable> c) {
  std::lock_guard<std::mutex> guard{mtx_};
  collectors_.push_back(std::move(c));
}

std::string registry::serialize() const {
  auto families = prom_->Collect();
  {
    std::lock_guard<std::mutex> guard{mtx_};
    for (const auto& c : collectors_) {
      auto more = c->Collect();
      families.insert(families.end(), std::make_move_iterator(more.begin()),
                      std::make_move_iterator(more.end()));
    }
  }
  return prometheus::TextSerializer{}.Serialize(families);
}

prometheus::MetricFamily single(std::string name, std::string help, prometheus::MetricType type,
                                double value) {
  prometheus::MetricFamily f;
  f.name = std::move(name);
  f.help = std::move(help);
  f.type = type;
  add_sample(f, {}, value);
  return f;
}

void add_sample(prometheus::MetricFamily& f, std::vector<prometheus::ClientMetric::Label> labels,
                double value) {
  prometheus::ClientMetric m;
  m.label = std::move(labels);
  if (f.type == prometheus::MetricType::Counter)
    m.counter.value = value;
  else if (f.type == prometheus::MetricType::Gauge)
    m.gauge.value = value;
  else
    m.untyped.value = value;
  f.metric.push_back(std::move(m));
}

} // namespace playclock::metrics
