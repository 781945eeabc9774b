#pragma once
// Writing the markets domain as Kalshi Trade API v2 documents, for the
// simulated feed (playclock-feed serves simulated markets in Kalshi's format)
// and tests. Both field generations are written (cents and *_dollars prices,
// integer and *_fp counts), so clients of either kind can read them.
//
// parse(write(x)) == x for prices in whole 1/10000 dollars and counts in
// whole 1/100 contracts (the precision of the *_dollars / *_fp strings). An
// empty price is written the way Kalshi writes it (yes_bid / yes_ask /
// last_price / previous_price 0, no_bid / no_ask 100 cents), so a quote of
// exactly 0 or 1 also reads back as empty (see parse.hpp).

#include <string>

#include "adapters/markets/page.hpp"
#include "adapters/markets/types.hpp"

namespace playclock::kalshi {

/// {"markets": [...], "cursor": "..."}; `rejected` is not written.
std::string write_markets(const markets::markets_page& page);

/// {"market": {...}}.
std::string write_market(const markets::market& m);

/// {"orderbook": {"yes": [[cents, count]], "no": [...], "yes_dollars":
/// [["0.4200", count]], "no_dollars": [...]}, "orderbook_fp": {"yes_dollars":
/// [["0.4200", "12.00"]], "no_dollars": [...]}}; an empty side is null, as
/// Kalshi sends it. The ticker is not part of the document.
std::string write_orderbook(const markets::orderbook& book);

} // namespace playclock::kalshi
