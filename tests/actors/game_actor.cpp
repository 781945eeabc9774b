// Game actors under kills: a restarted actor rebuilds from PostgreSQL and
// neither loses nor repeats plays or events. Real actor system, storage on a
// test database, fetchers over the simulated league on a manual clock.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

#include "tests/actors/game_actor_fixture.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

// League time per step: 3 minutes of a feed's wall time at speed 60, a few
// plays.
constexpr test::milliseconds step{3000};

// What the test does to the first game's actor at a step.
enum class action {
  none,
  /// Kill before the clock moves, so the restarted actor may see the step's
  /// scoreboard (a new score) first.
  kill_then_advance,
  /// Kill as soon as the clock moved (play-by-play fetch likely in flight).
  advance_then_kill,
  /// Kill as soon as the first new play was announced.
  kill_on_first_play,
  /// Kill once the step is fully processed.
  kill_when_idle,
  /// Kill, then kill the new actor at once (while it loads its record).
  kill_twice,
};

// The first step from `from` on (before the final) that satisfies `pred`.
std::size_t first_step(const std::vector<test::step_view>& plan, std::size_t from,
                       const std::function<bool(std::size_t)>& pred) {
  for (auto k = std::max<std::size_t>(from, 1); k + 1 < plan.size(); ++k)
    if (pred(k))
      return k;
  FAIL("no step from " << from << " fits");
  return 0;
}

} // namespace

TEST_CASE("a killed game actor is restarted and rebuilds from the database with no duplicate "
          "and no missed plays",
          "[game]") {
  test::test_database db;
  if (!db.available())
    return;
  test::tree_options opts;
  opts.games = 2;
  test::live_tree t{db.url(), opts};
  auto ids = t.game_ids();
  REQUIRE(ids.size() == 2);
  const auto& victim = ids[0];
  std::vector<std::vector<test::step_view>> plans;
  for (const auto& id : ids)
    plans.push_back(test::preview(t.league_options(), id, step));
  const auto& plan = plans[0];
  const auto n = plan.size();
  REQUIRE(n > 20);

  auto moved = [&](std::size_t k) { return test::board_moved(plan[k - 1].board, plan[k].board); };
  auto new_plays = [&](std::size_t k) {
    return moved(k) && plan[k].play_ids.size() > plan[k - 1].play_ids.size();
  };
  auto scores = [&](std::size_t k) {
    return plan[k].board.home_score != plan[k - 1].board.home_score ||
           plan[k].board.away_score != plan[k - 1].board.away_score;
  };
  std::map<std::size_t, action> actions;
  actions[first_step(plan, n / 6, new_plays)] = action::kill_when_idle;
  actions[first_step(plan, n / 4, new_plays)] = action::kill_on_first_play;
  actions[first_step(plan, n / 3, new_plays)] = action::advance_then_kill;
  actions[first_step(plan, n / 2, new_plays)] = action::kill_twice;
  actions[first_step(plan, n * 3 / 5, scores)] = action::kill_then_advance;
  actions[first_step(plan, n - 4, new_plays)] = action::kill_on_first_play;
  REQUIRE(actions.size() == 6);

  // The plays each game must have announced after the current step: all of
  // the last step at which its scoreboard moved (that triggers a fetch).
  std::vector<std::set<std::string>> expected(ids.size());
  const auto steps = std::max(plans[0].size(), plans[1].size());
  int kills = 0;
  for (std::size_t k = 0; k < steps; ++k) {
    INFO("step " << k << " of " << steps);
    auto what = actions.count(k) > 0 ? actions[k] : action::none;
    auto before = t.events().play_counts(victim).size();
    if (what == action::kill_then_advance) {
      t.kill_game_actor(victim);
      ++kills;
    }
    t.advance(k == 0 ? test::pregame : step);
    if (what == action::advance_then_kill) {
      t.kill_game_actor(victim);
      ++kills;
    }
    if (what == action::kill_on_first_play) {
      REQUIRE(test::wait_until([&] { return t.events().play_counts(victim).size() > before; },
                               test::patience, 1ms));
      t.kill_game_actor(victim);
      ++kills;
    }
    if (k < plan.size())
      REQUIRE(t.league_play_ids(victim) == plan[k].play_ids); // the preview holds
    for (std::size_t g = 0; g < ids.size(); ++g) {
      const auto& p = plans[g];
      if (k < p.size() && (k == 0 || test::board_moved(p[k - 1].board, p[k].board)))
        expected[g] = p[k].play_ids;
    }
    auto caught_up = test::wait_until(
        [&] {
          for (std::size_t g = 0; g < ids.size(); ++g)
            if (!test::announced(t.events().play_counts(ids[g]), expected[g]))
              return false;
          return true;
        },
        test::patience, 1ms);
    for (std::size_t g = 0; g < ids.size() && !caught_up; ++g)
      UNSCOPED_INFO("game " << ids[g] << ": " << t.events().play_counts(ids[g]).size() << " of "
                            << expected[g].size() << " plays announced, actor "
                            << (t.game_actor(ids[g]) ? "running" : "absent") << ", action "
                            << static_cast<int>(what));
    REQUIRE(caught_up);
    if (what == action::kill_when_idle || what == action::kill_twice) {
      t.kill_game_actor(victim);
      ++kills;
    }
    if (what == action::kill_twice) {
      t.kill_game_actor(victim);
      ++kills;
    }
  }
  CHECK(kills == 7);
  // Final, last plays stored: both actors retire (normal exit, not restarted).
  for (const auto& id : ids)
    CHECK(test::wait_until([&] { return !t.game_actor(id); }, test::patience, 1ms));
  t.sync_events();
  for (std::size_t g = 0; g < ids.size(); ++g) {
    INFO("game " << ids[g] << (g == 0 ? " (killed)" : " (left alone)"));
    test::check_finished_game(t, ids[g], plans[g].back());
    // Rebuilt from the stored recent plays, the rolling numbers go on as if
    // nothing happened.
    test::check_rolling_stats(t, ids[g], opts.rolling_window);
  }
}
