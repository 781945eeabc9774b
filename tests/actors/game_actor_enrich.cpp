// Enrichment end to end: the tags a game actor stores and announces match the
// play data, and the rolling statistics follow the configured window.
#include <catch2/catch.hpp>

#include <algorithm>

#include "adapters/sports/enrich.hpp"
#include "tests/actors/game_actor_fixture.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

bool has(const std::set<std::string>& tags, const char* tag) {
  return tags.count(tag) > 0;
}

bool mentions(const sports::play& p, const char* what) {
  return p.type.find(what) != std::string::npos || p.text.find(what) != std::string::npos;
}

bool is_kick(const sports::play& p) {
  for (const char* k : {"Kickoff", "Punt", "Field Goal", "Extra Point"})
    if (p.type.find(k) != std::string::npos)
      return true;
  return false;
}

std::set<std::string> split(const std::string& csv) {
  std::set<std::string> out;
  std::size_t at = 0;
  while (at < csv.size()) {
    auto comma = csv.find(',', at);
    if (comma == std::string::npos)
      comma = csv.size();
    out.insert(csv.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

} // namespace

TEST_CASE("stored plays carry tags that match the play and rolling statistics over the "
          "configured window",
          "[game]") {
  test::test_database db;
  if (!db.available())
    return;
  test::tree_options opts;
  // Not the defaults, so a game actor that ignores its configuration fails.
  opts.big_play_yards = 15;
  opts.rolling_window = 4;
  test::live_tree t{db.url(), opts};
  auto id = t.game_ids().at(0);
  test::game_run run{t, id, 6s};
  run.finish();
  const auto& plan = run.plan();
  test::check_finished_game(t, id, plan.back());

  auto summary = t.league().summary(id);
  REQUIRE(summary);
  auto plays = summary->all_plays();
  std::set<std::string> scoring_ids(summary->scoring_play_ids.begin(),
                                    summary->scoring_play_ids.end());
  std::map<std::string, std::set<std::string>> announced;
  std::map<std::string, rolling_stats> offense;
  for (const auto& e : t.events().of<play_added>(id)) {
    announced[e.play.id] = std::set<std::string>(e.tags.begin(), e.tags.end());
    offense[e.play.id] = e.offense;
    CHECK(e.home == plan.back().board.home.abbreviation);
  }
  std::map<std::string, std::set<std::string>> stored;
  std::map<std::string, int> stored_window;
  for (const auto& r : t.rows("SELECT play_id, array_to_string(tags, ','),"
                              " stats->'offense'->>'plays' FROM plays WHERE game_id = '" +
                              id + "'")) {
    stored[r[0]] = split(r[1]);
    stored_window[r[0]] = std::stoi(r[2]);
  }
  REQUIRE(stored.size() == plays.size());

  std::map<std::string, int> tally;
  for (const auto& p : plays) {
    INFO("play " << p.id << " " << p.type << ": " << p.text);
    const auto& tags = stored[p.id];
    CHECK(tags == announced[p.id]);
    for (const auto& tag : tags)
      ++tally[tag];
    CHECK(has(tags, "scoring") == p.scoring);
    CHECK(p.scoring == (scoring_ids.count(p.id) > 0));
    if (has(tags, "touchdown"))
      CHECK(p.score_value >= 6);
    if (has(tags, "field_goal"))
      CHECK(p.score_value == 3);
    CHECK(has(tags, "big_play") ==
          (p.yards >= opts.big_play_yards && !is_kick(p) && p.type != "Penalty"));
    if (has(tags, "red_zone"))
      CHECK((p.start_yards_to_endzone > 0 && p.start_yards_to_endzone <= 20));
    if (has(tags, "two_minute_drill")) {
      CHECK((p.period == 2 || p.period >= 4));
      CHECK(sports::clock_seconds(p.clock) <= 120);
    }
    if (has(tags, "fourth_down_try"))
      CHECK(p.start_down == 4);
    if (p.start_down == 4 && (p.type == "Rush" || p.type.find("Pass") == 0))
      CHECK(has(tags, "fourth_down_try"));
    if (has(tags, "turnover"))
      CHECK((mentions(p, "Interception") || mentions(p, "INTERCEPTED") || mentions(p, "Fumble") ||
             mentions(p, "RECOVERED") || mentions(p, "downs") || mentions(p, "Blocked") ||
             mentions(p, "Muffed")));
    CHECK(has(tags, "sack") == (p.type.find("Sack") != std::string::npos));

    CHECK(stored_window[p.id] == offense[p.id].plays);
  }
  // The seeded game has each kind of play the tags are for.
  std::string counts;
  for (const auto& [tag, n] : tally)
    counts += tag + "=" + std::to_string(n) + " ";
  CAPTURE(counts);
  for (const char* tag : {"scoring", "touchdown", "big_play", "red_zone", "two_minute_drill",
                          "fourth_down_try", "turnover"})
    CHECK(tally[tag] > 0);
  // Big plays of 15 to 19 yards exist, so the configured threshold is used.
  CHECK(std::any_of(plays.begin(), plays.end(), [&](const sports::play& p) {
    return p.yards >= 15 && p.yards < 20 && has(stored[p.id], "big_play");
  }));
  test::check_rolling_stats(t, id, opts.rolling_window);
}
