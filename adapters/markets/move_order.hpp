#pragma once
// The order a poll's markets are handed to their actors in: biggest price
// move since the last poll first. Handing 2,000 updates over takes
// milliseconds, and a spike's alert waits for its market's turn.

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "adapters/markets/types.hpp"

namespace playclock::markets {

class move_order {
 public:
  /// Indexes into `listing`, biggest probability move since the previous
  /// call first; markets first seen or without a price come last, all ties
  /// in listing order. Remembers each ticker's new probability.
  std::vector<std::size_t> order(const std::vector<market>& listing);

  /// Forgets a ticker (its market ended).
  void forget(const std::string& ticker) { last_.erase(ticker); }

 private:
  std::unordered_map<std::string, double> last_;
};

} // namespace playclock::markets
