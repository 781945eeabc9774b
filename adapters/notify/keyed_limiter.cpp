#include "adapters/notify/keyed_limiter.hpp"

#include <algorithm>

namespace playclock::notify {

keyed_rate_limiter::limit keyed_rate_limiter::make_limit(double per_s, int burst) {
  limit l;
  l.burst = static_cast<std::size_t>(std::max(1, burst));
  if (!(per_s > 0))
    return l; // disabled
  l.window = std::max(clock::duration{1},
                      std::chrono::duration_cast<clock::duration>(
                          std::chrono::duration<double>(static_cast<double>(l.burst) / per_s)));
  return l;
}

keyed_rate_limiter::keyed_rate_limiter(double global_per_s, int global_burst, double per_key_per_s,
                                       int per_key_burst)
    : global_(make_limit(global_per_s, global_burst)),
      per_key_(make_limit(per_key_per_s, per_key_burst)) {}

keyed_rate_limiter::clock::time_point
keyed_rate_limiter::earliest(const limit& l, const schedule& s, clock::time_point t) {
  // A send at t breaks the limit iff `burst` consecutive reserved times
  // s[j..j+burst-1] lie within less than a window of each other and t lies
  // in (s[j+burst-1] - window, s[j] + window); the earliest escape from that
  // group is s[j] + window. t only grows, so one pass over the groups in
  // time order finds the answer.
  if (!l.enabled() || s.size() < l.burst)
    return t;
  auto j = static_cast<std::size_t>(std::upper_bound(s.begin(), s.end(), t - l.window) - s.begin());
  for (; j + l.burst - 1 < s.size(); ++j) {
    auto first = s[j];
    if (first >= t + l.window)
      break; // this and every later group start a window or more after t
    auto last = s[j + l.burst - 1];
    if (last - first >= l.window)
      continue; // room in this group
    if (last >= t + l.window)
      break; // t is a window or more before this and every later group's end
    t = std::max(t, first + l.window);
  }
  return t;
}

void keyed_rate_limiter::insert(schedule& s, clock::time_point t) {
  s.insert(std::upper_bound(s.begin(), s.end(), t), t);
}

void keyed_rate_limiter::prune(const limit& l, schedule& s, clock::time_point now) {
  auto horizon = now - 2 * l.window;
  auto keep = std::upper_bound(s.begin(), s.end(), horizon);
  s.erase(s.begin(), keep);
}

keyed_rate_limiter::clock::duration keyed_rate_limiter::reserve(const std::string& key,
                                                                clock::time_point now) {
  std::lock_guard<std::mutex> guard{mtx_};
  schedule* key_times = nullptr;
  if (per_key_.enabled()) {
    auto it = key_times_.find(key);
    if (it == key_times_.end()) {
      if (key_times_.size() + 1 >= sweep_at_) {
        evict_idle_locked(now);
        sweep_at_ = std::max(min_sweep, 2 * (key_times_.size() + 1));
      }
      it = key_times_.emplace(key, schedule{}).first;
    }
    key_times = &it->second;
    prune(per_key_, *key_times, now);
  }
  if (global_.enabled())
    prune(global_, global_times_, now);

  // Each earliest() is the least time >= its input that its limit allows, so
  // alternating them reaches the least time both allow.
  auto at = now;
  for (;;) {
    auto next = earliest(global_, global_times_, at);
    if (key_times)
      next = earliest(per_key_, *key_times, next);
    if (next == at)
      break;
    at = next;
  }
  if (global_.enabled())
    insert(global_times_, at);
  if (key_times)
    insert(*key_times, at);
  return at - now;
}

void keyed_rate_limiter::evict_idle(clock::time_point now) {
  std::lock_guard<std::mutex> guard{mtx_};
  evict_idle_locked(now);
}

void keyed_rate_limiter::evict_idle_locked(clock::time_point now) {
  for (auto it = key_times_.begin(); it != key_times_.end();) {
    // No reserved time within a window of now: no constraint on any send
    // from now on, the same as a key never seen.
    if (it->second.empty() || it->second.back() <= now - per_key_.window)
      it = key_times_.erase(it);
    else
      ++it;
  }
}

std::size_t keyed_rate_limiter::tracked_keys() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return key_times_.size();
}

} // namespace playclock::notify
