#include "adapters/sources/backoff.hpp"

#include <algorithm>

namespace playclock::sources {

namespace {

// splitmix64: tiny, deterministic per seed, good enough for jitter.
std::uint64_t next_random(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

} // namespace

backoff::backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max,
                 std::uint64_t seed)
  : initial_(initial), max_(std::max(initial, max)), state_(seed) {}

std::chrono::milliseconds backoff::next() {
  ++failures_;
  auto delay = initial_;
  for (int i = 1; i < failures_ && delay < max_; ++i)
    delay *= 2;
  delay = std::min(delay, max_);
  auto half = delay.count() / 2;
  auto span = static_cast<std::uint64_t>(delay.count() - half + 1);
  return std::chrono::milliseconds{half + static_cast<std::int64_t>(next_random(state_) % span)};
}

} // namespace playclock::sources
