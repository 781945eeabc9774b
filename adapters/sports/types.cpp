#include "adapters/sports/types.hpp"

#include <algorithm>

namespace playclock::sports {

const char* to_string(game_state s) {
  switch (s) {
    case game_state::pre:
      return "pre";
    case game_state::in:
      return "in";
    case game_state::post:
      return "post";
  }
  return "pre";
}

std::optional<game_state> parse_game_state(const std::string& s) {
  if (s == "pre")
    return game_state::pre;
  if (s == "in")
    return game_state::in;
  if (s == "post")
    return game_state::post;
  return std::nullopt;
}

std::vector<play> game_summary::all_plays() const {
  std::vector<play> out;
  for (const auto& d : drives)
    out.insert(out.end(), d.plays.begin(), d.plays.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const play& a, const play& b) { return a.sequence < b.sequence; });
  return out;
}

} // namespace playclock::sports
