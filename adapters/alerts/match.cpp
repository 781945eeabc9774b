#include "adapters/alerts/match.hpp"

#include <algorithm>

namespace playclock::alerts {

namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequal(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

bool listed(const std::vector<std::string>& list, const std::string& value, bool fold_case) {
  if (fold_case)
    return std::any_of(list.begin(), list.end(), [&](const auto& s) { return iequal(s, value); });
  return std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace

bool matches(const rule& r, const candidate& c) {
  if (r.type != c.type)
    return false;
  const auto& f = r.only;
  if (!f.teams.empty() && std::none_of(c.teams.begin(), c.teams.end(),
                                       [&](const auto& t) { return listed(f.teams, t, true); }))
    return false;
  if (!f.games.empty() && !listed(f.games, c.game_id, false))
    return false;
  if (!f.markets.empty() && !listed(f.markets, c.ticker, true))
    return false;
  if (f.min_impact && (!c.level || *c.level < *f.min_impact))
    return false;
  return true;
}

} // namespace playclock::alerts
