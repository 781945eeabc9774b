#pragma once

#include <string>

namespace playclock::pg {

class pool;

/// One `SELECT 1` round trip through the pool.
struct probe_result {
  bool up = false;
  double latency_ms = 0;
  /// Why it failed, one line, no credentials.
  std::string error;
};

/// Probes the database; never throws. Blocking.
probe_result probe(pool& p);

} // namespace playclock::pg
