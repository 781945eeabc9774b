// The notifier's delivery path: queue -> rate limit -> worker -> outcome.
#include <functional>
#include <utility>

#include <caf/actor_system.hpp>
#include <spdlog/spdlog.h>

#include "actors/notify/notifier_state.hpp"

namespace playclock::notifier {

namespace {

std::int64_t unix_ms_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void arm_wake(self_ptr self) {
  auto& st = self->state;
  if (st.delayed.empty())
    return;
  auto due = st.delayed.begin()->first;
  if (st.wake_armed && st.wake_at <= due)
    return;
  st.wake_armed = true;
  st.wake_at = due;
  auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(due - steady::now());
  self->delayed_send(self, std::max(wait, std::chrono::milliseconds{0}), send_atom::value);
}

// What the worker said, as a record (and a retry when there is one to come).
void on_outcome(self_ptr self, alert_delivery d, const std::string& kind, std::int32_t status,
                std::int64_t retry_after_ms, const std::string& detail) {
  auto& st = self->state;
  auto attempt = d.attempts + 1;
  auto type = std::string{alerts::to_string(d.alert.type)};
  delivery_record rec{d.alert.id, d.alert.tenant, "failed", detail, attempt, unix_ms_now()};
  if (kind == "sent") {
    rec.status = "sent";
    st.m().count_delivery(st.channel, "sent");
    st.m().count_alert(type, "sent");
    if (d.detected_at_ms > 0)
      st.m().observe_delivery(st.channel,
                              static_cast<double>(rec.at_ms - d.detected_at_ms) / 1000.0);
  } else if (kind == "retry") {
    notify::delivery_outcome out;
    out.what = notify::delivery_outcome::kind::retry;
    out.status = status;
    out.retry_after = std::chrono::seconds{(retry_after_ms + 999) / 1000};
    auto next =
        notify::next_retry(st.cfg.retry, attempt, out, std::hash<std::string>{}(d.alert.id));
    if (next) {
      rec.status = "retry";
      rec.detail = detail + " (attempt " + std::to_string(attempt) + ", next in " +
                   std::to_string(next->count()) + " ms)";
      st.m().count_delivery(st.channel, "retry");
      d.attempts = attempt;
      st.delayed.emplace(steady::now() + *next, item{std::move(d), false});
      arm_wake(self);
    } else {
      rec.detail = "dead letter after " + std::to_string(attempt) + " attempts: " + detail;
    }
  } else if (kind == "reject") {
    rec.detail = "rejected: " + detail;
  }
  if (rec.status == "failed") {
    st.m().count_delivery(st.channel, "failed");
    st.m().count_alert(type, "failed");
    st.log->warn("notifier {}: alert {} failed: {}", st.channel, rec.alert_id, rec.detail);
  }
  st.records.push_back(std::move(rec));
  flush_records(self);
}

void dispatch(self_ptr self, item it) {
  auto& st = self->state;
  auto worker = st.idle.back();
  st.idle.pop_back();
  ++st.in_flight;
  auto d = std::move(it.d);
  // No CAF time-out: the worker's HTTP call has its own, and a worker that
  // dies takes the notifier down with it (linked). CAF 0.17 would also keep
  // the time-out on its clock after the answer and deliver it later as a
  // stray message: a burst of alerts woke this thread again, alert by
  // alert, three markets polls later, in that poll's burst.
  self->request(worker, caf::infinite, send_atom::value, d)
      .then(
          [self, worker, d](std::string& kind, std::int32_t status, std::int64_t retry_after_ms,
                            std::string& detail) {
            self->state.idle.push_back(worker);
            --self->state.in_flight;
            on_outcome(self, d, kind, status, retry_after_ms, detail);
            pump(self);
          },
          [self, worker, d](caf::error& e) {
            self->state.idle.push_back(worker);
            --self->state.in_flight;
            on_outcome(self, d, "retry", 0, 0, "worker: " + self->system().render(e));
            pump(self);
          });
}

} // namespace

bool enqueue(self_ptr self, alert_delivery d) {
  auto& st = self->state;
  const auto& id = d.alert.id;
  if (st.stopping || st.known.count(id) > 0 || st.finished.count(id) > 0)
    return false;
  if (st.ready.size() + st.delayed.size() >= st.cfg.max_queued) {
    // It stays pending in the database; a later sweep brings it back.
    if (!st.overflowed)
      st.log->warn("notifier {}: queue full ({}); later alerts wait in the database", st.channel,
                   st.cfg.max_queued);
    st.overflowed = true;
    return false;
  }
  st.known.insert(id);
  st.ready.push_back(item{std::move(d), false});
  return true;
}

void wake(self_ptr self) {
  auto& st = self->state;
  st.wake_armed = false;
  auto now = steady::now();
  // Reserved ones first (in order): their token is taken for now.
  std::vector<item> reserved;
  while (!st.delayed.empty() && st.delayed.begin()->first <= now) {
    auto it = std::move(st.delayed.begin()->second);
    st.delayed.erase(st.delayed.begin());
    if (it.reserved)
      reserved.push_back(std::move(it));
    else
      st.ready.push_back(std::move(it));
  }
  st.ready.insert(st.ready.begin(), std::make_move_iterator(reserved.begin()),
                  std::make_move_iterator(reserved.end()));
  arm_wake(self);
}

void pump(self_ptr self) {
  auto& st = self->state;
  while (!st.stopping && !st.idle.empty() && !st.ready.empty()) {
    auto it = std::move(st.ready.front());
    st.ready.pop_front();
    if (st.limiter && !it.reserved) {
      auto wait = st.limiter->reserve(it.d.alert.target, steady::now());
      if (wait > steady::duration::zero()) {
        it.reserved = true;
        st.delayed.emplace(steady::now() + wait, std::move(it));
        arm_wake(self);
        continue;
      }
    }
    dispatch(self, std::move(it));
  }
  st.update_depth();
  maybe_quit(self);
}

} // namespace playclock::notifier
