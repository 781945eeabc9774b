// The real side of docs/ENGINE.md's "engine vs real" table: reads nflfastR
// play-by-play (a CSV export of nflverse's data) and prints the numbers
// sim_stats prints, per team and game, counted the way adapters/sim/stats.cpp
// counts a simulated game's plays:
// - offensive plays: play_type "pass" (passes, sacks, interceptions) or
//   "run" (scrambles, aborted snaps and fake kicks included), not two-point
//   tries; qb_kneel and qb_spike rows and "no_play" rows (fouls that wiped
//   the snap) do not count. Pass rate: play_type "pass" of those.
// - turnovers: interceptions and lost fumbles on those plays (the engine has
//   no fumbles on kicks); the line after them adds the ones on kicks.
// - penalties: every "PENALTY on <team>" / "Penalty on <team>" in desc, accepted,
//   declined or offsetting, on any row.
//
//   nflverse_stats PBP_CSV

#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

#include "adapters/pipeline/csv.hpp"

namespace {

using playclock::pipeline::csv_table;

bool has(const std::string& s, const char* needle) {
  return s.find(needle) != std::string::npos;
}

int fouls_in(const std::string& desc) {
  int n = 0;
  for (const char* marker : {"PENALTY on ", "Penalty on "})
    for (auto at = desc.find(marker); at != std::string::npos; at = desc.find(marker, at + 1))
      ++n;
  return n;
}

struct totals {
  long points = 0, touchdowns = 0, offensive_plays = 0, pass_plays = 0, yards = 0, punts = 0;
  long turnovers = 0, kick_turnovers = 0, field_goal_attempts = 0, field_goals_made = 0;
  long sacks = 0, penalties = 0, kick_penalties = 0, extra_point_attempts = 0;
  long extra_points_made = 0, two_point_attempts = 0, safeties = 0;
};

// One row's fields by column name, with numbers checked.
class row_view {
 public:
  row_view(const csv_table& t, std::string path) : t_(t), path_(std::move(path)) {}
  void at(std::size_t i) { row_ = i; }
  const std::string& text(const char* column) const {
    return t_.rows[row_][t_.require(column, path_)];
  }
  /// Optional columns: empty when absent.
  std::string text_or_empty(const char* column) const {
    int i = t_.column(column);
    return i < 0 ? std::string() : t_.rows[row_][static_cast<std::size_t>(i)];
  }
  bool na(const char* column) const { return text(column) == "NA" || text(column).empty(); }
  /// The integer in `column`; NA counts as 0.
  long number(const char* column) const {
    const std::string& s = text(column);
    if (s == "NA" || s.empty())
      return 0;
    char* end = nullptr;
    long v = std::strtol(s.c_str(), &end, 10);
    if (*end != '\0')
      throw std::runtime_error(path_ + ": record " + std::to_string(row_ + 1) + ", column " +
                               column + ": not an integer: '" + s + "'");
    return v;
  }
  bool flag(const char* column) const { return number(column) == 1; }

