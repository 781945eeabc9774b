#pragma once
// The alert router's state and the steps its behavior is made of (shared by
// alert_router.cpp and alerts/router_decide.cpp).

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/alert_router.hpp"
#include "actors/alerts/alert_metrics.hpp"
#include "adapters/alerts/policy.hpp"
#include "adapters/sources/backoff.hpp"

namespace spdlog {
class logger;
} // namespace spdlog

namespace playclock::router {

/// A candidate that arrived before the bootstrap, with its arrival time.
struct waiting_candidate {
  alerts::candidate c;
  std::chrono::system_clock::time_point at;
};

struct state {
  static inline const char* name = "alert_router";
  alert_router_config cfg;
  std::shared_ptr<spdlog::logger> log;
  alerts::alert_policy policy;
  /// Rules by id, and by type (index = alert_type) for matching.
  std::map<std::int64_t, alerts::rule> rules;
  std::array<std::vector<alerts::rule>, 7> by_type;
  bool loaded = false;
  bool loading = false;
  bool load_failing = false;
  std::deque<waiting_candidate> waiting;
  /// Rules deleted while the bootstrap was on its way (it may still hold them).
  std::set<std::int64_t> deleted_while_loading;
  /// Decisions waiting for the store; a deque, as writes take from the front.
  std::deque<alert_decision> buffer;
  std::size_t in_flight = 0;
  bool flush_armed = false;
  std::unique_ptr<sources::backoff> store_retry;
  bool store_failing = false;
  std::int64_t decisions = 0;
  std::uint64_t dropped = 0;
  /// The hub subscribed to (re-subscribed when the registry names another).
  caf::actor hub;

  const alert_metrics& m() const;
  void rebuild_index();
  std::chrono::system_clock::time_point now() const;
};

using self_ptr = alert_router_actor::stateful_pointer<state>;

/// Routes candidates that arrived at `at` (buffers them while loading).
/// `detected_ms`: when the happening was detected (a poll response's arrival
/// for market events), unix ms; 0 = now.
void on_candidates(self_ptr self, std::vector<alerts::candidate> cs, std::int64_t detected_ms = 0);
/// Decides one candidate for every matching rule.
void route(self_ptr self, const alerts::candidate& c, std::chrono::system_clock::time_point at,
           std::int64_t detected_ms = 0);
/// Writes buffered decisions if none are in flight.
void flush(self_ptr self);
/// After routing: written now when no write is in flight (or the batch is
/// full, or there is no flush_interval), else within flush_interval.
void schedule_flush(self_ptr self);

} // namespace playclock::router
