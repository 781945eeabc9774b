#pragma once
// The nflverse files the data pipeline loads: schedules (nfl_data_py /
// nflreadr format) and nflfastR play-by-play, read into the rows of the
// games and plays tables. A row with a bad value is rejected and counted,
// never loaded half-read. Plain C++.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adapters/pipeline/csv.hpp"

namespace playclock::pipeline {

/// The columns each kind of file must have.
const std::vector<std::string>& schedule_columns();
const std::vector<std::string>& pbp_columns();

/// The required columns `t` lacks.
std::vector<std::string> missing_columns(const csv_table& t,
                                         const std::vector<std::string>& required);

struct game_row {
  std::string game_id;
  int season = 0;
  /// 2 regular season, 3 postseason (ESPN's numbering, as the feed stores).
  int season_type = 2;
  int week = 0;
  /// "2020-09-10T20:20:00-04:00"-style local kick-off when known, else the date.
  std::string start_time;
  std::string home_team;
  std::string away_team;
  /// Absent before the game is played.
  std::optional<int> home_score;
  std::optional<int> away_score;
};

struct play_row {
  std::string game_id;
  std::string play_id;
  int sequence = 0;
  int period = 0;
  std::string clock;
  std::string team;
  std::string play_type;
  std::string description;
  int yards = 0;
  std::optional<int> down;
  std::optional<int> distance;
  std::optional<int> yard_line;
  int home_score = 0;
  int away_score = 0;
  bool scoring = false;
};

template <class Row>
struct rows {
  std::vector<Row> loaded;
  int rejected = 0;
  /// The first few reasons, "line 12: week: not a number".
  std::vector<std::string> reasons;
};

rows<game_row> read_schedules(const csv_table& t);

/// Plays in file order, numbered per game; also the games they belong to
/// (teams, season and week from the play-by-play, final score from its
/// last play) for games no schedule listed.
struct pbp_rows {
  rows<play_row> plays;
  std::vector<game_row> games;
};
pbp_rows read_pbp(const csv_table& t);

} // namespace playclock::pipeline
