#pragma once
// Polling, for integration tests that wait on another process (a node, a
// PostgreSQL server) and have no event to wait on. Unit tests of actors use
// CAF's deterministic test coordinator instead.

#include <algorithm>
#include <chrono>
#include <thread>

namespace playclock::test {

/// Calls `pred` until it returns true or `timeout` has passed, sleeping `step`
/// between calls; `pred` is always called at least once, and once more at the
/// deadline. Returns the last result of `pred`.
template <class Pred>
bool wait_until(Pred pred, std::chrono::milliseconds timeout,
                std::chrono::milliseconds step = std::chrono::milliseconds{50}) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (pred())
      return true;
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline)
      return false;
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(step, deadline - now));
  }
}

} // namespace playclock::test