 private:
  const csv_table& t_;
  std::string path_;
  std::size_t row_ = 0;
};

bool kick_or_try(const std::string& type, const std::string& desc, bool two_point) {
  return two_point || type == "kickoff" || type == "punt" || type == "field_goal" ||
         type == "extra_point" || has(desc, "Punt formation") || has(desc, " punts ") ||
         has(desc, " kicks ") || has(desc, "Field Goal formation") || has(desc, "field goal") ||
         has(desc, "extra point");
}

int run(const std::string& path) {
  const csv_table t = playclock::pipeline::read_csv(path);
  for (const char* c : {"game_id", "play_type", "yards_gained", "desc", "touchdown",
                        "field_goal_result", "extra_point_result", "two_point_conv_result",
                        "safety", "interception", "fumble_lost", "qtr", "home_score", "away_score"})
    t.require(c, path);
  row_view r(t, path);
  totals sum;
  std::map<std::string, std::pair<long, long>> finals; // game -> home, away score
  std::set<std::string> overtime;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    r.at(i);
    const std::string& game = r.text("game_id");
    if (r.na("game_id"))
      throw std::runtime_error(path + ": record " + std::to_string(i + 1) + " has no game_id");
    finals[game] = {r.number("home_score"), r.number("away_score")};
    if (r.number("qtr") >= 5)
      overtime.insert(game);
    const std::string& type = r.text("play_type");
    const std::string& desc = r.text("desc");
    // A try's result counts even on a "no_play" row (a foul enforced on the kickoff).
    const bool two_point =
        r.text_or_empty("two_point_attempt") == "1" || !r.na("two_point_conv_result");
    const int fouls = fouls_in(desc);
    sum.penalties += fouls;
    sum.kick_penalties += kick_or_try(type, desc, two_point) ? fouls : 0;
    sum.touchdowns += r.flag("touchdown") ? 1 : 0;
    sum.safeties += r.flag("safety") ? 1 : 0;
    sum.two_point_attempts += two_point ? 1 : 0;
    if (type == "punt")
      ++sum.punts;
    if (!r.na("field_goal_result")) {
      ++sum.field_goal_attempts;
      sum.field_goals_made += r.text("field_goal_result") == "made" ? 1 : 0;
    }
    if (!r.na("extra_point_result")) {
      ++sum.extra_point_attempts;
      sum.extra_points_made += r.text("extra_point_result") == "good" ? 1 : 0;
    }
    const long lost = (r.flag("interception") ? 1 : 0) + (r.flag("fumble_lost") ? 1 : 0);
    const long yards = r.number("yards_gained"); // checked on every row
    if ((type != "pass" && type != "run") || two_point) {
      sum.kick_turnovers += type == "kickoff" || type == "punt" ? lost : 0;
      continue;
    }
    ++sum.offensive_plays;
    sum.pass_plays += type == "pass" ? 1 : 0;
    sum.yards += yards;
    sum.turnovers += lost;
    const std::string sack = r.text_or_empty("sack");
    sum.sacks += (sack.empty() ? type == "pass" && has(desc, " sacked") : sack == "1") ? 1 : 0;
  }
  if (finals.empty())
    throw std::runtime_error(path + ": no plays");
  int ties = 0;
  for (const auto& [game, score] : finals) {
    sum.points += score.first + score.second;
    ties += score.first == score.second ? 1 : 0;
  }
  const int games = static_cast<int>(finals.size());
  const double tg = 2.0 * games;
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  std::printf("games                        %d\n", games);
  std::printf("points / team-game           %.2f\n", sum.points / tg);
  std::printf("touchdowns / team-game       %.2f\n", sum.touchdowns / tg);
  std::printf("offensive plays / team-game  %.2f\n", sum.offensive_plays / tg);
  std::printf("pass rate                    %.3f\n", ratio(sum.pass_plays, sum.offensive_plays));
  std::printf("yards / play                 %.2f\n", ratio(sum.yards, sum.offensive_plays));
  std::printf("punts / team-game            %.2f\n", sum.punts / tg);
  std::printf("turnovers / team-game        %.2f\n", sum.turnovers / tg);
  std::printf("  + on kicks / team-game     %.2f\n", sum.kick_turnovers / tg);
  std::printf("FG attempts / team-game      %.2f\n", sum.field_goal_attempts / tg);
  std::printf("FG made                      %.1f%%\n",
              100 * ratio(sum.field_goals_made, sum.field_goal_attempts));
  std::printf("sacks / team-game            %.2f\n", sum.sacks / tg);
  std::printf("penalties / team-game        %.2f\n", sum.penalties / tg);
  std::printf("  of those on kicks, tries   %.2f\n", sum.kick_penalties / tg);
  std::printf("extra points made            %.1f%%\n",
              100 * ratio(sum.extra_points_made, sum.extra_point_attempts));
  std::printf("two-point tries / team-game  %.2f\n", sum.two_point_attempts / tg);
  std::printf("safeties / team-game         %.3f\n", sum.safeties / tg);
  std::printf("overtime games               %zu (%.1f%%)\n", overtime.size(),
              100.0 * static_cast<double>(overtime.size()) / games);
  std::printf("ties                         %d\n", ties);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr,
                 "usage: %s PBP_CSV   (nflfastR play-by-play, e.g. "
                 "nflfastR_pbp_2020_wk1_all16games_keycols.csv)\n",
                 argv[0]);
    return 2;
  }
  try {
    return run(argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nflverse_stats: %s\n", e.what());
    return 1;
  }
}
