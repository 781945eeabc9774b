#pragma once
// Running a blocking database call from an actor's handler (on a detached
// actor's own thread) and turning every failure into a query_errc error:
// the actor never fails because PostgreSQL did.

#include <exception>
#include <string>

#include <caf/error.hpp>
#include <caf/result.hpp>

#include "adapters/pg/pool.hpp"
#include "messages/games_query.hpp"

namespace spdlog {
class logger;
} // namespace spdlog

namespace playclock::db {

/// `text` on one line (libpq messages span several).
std::string one_line(std::string text);

/// The query_errc error for exception `e` of call `what` (logged):
/// database_unavailable for a busy pool or a lost connection, else
/// database_error.
caf::error to_error(const std::exception& e, spdlog::logger& log, const std::string& what);

/// Runs `f(conn)` on a pooled connection and returns what it returns.
template <class T, class F>
caf::result<T> call(pg::pool& pool, spdlog::logger& log, const std::string& what, F f) {
  try {
    T out = pool.run(f);
    return out;
  } catch (const std::exception& e) {
    return to_error(e, log, what);
  }
}

} // namespace playclock::db
