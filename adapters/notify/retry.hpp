#pragma once
// When to try a failed delivery again: exponential backoff with jitter
// (sources::backoff), never sooner than the receiver asked (retry_after), and
// not at all after a reject or the last attempt (the alert is dead-lettered).

#include <chrono>
#include <cstdint>
#include <optional>

#include "adapters/notify/outcome.hpp"

namespace playclock::notify {

/// How persistent a notifier is.
struct retry_policy {
  /// Attempts in all, the first included (5: the first and 4 retries).
  int max_attempts = 5;
  /// The backoff after the first failed attempt, doubling after each further
  /// one up to `max`; each wait is drawn from [delay/2, delay].
  std::chrono::milliseconds initial{500}, max{60000};
};

/// The wait before the next attempt, given `attempts_done` attempts so far
/// (at least 1: the one that produced `last`), or nullopt for no further
/// attempt: `last` was sent or reject, or attempts_done >= max_attempts
/// (dead letter). Otherwise max(last.retry_after, backoff), the backoff's
/// jitter drawn deterministically from `jitter_seed` (seed it per alert, e.g.
/// a hash of its id, so failing alerts do not retry in lock-step).
std::optional<std::chrono::milliseconds> next_retry(const retry_policy& policy, int attempts_done,
                                                    const delivery_outcome& last,
                                                    std::uint64_t jitter_seed);

} // namespace playclock::notify
