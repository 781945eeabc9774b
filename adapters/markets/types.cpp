#include "adapters/markets/types.hpp"

#include <algorithm>
#include <array>

namespace playclock::markets {

bool is_open(const market& m) {
  static constexpr std::array<const char*, 3> live{"active", "open", "initialized"};
  return std::any_of(live.begin(), live.end(), [&](const char* s) { return m.status == s; });
}

std::optional<double> probability(const market& m) {
  // A spread wider than this says little about the price: fall back to trades.
  constexpr double max_spread = 0.25;
  if (m.yes_bid && m.yes_ask && *m.yes_ask >= *m.yes_bid && *m.yes_ask - *m.yes_bid <= max_spread &&
      *m.yes_ask > 0)
    return (*m.yes_bid + *m.yes_ask) / 2;
  if (m.last_price && *m.last_price > 0)
    return m.last_price;
  if (m.yes_bid && *m.yes_bid > 0)
    return m.yes_bid;
  if (m.yes_ask && *m.yes_ask > 0 && *m.yes_ask < 1)
    return m.yes_ask;
  return std::nullopt;
}

bool snapshot_changed(const market& a, const market& b) {
  return a.status != b.status || a.yes_bid != b.yes_bid || a.yes_ask != b.yes_ask ||
         a.last_price != b.last_price || a.volume != b.volume ||
         a.open_interest != b.open_interest || a.result != b.result;
}

} // namespace playclock::markets
