#pragma once
// When the next poll of a periodic poller starts: on a fixed grid of the
// steady clock, at phase + k * interval. Unlike "one interval after the last
// poll started", the grid does not drift with timer latency, so pollers of
// one node given different phases keep their bursts apart for good (the
// markets poll falls half-way between two scoreboard polls).

#include <chrono>

namespace playclock::sources {

/// The wait from `now` until the next slot of the grid (phase + k *
/// interval, k an integer) after it, in (0, interval]: a slot is never
/// taken twice, however fast a poll; zero when `interval` is not positive.
std::chrono::milliseconds wait_for_slot(std::chrono::steady_clock::time_point now,
                                        std::chrono::milliseconds interval,
                                        std::chrono::milliseconds phase);

} // namespace playclock::sources
