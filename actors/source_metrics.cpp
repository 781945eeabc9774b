#include "actors/source_metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>

#include "adapters/metrics/registry.hpp"

namespace playclock {

source_metrics make_source_metrics(metrics::registry* reg) {
  source_metrics m;
  if (reg == nullptr)
    return m;
  auto& p = reg->prom();
  m.requests = &prometheus::BuildCounter()
                    .Name("playclock_source_requests_total")
                    .Help("Requests to outside sources, by source and endpoint.")
                    .Register(p);
  m.errors = &prometheus::BuildCounter()
                  .Name("playclock_source_errors_total")
                  .Help("Failed requests to outside sources, by source, endpoint and kind.")
                  .Register(p);
  m.rejected = &prometheus::BuildCounter()
                    .Name("playclock_source_rejected_items_total")
                    .Help("Games or plays a source sent that could not be read (bad input).")
                    .Register(p);
  m.duration = &prometheus::BuildHistogram()
                    .Name("playclock_source_request_duration_seconds")
                    .Help("Duration of one request to a source, parsing included.")
                    .Register(p);
  return m;
}

void source_metrics::observe(const std::string& source, const char* endpoint, double seconds,
                             bool ok, const std::string& error_kind) const {
  if (requests == nullptr)
    return;
  requests->Add({{"source", source}, {"endpoint", endpoint}}).Increment();
  static const prometheus::Histogram::BucketBoundaries buckets{
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  duration->Add({{"source", source}, {"endpoint", endpoint}}, buckets).Observe(seconds);
  if (!ok)
    errors->Add({{"source", source}, {"endpoint", endpoint}, {"kind", error_kind}}).Increment();
}

void source_metrics::count_rejected(const std::string& source, const char* item, double n) const {
  if (rejected != nullptr && n > 0)
    rejected->Add({{"source", source}, {"item", item}}).Increment(n);
}

} // namespace playclock
