#include "config/cron.hpp"

#include <array>
#include <cctype>
#include <ctime>
#include <vector>

namespace playclock::config {

namespace {

constexpr std::array<const char*, 12> month_names{"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                  "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<const char*, 7> day_names{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

struct field {
  const char* name;
  int lo;
  int hi;
  /// Names for lo, lo + 1, ... (months, weekdays), or none.
  const char* const* names = nullptr;
  int name_count = 0;
};

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (true) {
    auto next = s.find(sep, at);
    out.push_back(
        s.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at));
    if (next == std::string_view::npos)
      return out;
    at = next + 1;
  }
}

std::optional<int> value_of(std::string_view t, const field& f) {
  if (t.empty())
    return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(t.front())) != 0) {
    if (t.size() > 2)
      return std::nullopt;
    int v = 0;
    for (char c : t) {
      if (std::isdigit(static_cast<unsigned char>(c)) == 0)
        return std::nullopt;
      v = v * 10 + (c - '0');
    }
    return v;
  }
  for (int i = 0; i < f.name_count; ++i) {
    std::string_view n{f.names[i]};
    if (t.size() == n.size()) {
      bool same = true;
      for (std::size_t k = 0; k < t.size(); ++k)
        same = same && std::toupper(static_cast<unsigned char>(t[k])) == n[k];
      if (same)
        return f.lo + i;
    }
  }
  return std::nullopt;
}

/// Sets the bits of one field; the error, if any.
std::optional<std::string> parse_field(std::string_view text, const field& f,
                                       std::vector<bool>& bits, bool& any) {
  any = text == "*";
  for (auto part : split(text, ',')) {
    auto what = std::string{f.name} + " \"" + std::string{part} + "\"";
    int step = 1;
    auto slash = part.find('/');
    if (slash != std::string_view::npos) {
      auto s = value_of(part.substr(slash + 1), field{f.name, 0, 99});
      if (!s || *s < 1)
        return what + ": the step must be a number from 1";
      step = *s;
      part = part.substr(0, slash);
    }
    int from = f.lo;
    int to = f.hi;
    if (part != "*") {
      auto dash = part.find('-');
      auto a = value_of(part.substr(0, dash), f);
      auto b = dash == std::string_view::npos ? a : value_of(part.substr(dash + 1), f);
      if (!a || !b)
        return what + ": not a number or name";
      from = *a;
      to = slash != std::string_view::npos && dash == std::string_view::npos ? f.hi : *b;
      if (from < f.lo || to > f.hi || from > to)
        return what + ": must be within " + std::to_string(f.lo) + "-" + std::to_string(f.hi) +
               (from > to ? " and ascending" : "");
    }
    for (int v = from; v <= to; v += step)
      bits[static_cast<std::size_t>(v)] = true;
  }
  return std::nullopt;
}

template <std::size_t N>
void copy_bits(const std::vector<bool>& from, std::bitset<N>& to) {
  for (std::size_t i = 0; i < N && i < from.size(); ++i)
    to[i] = from[i];
}

std::string_view macro(std::string_view text) {
  if (text == "@hourly")
    return "0 * * * *";
  if (text == "@daily" || text == "@midnight")
    return "0 0 * * *";
  if (text == "@weekly")
    return "0 0 * * 0";
  if (text == "@monthly")
    return "0 0 1 * *";
  if (text == "@yearly" || text == "@annually")
    return "0 0 1 1 *";
  return text;
}

} // namespace

bool cron_spec::matches(std::int64_t unix_s) const {
  auto t = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  if (!minutes[static_cast<std::size_t>(tm.tm_min)] ||
      !hours[static_cast<std::size_t>(tm.tm_hour)] ||
      !months[static_cast<std::size_t>(tm.tm_mon) + 1])
    return false;
  bool day = days[static_cast<std::size_t>(tm.tm_mday)];
  bool weekday = weekdays[static_cast<std::size_t>(tm.tm_wday)];
  if (any_day && any_weekday)
    return true;
  if (any_day)
    return weekday;
  if (any_weekday)
    return day;
  return day || weekday;
}

std::variant<cron_spec, std::string> parse_cron(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0)
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0)
    text.remove_suffix(1);
  if (!text.empty() && text.front() == '@' && macro(text) == text)
    return "unknown macro \"" + std::string{text} +
           "\" (@hourly, @daily, @weekly, @monthly, @yearly)";
  text = macro(text);
  std::vector<std::string_view> parts;
  for (auto p : split(text, ' '))
    if (!p.empty())
      parts.push_back(p);
  if (parts.size() != 5)
    return std::string{"must have 5 fields (minute hour day-of-month month day-of-week), has "} +
           std::to_string(parts.size());
  const std::array<field, 5> fields{
      field{"minute", 0, 59},
      field{"hour", 0, 23},
      field{"day-of-month", 1, 31},
      field{"month", 1, 12, month_names.data(), 12},
      // 7 is Sunday too; folded into 0 below.
      field{"day-of-week", 0, 7, day_names.data(), 7},
  };
  cron_spec c;
  std::array<bool, 5> any{};
  std::array<std::vector<bool>, 5> bits;
  for (std::size_t i = 0; i < 5; ++i) {
    bits[i].assign(static_cast<std::size_t>(fields[i].hi) + 1, false);
    if (auto err = parse_field(parts[i], fields[i], bits[i], any[i]))
      return *err;
  }
  copy_bits(bits[0], c.minutes);
  copy_bits(bits[1], c.hours);
  copy_bits(bits[2], c.days);
  copy_bits(bits[3], c.months);
  copy_bits(bits[4], c.weekdays);
  if (bits[4][7])
    c.weekdays[0] = true;
  c.any_day = any[2];
  c.any_weekday = any[4];
  return c;
}

std::optional<std::int64_t> latest_slot(const cron_spec& c, std::int64_t now_s,
                                        std::int64_t window_s) {
  std::int64_t minute = now_s - ((now_s % 60) + 60) % 60;
  for (std::int64_t t = minute; t >= now_s - window_s; t -= 60)
    if (c.matches(t))
      return t;
  return std::nullopt;
}

std::optional<std::int64_t> next_slot(const cron_spec& c, std::int64_t after_s) {
  std::int64_t t = after_s - ((after_s % 60) + 60) % 60 + 60;
  // Whole hours and days are skipped when their hour or day cannot match.
  const std::int64_t limit = t + std::int64_t{5} * 366 * 86400;
  while (t < limit) {
    auto tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    if (!c.months[static_cast<std::size_t>(tm.tm_mon) + 1] ||
        !c.hours[static_cast<std::size_t>(tm.tm_hour)]) {
      t += 3600 - tm.tm_min * 60;
      continue;
    }
    if (c.matches(t))
      return t;
    t += 60;
  }
  return std::nullopt;
}

} // namespace playclock::config
