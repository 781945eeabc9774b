#pragma once
// Pieces every poller shares: the sync-log entry of one poll, the
// wall-clock time in milliseconds, and the wait before the next poll.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <caf/typed_response_promise.hpp>

#include "adapters/sources/cadence.hpp"
#include "messages/games.hpp"

namespace playclock::pollers {

inline std::int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// The wait after a poll that took `took`: until the next slot of the
/// poller's grid (sources::wait_for_slot), or none if the poll took a whole
/// interval or more (a slow source is polled back to back, as before).
inline std::chrono::milliseconds next_poll_wait(std::chrono::milliseconds interval,
                                                std::chrono::milliseconds phase,
                                                std::chrono::steady_clock::duration took) {
  if (took >= interval)
    return std::chrono::milliseconds{0};
  return sources::wait_for_slot(std::chrono::steady_clock::now(), interval, phase);
}

/// A sync-log row for a poll that started at `started_ms` and took `seconds`.
inline sync_entry sync_row(std::string source, std::int64_t started_ms, double seconds, bool ok,
                           std::int32_t items, std::string error) {
  sync_entry s;
  s.source = std::move(source);
  s.started_at_ms = started_ms;
  s.duration_ms = seconds * 1000.0;
  s.status = ok ? "ok" : "error";
  s.items = items;
  s.error = std::move(error);
  return s;
}

/// The callers of poll_now and the tick generation. A caller is answered
/// with the row of a round that started after it asked: asks made during a
/// round wait for the next one, which then starts at once.
struct poll_now_waiters {
  std::uint64_t gen = 0;
  std::vector<caf::typed_response_promise<sync_entry>> asked;
  std::vector<caf::typed_response_promise<sync_entry>> in_round;

  void round_starts() {
    in_round.insert(in_round.end(), asked.begin(), asked.end());
    asked.clear();
  }
  void round_ends(const sync_entry& row) {
    for (auto& rp : in_round)
      rp.deliver(row);
    in_round.clear();
  }
  /// The wait before the next tick: none if someone asked meanwhile.
  std::chrono::milliseconds next_wait(std::chrono::milliseconds wait) const {
    return asked.empty() ? wait : std::chrono::milliseconds{0};
  }
};

/// The poll_now handler: a new generation and a round at once unless one
/// is under way (`busy`), in which case the caller waits for the next.
template <class Self, class Poll>
caf::typed_response_promise<sync_entry> ask_poll_now(Self self, poll_now_waiters& w, bool busy,
                                                     Poll poll) {
  auto rp = self->template make_response_promise<sync_entry>();
  w.asked.push_back(rp);
  if (!busy) {
    ++w.gen;
    poll();
  }
  return rp;
}

} // namespace playclock::pollers
