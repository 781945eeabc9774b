#include "adapters/notify/retry.hpp"

#include <algorithm>

#include "adapters/sources/backoff.hpp"

namespace playclock::notify {

std::optional<std::chrono::milliseconds> next_retry(const retry_policy& policy, int attempts_done,
                                                    const delivery_outcome& last,
                                                    std::uint64_t jitter_seed) {
  if (last.what != delivery_outcome::kind::retry)
    return std::nullopt;
  attempts_done = std::max(1, attempts_done);
  if (attempts_done >= policy.max_attempts)
    return std::nullopt;
  auto initial = std::max(policy.initial, std::chrono::milliseconds{1});
  sources::backoff b{initial, policy.max, jitter_seed};
  // The n-th failure's wait; the doubling is capped, so this loop is short.
  auto wait = b.next();
  for (int i = 1; i < attempts_done; ++i)
    wait = b.next();
  std::chrono::milliseconds asked = std::min(last.retry_after, max_retry_after);
  return std::max(wait, asked);
}

} // namespace playclock::notify
