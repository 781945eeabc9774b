#pragma once
// Reading the recorded ESPN and OpenWeatherMap samples (see
// shared/realdata/SOURCES.md) through tests/support/realdata.hpp. Nothing is
// copied into the project: without the folder the tests say they were skipped.
//
//   auto text = test::realdata_file("espn/scoreboard_superbowl_lix_post.json");
//   if (!text)
//     return test::skip_without_realdata();

#include <catch2/catch.hpp>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "tests/support/realdata.hpp"

namespace playclock::test {

inline constexpr const char* scoreboard_2022_wk11 =
    "espn/scoreboard_2022_wk11_20221120_mixed_in_pre_post.json";
inline constexpr const char* scoreboard_2024_wk15 =
    "espn/scoreboard_2024_wk15_20241215_all_post.json";
inline constexpr const char* scoreboard_2025_wk1 = "espn/scoreboard_2025_wk1_all_pre.json";
inline constexpr const char* scoreboard_lix = "espn/scoreboard_superbowl_lix_post.json";
inline constexpr const char* summary_gb_atl = "espn/summary_401547417_GB_at_ATL_2023wk2.json";
inline constexpr const char* core_injury_refs = "espn/core_injuries_team8_det_refs.json";
inline constexpr const char* core_injury_detail = "espn/core_injury_detail_4426502_598153.json";
inline constexpr const char* owm_forecast = "openweathermap/forecast_5day_3h_2020-04-06.json";

/// Every ESPN sample, for tests that must hold for all of them.
inline constexpr const char* espn_scoreboards[] = {scoreboard_2022_wk11, scoreboard_2024_wk15,
                                                   scoreboard_2025_wk1, scoreboard_lix};

/// The content of `relative` under the real-data folder; nullopt when the
/// folder is absent. A missing file in a present folder fails the test: the
/// samples are expected whole.
inline std::optional<std::string> realdata_file(const std::string& relative) {
  auto dir = realdata_dir();
  if (!dir)
    return std::nullopt;
  std::ifstream in(*dir / relative, std::ios::binary);
  if (!in)
    FAIL("real data folder " << *dir << " lacks " << relative);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// The message of a test that needs the samples and did not find them.
inline void skip_without_realdata() {
  WARN("skipped: real data not found at " << realdata_expected_dir()
                                          << " (set PLAYCLOCK_REALDATA_DIR)");
}

} // namespace playclock::test
