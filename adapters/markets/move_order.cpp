#include "adapters/markets/move_order.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace playclock::markets {

std::vector<std::size_t> move_order::order(const std::vector<market>& listing) {
  std::vector<std::pair<double, std::size_t>> moves;
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
    moves.emplace_back(move, i);
  }
  std::stable_sort(moves.begin(), moves.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::size_t> out;
  out.reserve(moves.size());
  for (const auto& m : moves)
    out.push_back(m.second);
  return out;
}

} // namespace playclock::markets
