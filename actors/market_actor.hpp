#pragma once
// market_actor: one per market ticker, started under the markets supervisor
// by the markets poller the first time the ticker is seen, retired (normal
// exit, not restarted) once the market stopped trading. It keeps a bounded
// price history, stores a snapshot whenever the market changed, publishes
// price_moved when the price moves more than the spike threshold between two
// polls, and tells the correlator ("node/correlator") its price whenever a
// poll changes it, so the correlator reads prices from its own table rather
// than asking 2,000 actors on every scoreboard poll.
//
//   tracking --status closed/settled--> (market_closed published, exit)

#include <memory>
#include <string>

#include "messages/markets.hpp"
#include "messages/supervision.hpp"

namespace prometheus {
class Counter;
class Gauge;
template <class T>
class Family;
} // namespace prometheus

namespace playclock::sup {
class registry;
} // namespace playclock::sup

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock {

/// Metrics shared by all market actors (registered once).
struct market_metrics {
  prometheus::Gauge* tracked = nullptr;
  prometheus::Counter* updates = nullptr;
  prometheus::Counter* spikes = nullptr;
  prometheus::Counter* closed = nullptr;
  prometheus::Counter* snapshots = nullptr;
};

/// Registers the families in `reg` (null: no metrics).
std::shared_ptr<market_metrics> make_market_metrics(metrics::registry* reg);

struct market_actor_config {
  std::string ticker;
  /// Where the event hub ("node/events") and the correlator
  /// ("node/correlator") are found, at each use.
  std::shared_ptr<sup::registry> names;
  /// A move of more than this many percentage points between polls is a spike.
  double spike_threshold_pts = 10;
  /// Observations kept.
  int history = 720;
  std::shared_ptr<market_metrics> metrics;
};

market_actor spawn_market_actor(caf::actor_system& sys, market_actor_config cfg);

/// The child spec the markets poller hands to the markets supervisor.
child_spec market_child_spec(market_actor_config cfg);

} // namespace playclock
