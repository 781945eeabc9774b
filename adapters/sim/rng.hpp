#pragma once
// A small portable PRNG for the simulator: xoshiro256** seeded through
// splitmix64. Every draw is computed here from integer arithmetic (never a
// std::*_distribution, whose output differs between standard libraries), so
// a seed fixes a game on every platform.

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string>

namespace playclock::sim {

/// One splitmix64 step: advances `state` and returns the next output.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// FNV-1a hash of a string, to derive seeds from team ids.
inline std::uint64_t hash_string(const std::string& s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// Mixes two values into one well-spread seed.
inline std::uint64_t mix_seed(std::uint64_t a, std::uint64_t b) {
  std::uint64_t s = a ^ (b * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL);
  return splitmix64(s);
}

/// xoshiro256**: fast, 256 bits of state, identical output everywhere.
class rng {
 public:
  explicit rng(std::uint64_t seed) {
    for (auto& w : s_)
      w = splitmix64(seed);
  }

  /// The next 64 random bits.
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// True with probability p.
  bool chance(double p) { return uniform() < p; }

  /// Uniform integer in [lo, hi], both included (the modulo bias is below 2^-50).
  int between(int lo, int hi) {
    if (hi <= lo)
      return lo;
    auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<int>(next() % span);
  }

  /// Exponentially distributed with the given mean.
  double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }

  /// An index drawn with the given (not necessarily normalised) weights.
  std::size_t pick(std::initializer_list<double> weights) {
    double total = 0;
    for (double w : weights)
      total += w;
    double x = uniform() * total;
    std::size_t i = 0;
    for (double w : weights) {
      if (x < w)
        return i;
      x -= w;
      ++i;
    }
    return weights.size() - 1;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

} // namespace playclock::sim
