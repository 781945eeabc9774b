#pragma once
// Win-probability states from nflfastR play-by-play rows (CSV with a header;
// "NA" is missing), for evaluating the model on real games.
//
// A row is the state at the snap, from the home team's side: the scores
// before the play (posteam_score/defteam_score), qtr and
// quarter_seconds_remaining, down/ydstogo/yardline_100, the home and away
// timeouts, spread_line. Kickoffs become the kicking team in possession,
// down 0, 65 yards to go (as the scoreboard shows them). A try after a
// touchdown (extra point or two-point attempt) is counted as its expected
// point and becomes the scoring team's kickoff. Rows with no team in
// possession (game start, quarter ends, timeouts, END GAME) have no state.

#include <optional>
#include <string>
#include <vector>

#include "adapters/winprob/model.hpp"

namespace playclock::winprob {

/// Column positions of the fields a row needs (-1 for the optional ones
/// that are absent: wp, home_wp, vegas_home_wp, play_type, desc).
struct pbp_columns {
  int game_id = -1, home_team = -1, away_team = -1, posteam = -1, defteam = -1;
  int qtr = -1, quarter_seconds_remaining = -1, down = -1, ydstogo = -1, yardline_100 = -1;
  int posteam_score = -1, defteam_score = -1;
  int home_timeouts_remaining = -1, away_timeouts_remaining = -1;
  int spread_line = -1, result = -1;
  int play_type = -1, desc = -1, home_wp = -1, vegas_home_wp = -1;

  /// Finds the columns; nullopt and the missing column's name in *error if
  /// a required one is absent.
  static std::optional<pbp_columns> from_header(const std::vector<std::string>& header,
                                                std::string* error);
};

/// One usable row.
struct pbp_row {
  std::string game_id;
  game_state state;
  /// result (home final margin) > 0.
  bool home_won = false;
  /// result == 0.
  bool tie = false;
  /// nflfastR's own predictions for the same row, when present.
  std::optional<double> home_wp;
  std::optional<double> vegas_home_wp;
};

/// The row's state; nullopt and the reason in *why (when not null) if it
/// has none or a needed field is missing or malformed.
std::optional<pbp_row> read_pbp_row(const pbp_columns& c, const std::vector<std::string>& row,
                                    std::string* why);

} // namespace playclock::winprob
