#pragma once
// Asking this node's pollers for one round now (poll_now_atom) and
// collecting their sync-log rows: the quick_data_refresh job and the data
// pipeline's live sources.

#include <chrono>
#include <string>
#include <vector>

#include <caf/fwd.hpp>

#include "messages/games.hpp"

namespace playclock::sup {
class registry;
} // namespace playclock::sup

namespace playclock {

/// The sources that can be polled: scoreboard, schedule, injuries, weather,
/// markets.
const std::vector<std::string>& live_sources();

struct source_outcome {
  std::string source;
  /// ok, error, skipped (no such poller on this node).
  std::string status;
  sync_entry row;
  std::string error;
};

/// Asks the pollers of `names` (all at once) and waits up to `wait` for each.
std::vector<source_outcome> poll_sources(caf::actor_system& sys, const sup::registry& reg,
                                         const std::vector<std::string>& names,
                                         std::chrono::seconds wait);

} // namespace playclock
