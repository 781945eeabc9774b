#pragma once
// The prediction-markets domain, independent of any feed format: what the
// Kalshi adapter parses into, what the simulated league's markets produce,
// what market actors hold and storage writes. Prices are probabilities in
// [0, 1] (Kalshi's dollars per contract), never cents. Plain structs, no CAF.

#include <optional>
#include <string>
#include <vector>

namespace playclock::markets {

/// One binary market ("Will PIT beat HOU?") as a markets list shows it.
struct market {
  /// "KXNFLGAME-26JAN12HOUPIT-PIT": the natural key.
  std::string ticker;
  /// "KXNFLGAME-26JAN12HOUPIT": the event (one game) the market belongs to.
  std::string event_ticker;
  std::string title;
  /// What "yes" means ("Pittsburgh"); Kalshi's yes_sub_title.
  std::string yes_sub_title;
  /// Kalshi's status as sent: "initialized", "active", "open", "closed",
  /// "settled", "finalized", ...
  std::string status;
  /// Best bid/ask for yes and no, last trade, and the price before it; empty
  /// when the feed has none (no quote yet).
  std::optional<double> yes_bid;
  std::optional<double> yes_ask;
  std::optional<double> no_bid;
  std::optional<double> no_ask;
  std::optional<double> last_price;
  std::optional<double> previous_price;
  /// Contracts traded, in total and in the last 24 hours (fractional in the
  /// newer *_fp fields).
  double volume = 0;
  double volume_24h = 0;
  double open_interest = 0;
  /// Dollars resting in the book.
  double liquidity = 0;
  /// ISO 8601 UTC; empty if absent.
  std::string open_time;
  std::string close_time;
  /// "yes", "no" or "" while unsettled.
  std::string result;
};

/// Whether a market still trades: Kalshi's "active"/"open" (and "initialized"
/// before opening) are live; "closed", "settled", "finalized", "determined"
/// are not.
bool is_open(const market& m);

/// True when `b` is worth a new snapshot after `a`: anything changed but the
/// time it was polled.
bool snapshot_changed(const market& a, const market& b);

/// The market's probability of "yes": the mid of bid and ask when both are
/// quoted and the spread is sane, else the last price, else the one side
/// quoted; empty when nothing is known.
std::optional<double> probability(const market& m);

/// One price level of an order book: a bid at `price` (dollars) for
/// `quantity` contracts.
struct price_level {
  double price = 0;
  double quantity = 0;
};

/// The bids on both sides; a yes bid at p is a no ask at 1 - p. Sorted by
/// ascending price, as Kalshi sends them.
struct orderbook {
  std::string ticker;
  std::vector<price_level> yes;
  std::vector<price_level> no;
};

} // namespace playclock::markets
