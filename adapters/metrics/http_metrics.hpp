#pragma once
// Request counters and latency histogram of the HTTP API.

#include <string>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace playclock::metrics {

class http_metrics {
public:
  explicit http_metrics(prometheus::Registry& reg);

  /// One answered request; `route` is the matched pattern, never the raw path,
  /// so label cardinality stays bounded.
  void observe(const std::string& route, const std::string& method, int status, double seconds);

private:
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& duration_;
};

} // namespace playclock::metrics
