#include "app/database_startup.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

#include "adapters/log/logging.hpp"
#include "adapters/pg/migrations.hpp"
#include "adapters/pg/pool.hpp"
#include "adapters/pg/probe.hpp"
#include "app/signals.hpp"
#include "config/loader.hpp"

namespace playclock::app {

std::shared_ptr<pg::pool> open_database(const config::database_settings& db, bool& interrupted) {
  auto log = log::component("database");
  pg::pool_options opts;
  opts.url = db.url;
  opts.size = db.pool_size;
  opts.acquire_timeout = std::chrono::milliseconds{db.acquire_timeout_ms};
  opts.connect_timeout_s = db.connect_timeout_s;
  opts.statement_timeout_ms = db.statement_timeout_ms;
  auto pool = std::make_shared<pg::pool>(opts);
  log->info("connecting to {} (pool of {})", config::redact_url(db.url), db.pool_size);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{db.startup_timeout_s};
  for (int attempt = 1;; ++attempt) {
    auto r = pg::probe(*pool);
    if (r.up)
      break;
    if (std::chrono::steady_clock::now() >= deadline) {
      log->critical("database unreachable after {} s: {}", db.startup_timeout_s, r.error);
      return nullptr;
    }
    if (attempt == 1 || attempt % 10 == 0)
      log->warn("database not reachable yet, retrying: {}", r.error);
    if (wait_for_shutdown_signal(std::chrono::seconds{1})) {
      interrupted = true;
      return nullptr;
    }
  }
  if (!db.migrate)
    return pool;
  try {
    auto report = pool->run(
      [](pqxx::connection_base& c) { return pg::migrate(c, pg::embedded_migrations()); });
    if (report.applied.empty())
      log->info("schema is current (version {})", report.version);
    else
      log->info("applied {} migration(s), schema version {}", report.applied.size(),
                report.version);
  } catch (const std::exception& e) {
    log->critical("migrations failed: {}", e.what());
    return nullptr;
  }
  return pool;
}

} // namespace playclock::app
