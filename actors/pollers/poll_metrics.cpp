#include "actors/pollers/poll_metrics.hpp"

#include <prometheus/histogram.h>

#include "adapters/metrics/registry.hpp"

namespace playclock::pollers {

prometheus::Histogram* poll_duration(metrics::registry* reg, const std::string& source,
                                     const std::string& poll) {
  if (reg == nullptr)
    return nullptr;
  return &prometheus::BuildHistogram()
              .Name("playclock_poll_duration_seconds")
              .Help("Duration of one poll round, by source and poll.")
              .Register(reg->prom())
              .Add({{"source", source}, {"poll", poll}},
                   prometheus::Histogram::BucketBoundaries{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                                           1, 2.5, 5, 10, 30, 60});
}

} // namespace playclock::pollers
