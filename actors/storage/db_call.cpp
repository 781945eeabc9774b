#include "actors/storage/db_call.hpp"

#include <algorithm>

#include <pqxx/except>
#include <spdlog/logger.h>

namespace playclock::db {

std::string one_line(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  while (!text.empty() && text.back() == ' ')
    text.pop_back();
  return text;
}

caf::error to_error(const std::exception& e, spdlog::logger& log, const std::string& what) {
  if (dynamic_cast<const pg::pool_timeout*>(&e) != nullptr) {
    log.warn("{}: {}", what, one_line(e.what()));
    return make_error(query_errc::database_unavailable, "no database connection free");
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
    log.warn("{}: database unreachable: {}", what, one_line(e.what()));
    return make_error(query_errc::database_unavailable, "database unreachable");
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    log.error("{} failed ({}): {}", what, sql->sqlstate(), one_line(e.what()));
    return make_error(query_errc::database_error, what + " failed");
  }
  log.error("{} failed: {}", what, one_line(e.what()));
  return make_error(query_errc::database_error, what + " failed");
}

} // namespace playclock::db
