#pragma once
// A token bucket per source (ESPN allows about 1 request/s): callers reserve a
// token and learn how long to wait for it. Thread-safe; time is passed in so
// tests need no sleeping.

#include <chrono>
#include <mutex>

namespace playclock::sources {

class rate_limiter {
public:
  using clock = std::chrono::steady_clock;

  /// `per_second` <= 0 disables limiting; `burst` tokens may be spent at once.
  rate_limiter(double per_second, int burst);

  /// Takes one token; returns how long the caller must wait before using it
  /// (zero if one was available). Waiting callers queue in reservation order.
  clock::duration reserve(clock::time_point now = clock::now());

  /// reserve() and sleep for the wait. Blocking: only for I/O threads.
  void acquire();

  bool unlimited() const { return per_second_ <= 0; }

private:
  double per_second_;
  double burst_;
  std::mutex mtx_;
  double tokens_;
  clock::time_point last_;
  bool started_ = false;
};

} // namespace playclock::sources
