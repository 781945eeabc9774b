#include "adapters/sources/rate_limiter.hpp"

#include <algorithm>
#include <thread>

namespace playclock::sources {

rate_limiter::rate_limiter(double per_second, int burst)
  : per_second_(per_second), burst_(std::max(1, burst)), tokens_(std::max(1, burst)) {}

rate_limiter::clock::duration rate_limiter::reserve(clock::time_point now) {
  if (unlimited())
    return clock::duration::zero();
  std::lock_guard<std::mutex> guard{mtx_};
  if (!started_) {
    started_ = true;
    last_ = now;
  }
  if (now > last_) {
    tokens_ = std::min(burst_, tokens_ + std::chrono::duration<double>(now - last_).count()
                                           * per_second_);
    last_ = now;
  }
  // Tokens may go negative: that is the queue of callers already waiting.
  tokens_ -= 1;
  if (tokens_ >= 0)
    return clock::duration::zero();
  return std::chrono::duration_cast<clock::duration>(
    std::chrono::duration<double>(-tokens_ / per_second_));
}

void rate_limiter::acquire() {
  auto wait = reserve();
  if (wait > clock::duration::zero())
    std::this_thread::sleep_for(wait);
}

} // namespace playclock::sources
