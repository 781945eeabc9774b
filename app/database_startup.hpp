#pragma once

#include <memory>

#include "config/settings.hpp"

namespace playclock::pg {
class pool;
} // namespace playclock::pg

namespace playclock::app {

/// Opens the pool, waits for PostgreSQL (up to database.startup_timeout_s,
/// retrying each second; a shutdown signal meanwhile aborts) and applies the
/// migrations. Returns nullptr after logging why it could not.
std::shared_ptr<pg::pool> open_database(const config::database_settings& db, bool& interrupted);

} // namespace playclock::app
