#pragma once
// One page of a markets list, as any markets feed pages it (Kalshi's
// GET /markets with its cursor), and the query that asks for it. Shared by
// the Kalshi adapter and the markets sources; plain structs, no CAF.

#include <string>
#include <vector>

#include "adapters/markets/types.hpp"

namespace playclock::markets {

/// A market the feed sent but that could not be read whole (left out).
struct rejected_market {
  /// The market's ticker when it could be read; may be empty.
  std::string ticker;
  /// Where in the document: "markets[3].yes_bid_dollars".
  std::string path;
  std::string message;
};

/// One page of markets.
struct markets_page {
  /// The markets read whole, in document order.
  std::vector<market> markets;
  /// Where the next page starts; empty on the last page.
  std::string cursor;
  /// One entry per market left out.
  std::vector<rejected_market> rejected;
};

/// Which markets to list; empty members are not sent.
struct markets_query {
  /// "open", "closed", "settled", "unopened" (Kalshi's filter values).
  std::string status;
  /// "KXNFLGAME".
  std::string series_ticker;
  /// "KXNFLGAME-26JAN12HOUPIT".
  std::string event_ticker;
  /// The cursor of the previous page; empty for the first.
  std::string cursor;
  /// Markets per page (Kalshi: 1-1000, 100 by default); 0 leaves it to the feed.
  int limit = 0;
};

} // namespace playclock::markets
