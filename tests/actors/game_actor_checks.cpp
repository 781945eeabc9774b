// Checks shared by the game actor tests: what a finished game must look like
// in PostgreSQL and in the events, whatever happened on the way.
#include <cmath>

#include <catch2/catch.hpp>

#include "adapters/sports/enrich.hpp"
#include "tests/actors/game_actor_fixture.hpp"
#include "tests/support/wait.hpp"

namespace playclock::test {

using namespace std::chrono_literals;

bool board_moved(const sports::game& a, const sports::game& b) {
  return a.state != b.state || a.home_score != b.home_score || a.away_score != b.away_score ||
         a.period != b.period || a.clock != b.clock;
}

bool announced(const std::map<std::string, int>& counts, const std::set<std::string>& want) {
  for (const auto& id : want)
    if (counts.count(id) == 0)
      return false;
  return true;
}

void check_finished_game(live_tree& t, const std::string& id, const step_view& final_view) {
  const auto& want = final_view.play_ids;
  const auto& board = final_view.board;
  REQUIRE(board.state == sports::game_state::post);
  REQUIRE(t.league_play_ids(id) == want);
  CHECK_FALSE(t.game_actor(id));

  // Stored: exactly the league's plays (storage flushes on a short timer).
  auto where = " WHERE game_id = '" + id + "'";
  CHECK(wait_until(
      [&] {
        return t.count("SELECT count(*) FROM plays" + where) >= static_cast<long>(want.size());
      },
      patience, 5ms));
  auto stored = t.strings("SELECT play_id FROM plays" + where);
  CHECK(stored.size() == want.size());
  CHECK(std::set<std::string>(stored.begin(), stored.end()) == want);
  CHECK(t.count("SELECT count(*) FROM games" + where +
                " AND state = 'post' AND home_score = " + std::to_string(board.home_score) +
                " AND away_score = " + std::to_string(board.away_score)) == 1);

  // Announced: every play once, none twice.
  auto counts = t.events().play_counts(id);
  std::vector<std::string> twice;
  std::set<std::string> seen;
  for (const auto& [play, n] : counts) {
    seen.insert(play);
    if (n != 1)
      twice.push_back(play + " x" + std::to_string(n));
  }
  CAPTURE(twice);
  CHECK(twice.empty());
  CHECK(seen == want);

  // Score events: each starts where the one before ended, the last is final.
  int home = 0;
  int away = 0;
  for (const auto& e : t.events().of<score_changed>(id)) {
    CHECK(e.previous_home_score == home);
    CHECK(e.previous_away_score == away);
    CHECK(e.scoring_team == (e.home_score > e.previous_home_score ? board.home.abbreviation
                                                                  : board.away.abbreviation));
    home = e.home_score;
    away = e.away_score;
  }
  CHECK(home == board.home_score);
  CHECK(away == board.away_score);

  auto finals = t.events().of<game_final>(id);
  REQUIRE(finals.size() == 1);
  CHECK(finals[0].home_score == board.home_score);
  CHECK(finals[0].away_score == board.away_score);
  CHECK(finals[0].home == board.home.abbreviation);
  int ended = 0;
  for (const auto& e : t.events().of<game_state_changed>(id))
    ended += e.to == sports::game_state::post ? 1 : 0;
  CHECK(ended == 1);
}

void check_rolling_stats(live_tree& t, const std::string& id, int window) {
  auto summary = t.league().summary(id);
  REQUIRE(summary);
  std::map<std::string, rolling_stats> got;
  for (const auto& e : t.events().of<play_added>(id))
    got[e.play.id] = e.offense;
  sports::rolling_window want{window};
  int full = 0;
  for (const auto& p : summary->all_plays()) {
    INFO("play " << p.sequence << " " << p.id << " " << p.type << ": " << p.text);
    want.add(p);
    auto n = want.of(p.team);
    REQUIRE(got.count(p.id) == 1);
    const auto& x = got[p.id];
    CHECK(x.team == p.team);
    CHECK(x.plays == n.plays);
    CHECK(std::abs(x.yards_per_play - n.yards_per_play) < 1e-9);
    CHECK(std::abs(x.success_rate - n.success_rate) < 1e-9);
    full += x.plays == window ? 1 : 0;
  }
  // The window fills up, and never more.
  CHECK(full > 0);
}

} // namespace playclock::test
