#pragma once
// The read side of the markets API: queries the HTTP routes send to the
// query actors. Each is answered with a json_page (messages/games_query.hpp)
// or a query_errc error, as the live-games queries are.

#include <cstdint>
#include <string>

#include <caf/meta/type_name.hpp>

#include "messages/games_query.hpp"

namespace playclock {

/// A page of markets, ordered by ticker, each with its latest price.
struct market_list_query {
  /// The stored status ("active", "closed", "settled", ...); "" for any.
  std::string status;
  /// Only the markets linked to this game; "" for every market.
  std::string game_id;
  /// Rows per page, 1..500 (validated by the route).
  std::int32_t limit = 50;
  /// The `next_cursor` of the previous page; "" for the first page.
  std::string cursor;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, market_list_query& x) {
  return f(caf::meta::type_name("playclock::market_list_query"), x.status, x.game_id, x.limit,
           x.cursor);
}

/// One market with its latest snapshots (newest first); found = false if the
/// ticker is unknown.
struct market_detail_query {
  std::string ticker;
  /// Snapshots in "history", 1..1000 (validated by the route).
  std::int32_t history = 100;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, market_detail_query& x) {
  return f(caf::meta::type_name("playclock::market_detail_query"), x.ticker, x.history);
}

/// A page of measured play/price correlations, newest measured first.
struct correlations_query {
  /// One game's correlations (found = false if the game is unknown); ""
  /// for every game.
  std::string game_id;
  /// "" (any), "low", "medium", "high" or "extreme".
  std::string impact;
  std::int32_t limit = 50;
  std::string cursor;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, correlations_query& x) {
  return f(caf::meta::type_name("playclock::correlations_query"), x.game_id, x.impact, x.limit,
           x.cursor);
}

} // namespace playclock
