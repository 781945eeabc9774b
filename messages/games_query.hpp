#pragma once
// The read side of the live-games API: queries the HTTP routes send to the
// query actors, the JSON page they answer with, and the errors they report.

#include <cstdint>
#include <string>

#include <caf/atom.hpp>
#include <caf/error.hpp>
#include <caf/make_message.hpp>
#include <caf/meta/type_name.hpp>

namespace playclock {

/// A page of games, ordered by start time (games without one last), then id.
struct games_query {
  /// "" (every game), "pre", "in" or "post".
  std::string state;
  /// Rows per page, 1..500 (validated by the route).
  std::int32_t limit = 50;
  /// The `next_cursor` of the previous page; "" for the first page.
  std::string cursor;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, games_query& x) {
  return f(caf::meta::type_name("playclock::games_query"), x.state, x.limit, x.cursor);
}

/// A page of one game's plays, ordered by sequence.
struct plays_query {
  std::string game_id;
  std::int32_t limit = 50;
  /// Only plays with a greater sequence; -1 for the first page.
  std::int64_t after_sequence = -1;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, plays_query& x) {
  return f(caf::meta::type_name("playclock::plays_query"), x.game_id, x.limit, x.after_sequence);
}

/// A page of injuries, ordered by team, then player id.
struct injuries_query {
  /// Team abbreviation (exact); "" for every team.
  std::string team;
  /// Status, compared case-insensitively ("Out", "Questionable"); "" for any.
  std::string status;
  std::int32_t limit = 50;
  std::string cursor;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, injuries_query& x) {
  return f(caf::meta::type_name("playclock::injuries_query"), x.team, x.status, x.limit, x.cursor);
}

/// The answer to every query: a complete JSON document, built by PostgreSQL.
struct json_page {
  /// The JSON document to send (empty when not found).
  std::string body;
  /// False when the game asked for does not exist (the route answers 404).
  bool found = true;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, json_page& x) {
  return f(caf::meta::type_name("playclock::json_page"), x.body, x.found);
}

/// Why a query failed (error category "query").
enum class query_errc : std::uint8_t {
  /// No connection to PostgreSQL (down, or the pool exhausted): retry later.
  database_unavailable = 1,
  /// PostgreSQL rejected the statement (a bug, or a statement timeout).
  database_error = 2,
  /// The cursor does not decode (the route validates it first).
  malformed_cursor = 3,
  /// What the request names does not exist (an unknown tenant).
  not_found = 4,
  /// What the request would create exists already (a tenant id).
  conflict = 5,
  /// The request contradicts what is stored (an Idempotency-Key reused
  /// with another body).
  unprocessable = 6,
  /// What the request names belongs to another tenant.
  forbidden = 7,
};

/// "database_unavailable", ...
inline std::string to_string(query_errc x) {
  switch (x) {
  case query_errc::database_unavailable:
    return "database_unavailable";
  case query_errc::database_error:
    return "database_error";
  case query_errc::malformed_cursor:
    return "malformed_cursor";
  case query_errc::not_found:
    return "not_found";
  case query_errc::conflict:
    return "conflict";
  case query_errc::unprocessable:
    return "unprocessable";
  case query_errc::forbidden:
    return "forbidden";
  }
  return "unknown_query_error";
}

/// The category atom of query errors.
inline constexpr caf::atom_value query_error_category = caf::atom("query");

/// A query error carrying a short, client-safe description as its context.
inline caf::error make_error(query_errc x, std::string what) {
  return {static_cast<std::uint8_t>(x), query_error_category, caf::make_message(std::move(what))};
}

} // namespace playclock
