#pragma once
// The markets read API: its prepared statements (PostgreSQL builds the JSON,
// as for the live-games API), its cursors, and the pages the query workers
// answer with. Blocking: called on a query worker's thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "actors/query/query_sql.hpp"
#include "messages/markets_query.hpp"

namespace pqxx {
class transaction_base;
} // namespace pqxx

namespace playclock {

/// Where a page of markets ended: the last ticker.
struct markets_cursor {
  std::string ticker;
};

/// Where a page of correlations ended: the keyset (measured_at in epoch
/// microseconds, game id, play id, ticker), descending.
struct correlations_cursor {
  std::int64_t measured_us = 0;
  std::string game_id;
  std::string play_id;
  std::string ticker;
};

/// Opaque and URL-safe, like the games cursors (the same codec underneath).
std::string encode_cursor(const markets_cursor& c);
std::string encode_cursor(const correlations_cursor& c);

/// Decodes a cursor made by encode_cursor; nullopt if it is malformed.
std::optional<markets_cursor> decode_markets_cursor(std::string_view text);
std::optional<correlations_cursor> decode_correlations_cursor(std::string_view text);

/// 1 to 100 characters of A-Z, 0-9, '.', '_' or '-' (Kalshi's tickers).
bool valid_ticker(std::string_view ticker);

} // namespace playclock

namespace playclock::sql {

/// $1 status ('' = any), $2 game id ('' = any), $3 limit, $4 cursor ticker
/// (NULL = first page). Returns (markets, more, last ticker).
extern const named_query list_markets;
/// $1 ticker, $2 history length. No row if the market is unknown.
extern const named_query get_market;
/// $1 game id ('' = any), $2 impact ('' = any), $3 limit, $4..$7 cursor
/// (measured_at us, game, play, ticker; NULL = first page). Returns
/// (correlations, more, last key...).
extern const named_query list_correlations;
/// As list_correlations for the one game $1; no row if the game is unknown.
extern const named_query list_game_correlations;

/// {"markets":[...],"next_cursor":...}. Runs list_markets (prepared by the
/// caller); `after` is the decoded cursor.
json_page markets_page(pqxx::transaction_base& tx, const market_list_query& q,
                       const std::optional<markets_cursor>& after);

/// The market with its "history"; found = false if unknown. Runs get_market.
json_page market_page(pqxx::transaction_base& tx, const market_detail_query& q);

/// {"correlations":[...],"next_cursor":...}, with "game_id" first when
/// q.game_id is set (found = false if that game is unknown). Runs
/// list_game_correlations when q.game_id is set, else list_correlations.
json_page correlations_page(pqxx::transaction_base& tx, const correlations_query& q,
                            const std::optional<correlations_cursor>& after);

/// The statement correlations_page runs for `q`.
const named_query& correlations_statement(const correlations_query& q);

} // namespace playclock::sql
