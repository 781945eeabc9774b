#pragma once
// The playclock_source_* metrics shared by every fetcher (live games,
// weather, markets): requests, errors by kind, rejected items, durations.

#include <chrono>
#include <string>
#include <utility>

namespace prometheus {
class Counter;
class Histogram;
template <typename T>
class Family;
} // namespace prometheus

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock {

struct source_metrics {
  prometheus::Family<prometheus::Counter>* requests = nullptr;
  prometheus::Family<prometheus::Counter>* errors = nullptr;
  prometheus::Family<prometheus::Counter>* rejected = nullptr;
  prometheus::Family<prometheus::Histogram>* duration = nullptr;

  /// Counts one request of `source` to `endpoint` taking `seconds`, failed
  /// with `error_kind` unless ok.
  void observe(const std::string& source, const char* endpoint, double seconds, bool ok,
               const std::string& error_kind) const;

  /// Counts items (`item`: game, play, market) a source sent that could not be read.
  void count_rejected(const std::string& source, const char* item, double n) const;
};

/// The families in `reg`; all null (nothing counted) when `reg` is null.
source_metrics make_source_metrics(metrics::registry* reg);

/// Runs `f` (returning a result with `ok` and `error_kind`), counts and
/// times it; returns the result and the seconds it took.
template <class F>
auto measured(const source_metrics& m, const std::string& source, const char* endpoint, F&& f) {
  auto start = std::chrono::steady_clock::now();
  auto result = f();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.observe(source, endpoint, secs, result.ok, result.error_kind);
  return std::make_pair(std::move(result), secs);
}

} // namespace playclock
