#pragma once
// The order a poll's markets are handed to their actors in: biggest price
// move since the last poll first, and which of them may be spikes. Handing
// 2,000 updates over takes milliseconds, and a spike's alert waits for its
// market's turn.

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "adapters/markets/types.hpp"

namespace playclock::markets {

/// A market of a listing and how far its probability moved since the
/// previous listing (negative when not known: new, or no price).
struct ranked_move {
  std::size_t index = 0;
  double move = -1;
};

/// Whether a market must reach its actor at once: its move is unknown (a
/// new actor may be needed) or over half the spike threshold. The actor
/// measures from the last price it was handed, which is the poller's
/// previous one unless an update was lost: the margin covers rounding, and
/// a spike among the others is still found, a moment later.
bool may_spike(const ranked_move& r, double spike_threshold_pts);

class move_order {
 public:
  /// Every market of `listing`, biggest probability move since the previous
  /// call first; markets first seen or without a price come last, all ties
  /// in listing order. Remembers each ticker's new probability.
  std::vector<ranked_move> order(const std::vector<market>& listing);

  /// Forgets a ticker (its market ended).
  void forget(const std::string& ticker) { last_.erase(ticker); }

 private:
  std::unordered_map<std::string, double> last_;
};

} // namespace playclock::markets
