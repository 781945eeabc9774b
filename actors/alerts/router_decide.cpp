// The alert router's routing path: candidates -> decisions -> the store ->
// the notifiers.
#include <algorithm>
#include <iterator>
#include <map>
#include <string_view>
#include <unordered_set>
#include <utility>

#include <caf/actor_cast.hpp>
#include <spdlog/spdlog.h>

#include "actors/alerts/router_state.hpp"
#include "actors/timed_request.hpp"
#include "adapters/alerts/match.hpp"
#include "supervisors/registry.hpp"

namespace playclock::router {

namespace {

std::int64_t unix_ms(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// Hands the new pending alerts of a written batch to their notifiers. A
// notifier that is not running finds them pending when it (re)starts.
void hand_off(self_ptr self, const std::vector<alert_decision>& batch,
              const std::vector<std::string>& new_ids) {
  auto& st = self->state;
  // As many new ids as decisions: every one was new (the ids of a batch's
  // new rows are a subset of its ids). Else a replay or a retried write
  // that had committed: look each up.
  const bool all_new = new_ids.size() == batch.size();
  std::unordered_set<std::string_view> fresh;
  if (!all_new)
    fresh.insert(new_ids.begin(), new_ids.end());
  // Counted per batch: a labelled counter is a locked map lookup.
  std::map<std::pair<alerts::alert_type, std::string_view>, double> outcomes;
  std::map<std::pair<alerts::alert_type, std::string_view>, double> suppressed;
  for (const auto& d : batch) {
    auto type = d.alert.type;
    if (!all_new && fresh.erase(d.alert.id) == 0) {
      outcomes[{type, "duplicate"}] += 1;
      continue;
    }
    if (d.status != "pending") {
      outcomes[{type, "suppressed"}] += 1;
      suppressed[{type, d.reason}] += 1;
      continue;
    }
    outcomes[{type, "pending"}] += 1;
    auto channel = std::string{alerts::to_string(d.alert.via)};
    auto notifier = st.cfg.names->get_as<notifier_actor>("node/notifiers/" + channel);
    if (!notifier) {
      st.log->warn("alert_router: notifier {} not running; alert {} stays pending", channel,
                   d.alert.id);
      continue;
    }
    self->send(notifier, send_atom::value, alert_delivery{d.alert, d.detected_at_ms, 0});
  }
  for (const auto& [k, n] : outcomes)
    st.m().count_alert(alerts::to_string(k.first), std::string{k.second}, n);
  for (const auto& [k, n] : suppressed)
    st.m().count_suppressed(alerts::to_string(k.first), std::string{k.second}, n);
}

void retry_later(self_ptr self) {
  auto& st = self->state;
  if (st.flush_armed)
    return;
  st.flush_armed = true;
  self->delayed_send(self, st.store_retry->next(), flush_atom::value);
}

} // namespace

void on_candidates(self_ptr self, std::vector<alerts::candidate> cs, std::int64_t detected_ms) {
  auto& st = self->state;
  if (cs.empty())
    return;
  auto at = st.now();
  if (!st.loaded) {
    for (auto& c : cs) {
      if (st.waiting.size() >= st.cfg.max_waiting_events) {
        st.waiting.pop_front();
        st.m().count_dropped();
      }
      st.waiting.push_back(waiting_candidate{std::move(c), at});
    }
    return;
  }
  for (const auto& c : cs)
    route(self, c, at, detected_ms);
  schedule_flush(self);
}

void route(self_ptr self, const alerts::candidate& c, std::chrono::system_clock::time_point at,
           std::int64_t detected_ms) {
  auto& st = self->state;
  for (const auto& r : st.by_type[static_cast<std::size_t>(c.type)]) {
    if (!alerts::matches(r, c))
      continue;
    auto d = st.policy.decide(r, c, at);
    ++st.decisions;
    st.m().count_decision();
    if (st.buffer.size() >= st.cfg.max_buffered && d.what == alerts::decision::kind::suppress) {
      // The store has been down (or behind) for long: keep memory bounded by
      // not recording suppressions. An alert to send is never dropped: its
      // cooldown and daily count are already taken.
      if (st.dropped++ % 1000 == 0)
        st.log->error("alert_router: decision buffer full ({}), not recording suppressed alert {} "
                      "({} so far)",
                      st.buffer.size(), d.a.id, st.dropped);
      st.m().count_dropped();
      continue;
    }
    alert_decision out;
    out.status = d.what == alerts::decision::kind::send ? "pending" : "suppressed";
    out.reason = std::move(d.reason);
    out.alert = std::move(d.a);
    out.detected_at_ms = detected_ms > 0 ? detected_ms : unix_ms(at);
    out.alert.detected_at_ms = out.detected_at_ms;
    st.buffer.push_back(std::move(out));
  }
  st.m().set_buffered(static_cast<double>(st.buffer.size()));
}

void schedule_flush(self_ptr self) {
  auto& st = self->state;
  if (st.buffer.empty())
    return;
  // With no write in flight a decision goes at once (an alert on a quiet
  // node does not wait for a timer); while one is, later decisions gather
  // for flush_interval into one batch rather than each taking a free write
  // (on a busy machine every write waits for a core). With no interval,
  // each free write is taken: flush() does nothing while all are in
  // flight, and each reply comes back here.
  const bool now = st.buffer.size() >= st.cfg.flush_batch || st.in_flight == 0 ||
                   st.cfg.flush_interval.count() == 0;
  if (now && !st.store_failing) {
    flush(self);
    return;
  }
  if (!st.flush_armed) {
    st.flush_armed = true;
    self->delayed_send(self, std::max(st.cfg.flush_interval, std::chrono::milliseconds{1}),
                       flush_atom::value);
  }
}

void flush(self_ptr self) {
  auto& st = self->state;
  if (st.in_flight >= std::max<std::size_t>(st.cfg.max_writes_in_flight, 1) || st.buffer.empty())
    return;
  auto store = st.cfg.names->get_as<alert_store_actor>("node/alert_store");
  if (!store) {
    if (!st.store_failing)
      st.log->warn("alert_router: alert store not running; {} decisions wait", st.buffer.size());
    st.store_failing = true;
    retry_later(self);
    return;
  }
  auto n = std::min(st.buffer.size(), st.cfg.flush_batch);
  auto end = st.buffer.begin() + static_cast<std::ptrdiff_t>(n);
  // Shared with the store worker, not copied: kept here to hand off or retry.
  auto batch = make_decision_batch(std::vector<alert_decision>(
      std::make_move_iterator(st.buffer.begin()), std::make_move_iterator(end)));
  st.buffer.erase(st.buffer.begin(), end);
  ++st.in_flight;
  timed_request(self, store, st.cfg.store_timeout, store_atom::value, batch)
      .then(
          [self, batch](std::vector<std::string>& ids) {
            auto& st = self->state;
            --st.in_flight;
            if (st.store_failing)
              st.log->info("alert_router: alert store writes again");
            st.store_failing = false;
            st.store_retry->reset();
            hand_off(self, *batch.rows, ids);
            st.m().set_buffered(static_cast<double>(st.buffer.size()));
            schedule_flush(self);
          },
          [self, batch](caf::error& e) {
            auto& st = self->state;
            --st.in_flight;
            // Back to the front, in order; a write that did commit comes back
            // as duplicates (ON CONFLICT DO NOTHING) and the notifier's sweep
            // delivers its alerts.
            // Copied: the worker may still hold the batch (a time-out).
            st.buffer.insert(st.buffer.begin(), batch.rows->begin(), batch.rows->end());
            if (!st.store_failing)
              st.log->error("alert_router: cannot write {} decisions (kept, retried): {}",
                            st.buffer.size(), self->system().render(e));
            st.store_failing = true;
            st.m().count_store_failure("store_decisions");
            retry_later(self);
          });
  // Another full batch goes to another store worker at once.
  if (st.buffer.size() >= st.cfg.flush_batch && !st.store_failing)
    flush(self);
}

} // namespace playclock::router
