#include "adapters/sports/timestamp.hpp"

#include <ctime>

namespace playclock::sports {

namespace {

// The number in text[at, at + n) if all digits and within [lo, hi], else -1.
int field(std::string_view text, std::size_t at, std::size_t n, int lo, int hi) {
  if (at + n > text.size())
    return -1;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9')
      return -1;
    v = v * 10 + (text[i] - '0');
  }
  return v >= lo && v <= hi ? v : -1;
}

} // namespace

bool is_utc_timestamp(std::string_view t) {
  if (t.size() < 17 || t.size() > 40 || t.back() != 'Z')
    return false;
  if (field(t, 0, 4, 1900, 2200) < 0 || t[4] != '-' || field(t, 5, 2, 1, 12) < 0 || t[7] != '-' ||
      field(t, 8, 2, 1, 31) < 0 || t[10] != 'T' || field(t, 11, 2, 0, 23) < 0 || t[13] != ':' ||
      field(t, 14, 2, 0, 59) < 0)
    return false;
  std::size_t at = 16;
  if (t[at] == ':') {
    if (field(t, at + 1, 2, 0, 60) < 0)
      return false;
    at += 3;
    if (t[at] == '.') {
      std::size_t digits = 0;
      for (++at; at < t.size() && t[at] >= '0' && t[at] <= '9'; ++at)
        ++digits;
      if (digits == 0)
        return false;
    }
  }
  return at == t.size() - 1;
}

std::string utc_timestamp(std::int64_t unix_s) {
  auto t = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr)
    return "1970-01-01T00:00:00Z";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

} // namespace playclock::sports
