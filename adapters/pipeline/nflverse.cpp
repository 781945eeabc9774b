#include "adapters/pipeline/nflverse.hpp"

#include <charconv>
#include <map>
#include <stdexcept>

namespace playclock::pipeline {

namespace {

bool is_na(const std::string& v) {
  return v.empty() || v == "NA";
}

std::optional<int> int_of(const std::string& v) {
  if (is_na(v))
    return std::nullopt;
  // nflverse writes some integers as "1.0".
  double d = 0;
  auto* end = v.data() + v.size();
  auto [p, ec] = std::from_chars(v.data(), end, d);
  if (ec != std::errc{} || p != end || d != static_cast<double>(static_cast<long long>(d)) ||
      d < -1e9 || d > 1e9)
    throw std::invalid_argument("not a whole number: \"" + v + "\"");
  return static_cast<int>(d);
}

int required_int(const std::string& v, const char* what) {
  auto i = int_of(v);
  if (!i)
    throw std::invalid_argument(std::string{what} + ": missing");
  return *i;
}

bool valid_date(const std::string& d) {
  return d.size() == 10 && d[4] == '-' && d[7] == '-';
}

struct columns {
  const csv_table& t;
  const std::vector<std::string>& row;
  const std::string& operator()(const char* name) const {
    static const std::string none;
    int i = t.column(name);
    return i < 0 ? none : row[static_cast<std::size_t>(i)];
  }
};

template <class Row, class Read>
rows<Row> read_all(const csv_table& t, Read read) {
  rows<Row> out;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    try {
      out.loaded.push_back(read(columns{t, t.rows[i]}));
    } catch (const std::exception& e) {
      ++out.rejected;
      if (out.reasons.size() < 5)
        out.reasons.push_back("record " + std::to_string(i + 1) + ": " + e.what());
    }
  }
  return out;
}

} // namespace

const std::vector<std::string>& schedule_columns() {
  static const std::vector<std::string> c{"game_id",   "season",     "game_type",
                                          "week",      "gameday",    "away_team",
                                          "home_team", "away_score", "home_score"};
  return c;
}

const std::vector<std::string>& pbp_columns() {
  static const std::vector<std::string> c{"game_id",
                                          "play_id",
                                          "home_team",
                                          "away_team",
                                          "week",
                                          "qtr",
                                          "time",
                                          "posteam",
                                          "down",
                                          "ydstogo",
                                          "yardline_100",
                                          "play_type",
                                          "desc",
                                          "yards_gained",
                                          "total_home_score",
                                          "total_away_score",
                                          "touchdown"};
  return c;
}

std::vector<std::string> missing_columns(const csv_table& t,
                                         const std::vector<std::string>& required) {
  std::vector<std::string> out;
  for (const auto& c : required)
    if (t.column(c) < 0)
      out.push_back(c);
  return out;
}

rows<game_row> read_schedules(const csv_table& t) {
  return read_all<game_row>(t, [](const columns& c) {
    game_row g;
    g.game_id = c("game_id");
    if (is_na(g.game_id))
      throw std::invalid_argument("game_id: missing");
    g.season = required_int(c("season"), "season");
    g.week = required_int(c("week"), "week");
    g.season_type = c("game_type") == "REG" ? 2 : 3;
    g.home_team = c("home_team");
    g.away_team = c("away_team");
    if (is_na(g.home_team) || is_na(g.away_team))
      throw std::invalid_argument("home_team/away_team: missing");
    const auto& day = c("gameday");
    if (!valid_date(day))
      throw std::invalid_argument("gameday: not a date: \"" + day + "\"");
    const auto& at = c("gametime");
    // Kick-off times are US Eastern; stored as a date with the time, UTC-5.
    g.start_time = day + (at.size() == 5 ? "T" + at + ":00-05:00" : "T00:00:00Z");
    g.home_score = int_of(c("home_score"));
    g.away_score = int_of(c("away_score"));
    if (g.home_score.has_value() != g.away_score.has_value())
      throw std::invalid_argument("home_score/away_score: only one is given");
    return g;
  });
}

pbp_rows read_pbp(const csv_table& t) {
  pbp_rows out;
  std::map<std::string, int> sequence;
  std::map<std::string, std::size_t> game_index;
  out.plays = read_all<play_row>(t, [&](const columns& c) {
    play_row p;
    p.game_id = c("game_id");
    p.play_id = c("play_id");
    if (is_na(p.game_id) || is_na(p.play_id))
      throw std::invalid_argument("game_id/play_id: missing");
    p.period = required_int(c("qtr"), "qtr");
    p.clock = is_na(c("time")) ? "" : c("time");
    p.team = is_na(c("posteam")) ? "" : c("posteam");
    p.play_type = is_na(c("play_type")) ? "" : c("play_type");
    p.description = is_na(c("desc")) ? "" : c("desc");
    p.yards = int_of(c("yards_gained")).value_or(0);
    p.down = int_of(c("down"));
    p.distance = int_of(c("ydstogo"));
    p.yard_line = int_of(c("yardline_100"));
    p.home_score = int_of(c("total_home_score")).value_or(0);
    p.away_score = int_of(c("total_away_score")).value_or(0);
    p.scoring = c("touchdown") == "1" || c("touchdown") == "1.0" ||
                c("field_goal_result") == "made" || c("safety") == "1" || c("safety") == "1.0";
    int week = required_int(c("week"), "week");
    p.sequence = ++sequence[p.game_id];
    auto [it, fresh] = game_index.try_emplace(p.game_id, out.games.size());
    if (fresh) {
      game_row g;
      g.game_id = p.game_id;
      g.week = week;
      g.home_team = c("home_team");
      g.away_team = c("away_team");
      // "2020_01_HOU_KC": the season leads nflverse game ids.
      g.season = required_int(p.game_id.substr(0, 4), "game_id season");
      g.season_type = c("season_type") == "POST" ? 3 : 2;
      const auto& day = c("game_date");
      g.start_time = valid_date(day) ? day + "T00:00:00Z" : "";
      out.games.push_back(g);
    }
    auto& g = out.games[it->second];
    g.home_score = p.home_score;
    g.away_score = p.away_score;
    return p;
  });
  return out;
}

} // namespace playclock::pipeline
