#pragma once
// Restart intensity and backoff: the arithmetic of a supervisor, free of CAF
// so it can be tested with plain time points.

#include <chrono>
#include <deque>

namespace playclock::sup {

/// How often and how fast a supervisor restarts its children.
struct restart_policy {
  /// At most this many restarts ...
  int max_restarts = 5;
  /// ... within this sliding window; one more and the supervisor escalates.
  std::chrono::milliseconds window{std::chrono::seconds{30}};
  /// Delay before the first restart within the window; doubles for each
  /// further restart in the window.
  std::chrono::milliseconds backoff_initial{100};
  /// Cap of the delay.
  std::chrono::milliseconds backoff_max{10000};
};

/// Remembers recent restarts and decides whether the next one is allowed.
class restart_tracker {
public:
  using time_point = std::chrono::steady_clock::time_point;

  /// The verdict on one more restart.
  struct decision {
    /// False: the intensity limit is exceeded and the supervisor must fail.
    bool allowed = true;
    /// Wait this long before restarting.
    std::chrono::milliseconds delay{0};
    /// Restarts within the window, this one included.
    int recent = 0;
  };

  explicit restart_tracker(restart_policy policy);

  /// Records a failure at `now` and decides on its restart.
  decision record(time_point now);

  /// Restarts recorded within the window ending at `now`.
  int recent(time_point now);

  const restart_policy& policy() const { return policy_; }

private:
  void expire(time_point now);

  restart_policy policy_;
  std::deque<time_point> restarts_;
};

} // namespace playclock::sup
