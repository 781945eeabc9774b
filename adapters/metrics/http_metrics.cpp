#include "adapters/metrics/http_metrics.hpp"

namespace playclock::metrics {

http_metrics::http_metrics(prometheus::Registry& reg)
  : requests_(prometheus::BuildCounter()
                .Name("playclock_http_requests_total")
                .Help("HTTP requests answered, by route pattern, method and status code.")
                .Register(reg)),
    duration_(prometheus::BuildHistogram()
                .Name("playclock_http_request_duration_seconds")
                .Help("Time from a parsed request to its response, by route pattern.")
                .Register(reg)) {}

void http_metrics::observe(const std::string& route, const std::string& method, int status,
                           double seconds) {
  requests_.Add({{"route", route}, {"method", method}, {"status", std::to_string(status)}})
    .Increment();
  static const prometheus::Histogram::BucketBoundaries buckets{
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  duration_.Add({{"route", route}, {"method", method}}, buckets).Observe(seconds);
}

} // namespace playclock::metrics
