#pragma once
// The loop the slow pollers (schedule, injuries, weather) share: one round
// per interval, never two at once, a sync-log row per round. Rounds that need
// the open games take them from the scoreboard poller, so they cost no
// scoreboard request; before its first poll they retry a few seconds later
// instead of waiting a whole interval. Internal to actors/pollers.

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <prometheus/histogram.h>
#include <spdlog/logger.h>

#include "actors/pollers/periodic_pollers.hpp"
#include "actors/pollers/poll_metrics.hpp"
#include "actors/pollers/poller_common.hpp"
#include "adapters/log/logging.hpp"
#include "messages/storage.hpp"
#include "supervisors/registry.hpp"

namespace playclock::pollers {

struct periodic_state {
  static inline const char* name = "poller";
  periodic_poller_config cfg;
  std::shared_ptr<spdlog::logger> log;
  bool busy = false;
  poll_now_waiters now;
  prometheus::Histogram* duration = nullptr;
};

using periodic_ptr = poller_actor::stateful_pointer<periodic_state>;

/// Ends a round: the sync-log row to store.
using round_done = std::function<void(sync_entry)>;
/// Ends a round that could not start yet (no scoreboard): try again soon.
using round_later = std::function<void()>;

inline fetcher_actor fetchers_of(periodic_ptr self) {
  return self->state.cfg.names->get_as<fetcher_actor>("node/fetchers");
}

inline void store(periodic_ptr self, store_batch b) {
  if (auto s = self->state.cfg.names->get_as<storage_actor>("node/storage"))
    caf::anon_send(s, store_atom::value, std::move(b));
}

inline double seconds_since(std::int64_t started_ms) {
  return static_cast<double>(unix_ms() - started_ms) / 1000.0;
}

/// Runs `work(done, later)` now and then every interval; `poll` names it in
/// metrics ("injuries").
template <class Work>
poller_actor::behavior_type periodic(periodic_ptr self, periodic_poller_config cfg,
                                     const char* what, const char* poll, Work work) {
  self->state.cfg = std::move(cfg);
  self->state.log = log::component(what);
  self->state.duration = poll_duration(self->state.cfg.metrics.get(), self->state.cfg.source, poll);
  auto round = [self, work] {
    auto& st = self->state;
    if (st.busy)
      return;
    auto soon = std::min(st.cfg.interval, std::chrono::milliseconds{std::chrono::seconds{2}});
    if (!fetchers_of(self)) { // restarting
      self->delayed_send(self, soon, tick_atom::value, st.now.gen);
      return;
    }
    st.busy = true;
    st.now.round_starts();
    round_done done = [self](sync_entry row) {
      auto& st = self->state;
      st.busy = false;
      st.now.round_ends(row);
      store_batch b;
      b.sync.push_back(std::move(row));
      store(self, std::move(b));
      self->delayed_send(self, st.now.next_wait(st.cfg.interval), tick_atom::value, st.now.gen);
    };
    round_later later = [self, soon] {
      self->state.busy = false;
      self->delayed_send(self, soon, tick_atom::value, self->state.now.gen);
    };
    work(std::move(done), std::move(later));
  };
  self->send(self, tick_atom::value, std::uint64_t{0});
  return {
      [self, round](tick_atom, std::uint64_t gen) {
        if (gen == self->state.now.gen)
          round();
      },
      [self, round](poll_now_atom) {
        return ask_poll_now(self, self->state.now, self->state.busy, round);
      },
  };
}

/// Calls `f(games)` with the games of the last scoreboard that are not
/// final, or `later()` while there is no scoreboard yet.
template <class F>
void with_open_games(periodic_ptr self, round_later later, F f) {
  auto board = self->state.cfg.names->get_as<scoreboard_poller_actor>("node/pollers/scoreboard");
  if (!board) {
    later();
    return;
  }
  self->request(board, self->state.cfg.timeout, scoreboard_atom::value)
      .then(
          [f, later](scoreboard_result& r) mutable {
            if (r.ok)
              f(std::move(r.games));
            else
              later();
          },
          [later](caf::error&) { later(); });
}

/// Counts the answers of a fan-out and calls `all_in(failures)` after the last.
struct fan_in {
  std::size_t left;
  int failures = 0;
  int items = 0;
};

} // namespace playclock::pollers
