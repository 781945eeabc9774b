#include "adapters/sources/cadence.hpp"

namespace playclock::sources {

std::chrono::milliseconds wait_for_slot(std::chrono::steady_clock::time_point now,
                                        std::chrono::milliseconds interval,
                                        std::chrono::milliseconds phase) {
  using std::chrono::milliseconds;
  if (interval <= milliseconds{0})
    return milliseconds{0};
  auto at = std::chrono::duration_cast<milliseconds>(now.time_since_epoch());
  // How far `at` is past its last slot.
  auto past = (at - phase) % interval;
  if (past < milliseconds{0})
    past += interval;
  // A poll that ends within the millisecond of its slot waits for the next.
  return interval - past;
}

} // namespace playclock::sources
