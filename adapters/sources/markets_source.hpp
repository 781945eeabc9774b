#pragma once
// The prediction-markets source interface: market pollers know feeds only
// through it, so Kalshi's API, a playclock-feed serving simulated markets in
// Kalshi's format and a recorded source in tests are interchangeable.
// Implementations block (HTTP); call them from detached actors only.

#include <string>
#include <variant>

#include "adapters/markets/page.hpp"
#include "adapters/markets/types.hpp"
#include "adapters/sources/fetch_error.hpp"
// For result<T> (one alias template per namespace).
#include "adapters/sources/games_source.hpp"

namespace playclock::sources {

using markets::markets_page;
using markets::markets_query;

class markets_source {
 public:
  virtual ~markets_source() = default;

  /// Label for logs, metrics and the sync log ("kalshi").
  virtual const std::string& name() const = 0;

  /// One page of the markets list; its cursor asks for the next.
  virtual result<markets_page> markets(const markets_query& q) = 0;

  /// One market by ticker.
  virtual result<markets::market> market(const std::string& ticker) = 0;

  /// The order book (bids on both sides) of one market.
  virtual result<markets::orderbook> orderbook(const std::string& ticker) = 0;
};

/// Why all_markets stopped asking for pages.
enum class paging_end {
  /// A page came without a cursor: everything was listed.
  last_page,
  /// A page repeated a cursor already followed (the feed loops): stopped
  /// rather than asking forever.
  repeated_cursor,
  /// max_pages pages were read and there is more (the cursor says where).
  max_pages,
};

/// "last_page", "repeated_cursor", "max_pages".
const char* to_string(paging_end e);

/// The pages of a listing run together.
struct markets_listing : markets_page {
  /// Pages read.
  int pages = 0;
  paging_end end = paging_end::last_page;
};

/// Follows the cursors from `q` (q.cursor may resume a listing) for at most
/// `max_pages` pages (at least one is read). `cursor` of the result is where
/// to resume after max_pages; empty otherwise (last page, repeated cursor). A market listed again
/// on a later page (the list moved while paging) is kept once, with the later values. The first
/// failing page fails the whole listing.
result<markets_listing> all_markets(markets_source& source, markets_query q, int max_pages);

} // namespace playclock::sources
