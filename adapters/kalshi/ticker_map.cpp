#include "adapters/kalshi/ticker_map.hpp"

#include <algorithm>
#include <array>

#include "adapters/espn/teams.hpp"

namespace playclock::kalshi {

namespace {

// Kalshi's spellings (and older ones) of teams ESPN spells otherwise. Seen in
// Kalshi tickers: JAC (KXNFLGAME-25OCT06KCJAC), WAS (KXNFLGAME-25DEC20PHIWAS),
// LA for the Rams (KXNFLGAME-25DEC18LASEA; 2026 tickers also use LAR).
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> aliases{{
    {"JAC", "JAX"},
    {"WAS", "WSH"},
    {"LA", "LAR"},
    {"OAK", "LV"},
}};

constexpr std::array<std::string_view, 12> months{"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                  "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

bool is_upper(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool leap(long y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(long y, int m) {
  static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
long days_from_civil(long y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<long> day_number(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !is_digits(date.substr(0, 4)) ||
      !is_digits(date.substr(5, 2)) || !is_digits(date.substr(8, 2)))
    return std::nullopt;
  long y = std::stol(std::string{date.substr(0, 4)});
  int m = std::stoi(std::string{date.substr(5, 2)});
  int d = std::stoi(std::string{date.substr(8, 2)});
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
    return std::nullopt;
  return days_from_civil(y, m, d);
}

/// "26JAN12" -> "2026-01-12".
std::optional<std::string> ticker_date(std::string_view s) {
  if (s.size() != 7 || !is_digits(s.substr(0, 2)) || !is_digits(s.substr(5, 2)))
    return std::nullopt;
  auto month = std::find(months.begin(), months.end(), s.substr(2, 3));
  if (month == months.end())
    return std::nullopt;
  int m = static_cast<int>(month - months.begin()) + 1;
  std::string out = "20" + std::string{s.substr(0, 2)} + (m < 10 ? "-0" : "-") + std::to_string(m) +
                    "-" + std::string{s.substr(5, 2)};
  if (!day_number(out))
    return std::nullopt;
  return out;
}

std::string upper(std::string_view s) {
  std::string out{s};
  for (char& c : out)
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
  return out;
}

/// How well a game fits a parsed ticker: lower is better; nullopt: not it.
std::optional<int> fit(const game_ticker& t, const sports::game& g) {
  auto home = normalize_team(g.home.abbreviation);
  auto away = normalize_team(g.away.abbreviation);
  if (home.empty() || away.empty())
    return std::nullopt;
  bool same_order = home == t.home && away == t.away;
  bool swapped = home == t.away && away == t.home;
  if (!same_order && !swapped)
    return std::nullopt;
  auto days = days_between(t.date, std::string_view{g.start_time}.substr(0, 10));
  if (!days || (*days != 0 && *days != 1))
    return std::nullopt;
  return (*days == 0 ? 0 : 2) + (same_order ? 0 : 1);
}

/// `team` (any spelling) as game `g` spells it, and whether it is the home
/// team; empty if it is neither of g's teams.
std::pair<std::string, bool> side_of(const std::string& team, const sports::game& g) {
  auto t = normalize_team(team);
  if (t.empty())
    return {};
  if (t == normalize_team(g.home.abbreviation))
    return {g.home.abbreviation, true};
  if (t == normalize_team(g.away.abbreviation))
    return {g.away.abbreviation, false};
  return {};
}

} // namespace

std::string normalize_team(std::string_view code) {
  auto c = upper(code);
  for (const auto& [kalshi, espn] : aliases)
    if (c == kalshi)
      return std::string{espn};
  if (c.size() >= 2 && c.size() <= 3 && !espn::team_id(c).empty())
    return c;
  return {};
}

std::vector<std::pair<std::string, std::string>> split_teams(std::string_view code) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!is_upper(code))
    return out;
  for (std::size_t i = 2; i <= 3 && i < code.size(); ++i) {
    auto rest = code.size() - i;
    if (rest < 2 || rest > 3)
      continue;
    auto a = normalize_team(code.substr(0, i));
    auto b = normalize_team(code.substr(i));
    if (a.empty() || b.empty() || a == b)
      continue;
    std::pair<std::string, std::string> split{a, b};
    if (std::find(out.begin(), out.end(), split) == out.end())
      out.push_back(std::move(split));
  }
  return out;
}

std::optional<game_ticker> parse_game_ticker(std::string_view ticker) {
  auto dash = ticker.find('-');
  if (dash == std::string_view::npos || dash == 0)
    return std::nullopt;
  game_ticker out;
  out.series = std::string{ticker.substr(0, dash)};
  auto rest = ticker.substr(dash + 1);
  auto next = rest.find('-');
  auto event = rest.substr(0, next);
  if (next != std::string_view::npos) {
    out.outcome_code = std::string{rest.substr(next + 1)};
    if (out.outcome_code.empty())
      return std::nullopt;
  }
  if (event.size() < 7 + 4)
    return std::nullopt;
  auto date = ticker_date(event.substr(0, 7));
  if (!date)
    return std::nullopt;
  out.date = std::move(*date);
  auto splits = split_teams(event.substr(7));
  if (splits.size() != 1)
    return std::nullopt;
  out.away = std::move(splits.front().first);
  out.home = std::move(splits.front().second);
  auto outcome = normalize_team(out.outcome_code);
  if (!outcome.empty() && (outcome == out.away || outcome == out.home))
    out.outcome = std::move(outcome);
  return out;
}

std::optional<long> days_between(std::string_view a, std::string_view b) {
  auto da = day_number(a);
  auto db = day_number(b);
  if (!da || !db)
    return std::nullopt;
  return *db - *da;
}

ticker_mapper::ticker_mapper(std::vector<mapping_rule> rules) : rules_(std::move(rules)) {}

const mapping_rule* ticker_mapper::rule_for(std::string_view ticker) const {
  const mapping_rule* best = nullptr;
  for (const auto& r : rules_) {
    if (r.ticker_prefix.empty() || r.game_id.empty() ||
        ticker.substr(0, r.ticker_prefix.size()) != r.ticker_prefix)
      continue;
    if (best == nullptr || r.ticker_prefix.size() > best->ticker_prefix.size())
      best = &r;
  }
  return best;
}

std::optional<game_match> ticker_mapper::map(const markets::market& m,
                                             const std::vector<sports::game>& games) const {
  return map(std::string_view{m.ticker}, games);
}

std::optional<game_match> ticker_mapper::map(std::string_view ticker,
                                             const std::vector<sports::game>& games) const {
  auto parsed = parse_game_ticker(ticker);
  if (const mapping_rule* rule = rule_for(ticker)) {
    game_match out{rule->game_id, rule->team, false};
    if (out.team.empty() && parsed)
      out.team = parsed->outcome;
    auto g = std::find_if(games.begin(), games.end(),
                          [&](const sports::game& x) { return x.id == rule->game_id; });
    if (g != games.end() && !out.team.empty()) {
      auto [spelled, home] = side_of(out.team, *g);
      if (!spelled.empty()) {
        out.team = spelled;
        out.home = home;
      }
    }
    return out;
  }
  if (!parsed)
    return std::nullopt;
  const sports::game* best = nullptr;
  int best_fit = 0;
  bool tied = false;
  for (const auto& g : games) {
    auto f = fit(*parsed, g);
    if (!f)
      continue;
    if (best == nullptr || *f < best_fit) {
      best = &g;
      best_fit = *f;
      tied = false;
    } else if (*f == best_fit && g.id != best->id) {
      tied = true;
    }
  }
  if (best == nullptr || tied)
    return std::nullopt;
  game_match out{best->id, {}, false};
  if (!parsed->outcome.empty()) {
    auto [spelled, home] = side_of(parsed->outcome, *best);
    out.team = spelled;
    out.home = home;
  }
  return out;
}

} // namespace playclock::kalshi
