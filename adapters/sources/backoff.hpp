#pragma once
// Exponential backoff with full jitter for failing sources: the n-th retry
// waits a random time in [delay/2, delay] where delay = initial * 2^(n-1),
// capped, so many pollers failing together do not retry in lock-step.

#include <chrono>
#include <cstdint>

namespace playclock::sources {

class backoff {
public:
  backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max, std::uint64_t seed);

  /// The wait before the next retry; each call counts one more failure.
  std::chrono::milliseconds next();

  /// A success: the next failure starts from `initial` again.
  void reset() { failures_ = 0; }

  int failures() const { return failures_; }

private:
  std::chrono::milliseconds initial_;
  std::chrono::milliseconds max_;
  std::uint64_t state_;
  int failures_ = 0;
};

} // namespace playclock::sources
