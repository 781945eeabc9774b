#pragma once
// Small deterministic helpers shared by the simulated markets' files.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>

namespace playclock::league::detail {

/// splitmix64's finalizer: a well-spread hash of x.
inline std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

/// [0, 1) from 53 bits of a hash.
inline double unit(std::uint64_t h) {
  return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
}

inline double seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

/// A price rounded to a cent and kept within [0.01, 0.99].
inline double cents(double p) {
  return std::clamp(std::round(p * 100) / 100, 0.01, 0.99);
}

} // namespace playclock::league::detail
