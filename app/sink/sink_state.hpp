#pragma once
// What playclock-sink has received: every alert once by its id (the
// Idempotency-Key), how often it was delivered, and the detect-to-deliver
// latency when the alert says when it was detected. Thread-safe.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace playclock::sink {

struct received_alert {
  std::string id;
  std::string type;
  std::string message;
  /// Requests that carried this id (failed answers included).
  int attempts = 0;
  /// Requests answered 2xx.
  int accepted = 0;
};

class sink_state {
 public:
  /// How the sink answers the next request for `id`: 200, or a failure the
  /// options ask for (fail_first: the first N requests of each id get 500;
  /// rate_limit_every: every K-th request gets 429).
  int answer_for(const std::string& id);

  /// Records a request that was answered `status`; `latency_ms` < 0 if unknown.
  void record(const std::string& id, const std::string& type, const std::string& message,
              int status, double latency_ms);

  /// {"alerts","deliveries","duplicates","failed_answers","by_type",
  ///  "latency_ms":{"count","p50","p99","max"},"recent":[...]}.
  std::string report_json() const;

  /// Forgets everything received (a benchmark's warm-up).
  void reset();

  int fail_first = 0;
  int rate_limit_every = 0;

 private:
  mutable std::mutex mtx_;
  std::map<std::string, received_alert> by_id_;
  std::vector<std::string> order_;
  std::map<std::string, int> by_type_;
  std::vector<double> latencies_;
  std::uint64_t requests_ = 0;
  std::uint64_t deliveries_ = 0;
  std::uint64_t duplicates_ = 0;
  std::uint64_t failed_answers_ = 0;
};

} // namespace playclock::sink
