#include "adapters/espn/paths.hpp"

namespace playclock::espn {

std::string url_encode(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0x0F];
    }
  }
  return out;
}

std::string scoreboard_path(std::string_view dates) {
  std::string out{scoreboard_base};
  if (!dates.empty())
    out += "?dates=" + url_encode(dates);
  return out;
}

std::string summary_path(std::string_view event_id) {
  return std::string{summary_base} + "?event=" + url_encode(event_id);
}

std::string core_injuries_path(int season, std::string_view team_id) {
  return "/v2/sports/football/leagues/nfl/seasons/" + std::to_string(season) + "/teams/" +
         url_encode(team_id) + "/injuries?limit=100";
}

} // namespace playclock::espn
