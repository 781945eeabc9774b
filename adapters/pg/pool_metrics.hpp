#pragma once

#include <memory>

#include <prometheus/collectable.h>

namespace playclock::pg {

class pool;

/// playclock_db_pool_* metrics read from the pool at scrape time: size,
/// connections in use and idle, waits, wait time, timeouts, (re)connects.
std::shared_ptr<prometheus::Collectable> make_pool_collector(std::shared_ptr<const pool> p);

} // namespace playclock::pg
