#pragma once
// Shared by the market actor and correlator tests: a real actor system with
// the event hub, the storage actor on a fresh database, and a collector of
// every event published on "markets". Market actors are started by the test.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/market_actor.hpp"
#include "messages/markets.hpp"
#include "supervisors/registry.hpp"

namespace playclock::test {

/// Events published on "markets", in arrival order.
struct market_events {
  std::mutex mtx;
  std::vector<market_listed> listed;
  std::vector<price_moved> moved;
  std::vector<market_closed> closed;
  std::vector<correlation_measured> correlations;
  std::vector<edge_detected> edges;

  template <class T>
  std::vector<T> copy(const std::vector<T>& v) {
    std::lock_guard<std::mutex> guard{mtx};
    return v;
  }
};

class markets_fixture {
 public:
  explicit markets_fixture(const std::string& db_url);
  ~markets_fixture();
  markets_fixture(const markets_fixture&) = delete;
  markets_fixture& operator=(const markets_fixture&) = delete;

  caf::actor_system& sys() { return *sys_; }
  std::shared_ptr<sup::registry> names() { return names_; }
  market_events& events() { return *events_; }

  /// Starts a market actor registered as "node/markets/<ticker>".
  market_actor start_market(const std::string& ticker, double spike_threshold_pts = 10);

  /// Sends an observation to a market actor.
  void observe(const market_actor& m, const std::string& ticker, double yes_bid, double yes_ask,
               const market_link& link, const std::string& status = "active");

  /// Publishes an event on a topic of the hub.
  void publish(const std::string& topic, caf::message msg);

  /// Waits until every event published before has been delivered.
  void sync();

  long count(const std::string& sql);

 private:
  std::string url_;
  caf::actor_system_config cfg_;
  std::unique_ptr<caf::actor_system> sys_;
  std::shared_ptr<sup::registry> names_ = std::make_shared<sup::registry>();
  std::shared_ptr<market_events> events_ = std::make_shared<market_events>();
  std::vector<caf::actor> owned_;
  caf::actor collector_;
  std::atomic<int> markers_{0};
  std::int64_t last_ms_ = 0;
};

} // namespace playclock::test
