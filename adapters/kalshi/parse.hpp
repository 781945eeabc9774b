#pragma once
// Parsing Kalshi's Trade API v2 market documents (GET /markets,
// /markets/{ticker}, /markets/{ticker}/orderbook) into the markets domain.
//
// Never throws, whatever the input. A document that cannot be used at all
// gives a parse_error; in a markets list a market that cannot be read whole is
// left out and reported with its path (never half a market), the rest kept.
//
// Two generations of fields are read. Prices come as integer cents
// ("yes_bid": 42) and as dollar strings ("yes_bid_dollars": "0.4200"); counts
// as integers ("volume": 10) and as fixed-point strings ("volume_fp":
// "10.00"). When both are present the newer form wins (finer precision:
// deci-cent prices, fractional contracts); both are still checked, so a
// damaged field of either form rejects the market. A field that is absent or
// null counts as not sent. Numbers written as strings and strings holding
// numbers are accepted either way. Prices must lie in [0, 1] (0-100 cents),
// counts must be >= 0; everything must be finite.
//
// "No quote": tradable prices lie strictly between 0 and 1 (1-99 cents, or
// 0.1 cent steps on deci-cent markets), so Kalshi fills a side without orders
// with an extreme: the recorded empty markets (golden_markets_list_response)
// send yes_bid 0, yes_ask 0, no_bid 100, no_ask 100, and older recordings
// send yes_ask 100 for a book without asks. A bid or ask of exactly 0 or 1
// therefore reads as no quote (empty). last_price / previous_price of 0 mean
// "never traded" and read as empty; 1 is kept (a market trading at the cap).

#include <string>
#include <string_view>
#include <variant>

#include "adapters/markets/page.hpp"
#include "adapters/markets/types.hpp"

namespace playclock::kalshi {

/// The whole document is unusable: not JSON, not an object, no markets
/// array, no (readable) market or order book.
struct parse_error {
  std::string message;
};

template <class T>
using parsed = std::variant<T, parse_error>;

/// GET /trade-api/v2/markets: {"markets": [...], "cursor": "..."}. The cursor
/// may be absent or null (last page).
parsed<markets::markets_page> parse_markets(std::string_view body);

/// GET /trade-api/v2/markets/{ticker}: {"market": {...}}. A market that
/// cannot be read whole is an error naming the path ("market.yes_bid: ...").
parsed<markets::market> parse_market(std::string_view body);

/// GET /trade-api/v2/markets/{ticker}/orderbook. Reads the current
/// {"orderbook_fp": {"yes_dollars": [["0.0100", "200.00"], ...], "no_dollars":
/// [...]}} and the documented {"orderbook": {"yes": [[1, 200], ...], "no":
/// [...], "yes_dollars": [["0.0100", 200], ...], "no_dollars": [...]}}
/// (orderbook_fp wins when both are there; within a book the dollar levels
/// win over the cent levels). Sides may be null, absent or empty (no bids).
/// Every level is [price, count] with a price in [0, 1] (0-100 in the cent
/// form) and a count >= 0; one bad level makes the whole book an error (with
/// its path). Levels come out sorted by ascending price. The body does not
/// name the market: `ticker` is copied into the result.
parsed<markets::orderbook> parse_orderbook(std::string_view body, std::string_view ticker);

} // namespace playclock::kalshi
