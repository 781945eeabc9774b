#pragma once
// Rate limits with a key: one limit shared by every send plus one per key, as
// Telegram wants (about 30 messages/s per bot, 1 message/s per chat).
// Thread-safe; time is passed in so tests need no sleeping.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace playclock::notify {

/// Each limit of `rate` per second with a burst of `burst` allows at most
/// `burst` sends in any window of burst / rate seconds (Telegram: at most 30
/// in any second overall, sends to one chat at least 1 s apart); in the long
/// run that is `rate` per second.
///
/// The limits are kept as the schedule of reserved send times (a sliding
/// window log), not as token buckets: sends are reserved for the future (a
/// busy chat's next slot is seconds away) and another chat may then take an
/// earlier slot, which a token bucket drained in call order would either
/// refuse or miscount. sources::rate_limiter is such a bucket, so it is not
/// reused here.
class keyed_rate_limiter {
 public:
  using clock = std::chrono::steady_clock;

  /// `global_per_s` and `per_key_per_s` per second, bursts of `global_burst`
  /// and `per_key_burst` (at least 1). A rate <= 0 disables that limit.
  keyed_rate_limiter(double global_per_s, int global_burst, double per_key_per_s,
                     int per_key_burst);

  /// Telegram's limits: 30 per second overall, 1 per second per chat.
  static keyed_rate_limiter telegram() { return {30.0, 30, 1.0, 1}; }

  keyed_rate_limiter(const keyed_rate_limiter&) = delete;
  keyed_rate_limiter& operator=(const keyed_rate_limiter&) = delete;

  /// Reserves the earliest send time at or after `now` that both the global
  /// limit and `key`'s allow, and returns how long after `now` it is (zero:
  /// send now). The caller must send then, not earlier; a reservation is
  /// never given back. Callers with slightly different clocks (threads) are
  /// fine: the wait is relative to each caller's own `now`.
  clock::duration reserve(const std::string& key, clock::time_point now = clock::now());

  /// Forgets keys with no send within a window of `now` (a forgotten key
  /// behaves exactly as one never seen). reserve() does this by itself when
  /// the number of keys doubles, so memory stays bounded by the keys active
  /// within about one window.
  void evict_idle(clock::time_point now);

  /// Keys currently tracked.
  std::size_t tracked_keys() const;

 private:
  // One limit: `burst` sends in any window of `window`, over the sorted
  // reserved send times.
  struct limit {
    std::size_t burst = 1;
    clock::duration window{}; // zero: disabled
    bool enabled() const { return window > clock::duration::zero(); }
  };
  using schedule = std::vector<clock::time_point>;

  static limit make_limit(double per_s, int burst);
  /// The earliest time >= t at which one more send fits `s` under `l`.
  static clock::time_point earliest(const limit& l, const schedule& s, clock::time_point t);
  static void insert(schedule& s, clock::time_point t);
  /// Drops times that can no longer share a window with any send at or
  /// after `now` (with a window of slack for callers' clock skew).
  static void prune(const limit& l, schedule& s, clock::time_point now);
  void evict_idle_locked(clock::time_point now);

  limit global_;
  limit per_key_;
  mutable std::mutex mtx_;
  schedule global_times_;
  std::unordered_map<std::string, schedule> key_times_;
  std::size_t sweep_at_ = min_sweep;
  static constexpr std::size_t min_sweep = 1024;
};

} // namespace playclock::notify
