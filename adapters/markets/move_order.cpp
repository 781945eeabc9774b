#include "adapters/markets/move_order.hpp"

#include <algorithm>
#include <cmath>

namespace playclock::markets {

bool may_spike(const ranked_move& r, double spike_threshold_pts) {
  return r.move < 0 || r.move * 100.0 > spike_threshold_pts / 2;
}

std::vector<ranked_move> move_order::order(const std::vector<market>& listing) {
  std::vector<ranked_move> moves;
  moves.reserve(listing.size());
  for (std::size_t i = 0; i < listing.size(); ++i) {
    double move = -1; // no move known: after every known one, even 0
    if (auto p = probability(listing[i])) {
      auto it = last_.find(listing[i].ticker);
      if (it != last_.end()) {
        move = std::fabs(*p - it->second);
        it->second = *p;
      } else {
        last_.emplace(listing[i].ticker, *p);
      }
    }
    moves.push_back(ranked_move{i, move});
  }
  std::stable_sort(moves.begin(), moves.end(),
                   [](const auto& a, const auto& b) { return a.move > b.move; });
  return moves;
}

} // namespace playclock::markets
