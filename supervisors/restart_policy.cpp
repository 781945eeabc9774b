#include "supervisors/restart_policy.hpp"

#include <algorithm>

namespace playclock::sup {

restart_tracker::restart_tracker(restart_policy policy) : policy_(policy) {}

void restart_tracker::expire(time_point now) {
  while (!restarts_.empty() && now - restarts_.front() >= policy_.window)
    restarts_.pop_front();
}

int restart_tracker::recent(time_point now) {
  expire(now);
  return static_cast<int>(restarts_.size());
}

restart_tracker::decision restart_tracker::record(time_point now) {
  expire(now);
  decision result;
  result.recent = static_cast<int>(restarts_.size()) + 1;
  if (result.recent > policy_.max_restarts) {
    result.allowed = false;
    return result;
  }
  restarts_.push_back(now);
  // initial * 2^(recent-1), computed without overflow by stopping at the cap.
  auto delay = policy_.backoff_initial;
  for (int i = 1; i < result.recent && delay < policy_.backoff_max; ++i)
    delay *= 2;
  result.delay = std::min(delay, policy_.backoff_max);
  return result;
}

} // namespace playclock::sup
