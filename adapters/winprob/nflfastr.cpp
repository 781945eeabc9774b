// nflfastR play-by-play rows to win-probability states (see nflfastr.hpp).
#include "adapters/winprob/nflfastr.hpp"

#include <charconv>
#include <cmath>

namespace playclock::winprob {

namespace {

const std::string* field(const std::vector<std::string>& row, int i) {
  if (i < 0 || static_cast<std::size_t>(i) >= row.size())
    return nullptr;
  return &row[static_cast<std::size_t>(i)];
}

// A finite number; nullopt for NA, empty or malformed.
std::optional<double> number(const std::vector<std::string>& row, int i) {
  const auto* f = field(row, i);
  if (!f || f->empty() || *f == "NA")
    return std::nullopt;
  double d = 0;
  auto [end, ec] = std::from_chars(f->data(), f->data() + f->size(), d);
  if (ec != std::errc{} || end != f->data() + f->size() || !std::isfinite(d))
    return std::nullopt;
  return d;
}

// Casts without overflow (the model clamps the value again).
int to_int(double d) {
  return static_cast<int>(std::fmin(std::fmax(d, -1e6), 1e6));
}

std::string text(const std::vector<std::string>& row, int i) {
  const auto* f = field(row, i);
  return f && *f != "NA" ? *f : std::string{};
}

std::optional<pbp_row> skip(std::string* why, const char* reason) {
  if (why)
    *why = reason;
  return std::nullopt;
}

} // namespace

std::optional<pbp_columns> pbp_columns::from_header(const std::vector<std::string>& header,
                                                    std::string* error) {
  auto find = [&](const char* name) {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name)
        return static_cast<int>(i);
    return -1;
  };
  pbp_columns c;
  const std::pair<const char*, int*> required[] = {
      {"game_id", &c.game_id},
      {"home_team", &c.home_team},
      {"away_team", &c.away_team},
      {"posteam", &c.posteam},
      {"defteam", &c.defteam},
      {"qtr", &c.qtr},
      {"quarter_seconds_remaining", &c.quarter_seconds_remaining},
      {"down", &c.down},
      {"ydstogo", &c.ydstogo},
      {"yardline_100", &c.yardline_100},
      {"posteam_score", &c.posteam_score},
      {"defteam_score", &c.defteam_score},
      {"home_timeouts_remaining", &c.home_timeouts_remaining},
      {"away_timeouts_remaining", &c.away_timeouts_remaining},
      {"spread_line", &c.spread_line},
      {"result", &c.result},
  };
  for (const auto& [name, slot] : required) {
    *slot = find(name);
    if (*slot < 0) {
      if (error)
        *error = std::string{"no column '"} + name + "'";
      return std::nullopt;
    }
  }
  c.play_type = find("play_type");
  c.desc = find("desc");
  c.home_wp = find("home_wp");
  c.vegas_home_wp = find("vegas_home_wp");
  return c;
}

std::optional<pbp_row> read_pbp_row(const pbp_columns& c, const std::vector<std::string>& row,
                                    std::string* why) {
  pbp_row out;
  out.game_id = text(row, c.game_id);
  const std::string home = text(row, c.home_team);
  const std::string away = text(row, c.away_team);
  const std::string pos = text(row, c.posteam);
  const std::string def = text(row, c.defteam);
  if (pos.empty() || def.empty())
    return skip(why, "no team in possession");
  if (pos != home && pos != away)
    return skip(why, "posteam is neither team");
  const auto result = number(row, c.result);
  const auto spread = number(row, c.spread_line);
  const auto qtr = number(row, c.qtr);
  const auto clock = number(row, c.quarter_seconds_remaining);
  auto pos_score = number(row, c.posteam_score);
  auto def_score = number(row, c.defteam_score);
  const auto home_to = number(row, c.home_timeouts_remaining);
  const auto away_to = number(row, c.away_timeouts_remaining);
  if (!result || !spread || !qtr || !clock || !pos_score || !def_score || !home_to || !away_to)
    return skip(why, "missing score, time, timeouts, spread or result");
  const std::string type = text(row, c.play_type);
  const std::string desc = text(row, c.desc);
  const auto down = number(row, c.down);
  const auto togo = number(row, c.ydstogo);
  const auto yardline = number(row, c.yardline_100);
  const bool home_has_it = pos == home;

  game_state& s = out.state;
  s.period = to_int(*qtr);
  s.clock_seconds = *clock;
  s.home_spread = *spread;
  s.home_timeouts = to_int(*home_to);
  s.away_timeouts = to_int(*away_to);
  const bool kickoff = type == "kickoff" || (!down && desc.find(" kicks ") != std::string::npos);
  if (kickoff) {
    // nflfastR's posteam is the receiving team; the scoreboard's is the kicker.
    s.possession = home_has_it ? -1 : 1;
    s.down = 0;
    s.distance = 0;
    s.yards_to_endzone = yardline ? 100 - to_int(*yardline) : 65;
  } else if (!down) {
    // A try (extra point, two-point attempt, or a foul before one): its
    // expected point, then the scoring team kicks off.
    *pos_score += 1;
    s.possession = home_has_it ? 1 : -1;
    s.down = 0;
    s.distance = 0;
    s.yards_to_endzone = 65;
  } else {
    if (!togo || !yardline)
      return skip(why, "missing distance or field position");
    s.possession = home_has_it ? 1 : -1;
    s.down = to_int(*down);
    s.distance = to_int(*togo);
    s.yards_to_endzone = to_int(*yardline);
  }
  s.home_score = to_int(home_has_it ? *pos_score : *def_score);
  s.away_score = to_int(home_has_it ? *def_score : *pos_score);
  out.home_won = *result > 0;
  out.tie = *result == 0;
  out.home_wp = number(row, c.home_wp);
  out.vegas_home_wp = number(row, c.vegas_home_wp);
  return out;
}

} // namespace playclock::winprob
