// A failing play-by-play source: the game actor catches up once it works
// again, also when the failure hits the fetch after the final whistle.
#include <catch2/catch.hpp>

#include "tests/actors/game_actor_fixture.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

constexpr test::milliseconds step{4000};

// Takes the next step with its summary fetch failing; waits for the attempt.
void step_failing(test::live_tree& t, test::game_run& run) {
  auto before = t.source().failures();
  bool fetches = run.moves_next();
  run.step(false);
  if (fetches)
    REQUIRE(test::wait_until([&] { return t.source().failures() > before; }, test::patience, 1ms));
}

// Plays the first third of the game, every fetch working.
void play_first_third(test::game_run& run) {
  const auto n = run.plan().size();
  while (run.next() < n / 3)
    run.step();
}

// Steps to the next scoreboard change (which fetches) and waits for its plays.
void step_to_next_fetch(test::game_run& run) {
  while (!run.moves_next())
    run.step(false);
  run.step();
}

} // namespace

TEST_CASE("a play-by-play source that fails for a while loses no plays", "[game]") {
  test::test_database db;
  if (!db.available())
    return;
  test::live_tree t{db.url()};
  auto id = t.game_ids().at(0);
  test::game_run run{t, id, step};
  const auto n = run.plan().size();
  play_first_third(run);

  // An outage over three fetches: their plays cannot be announced yet.
  t.source().fail_summaries(1000);
  auto failed_before = t.source().failures();
  while (t.source().failures() < failed_before + 3)
    step_failing(t, run);
  CHECK_FALSE(test::announced(t.events().play_counts(id), t.league_play_ids(id)));

  // Back: the next change of the scoreboard brings every play since.
  t.source().fail_summaries(0);
  step_to_next_fetch(run);
  while (run.next() + 1 < n)
    run.step();

  // The fetch after the final whistle fails too: the actor retries it.
  t.source().fail_summaries(1);
  step_failing(t, run);
  run.finish();
  test::check_finished_game(t, id, run.plan().back());
}

TEST_CASE("a fetcher that dies in the middle of a play-by-play fetch does not leave its game "
          "waiting",
          "[game]") {
  test::test_database db;
  if (!db.available())
    return;
  test::live_tree t{db.url()};
  auto id = t.game_ids().at(0);
  test::game_run run{t, id, step};
  play_first_third(run);
  // The fetch throws: the fetcher dies in the middle and is restarted. The
  // game actor asks without a CAF time-out, so only the error CAF answers for
  // the dead fetcher lets it ask the restarted ones; otherwise it would wait
  // for that answer forever and these plays would never come.
  t.source().throw_summaries(1);
  step_failing(t, run);
  step_to_next_fetch(run);
  run.finish();
  test::check_finished_game(t, id, run.plan().back());
}

TEST_CASE("a game actor killed while its final play-by-play fetch fails still stores the last "
          "plays and retires",
          "[game]") {
  test::test_database db;
  if (!db.available())
    return;
  test::live_tree t{db.url()};
  auto id = t.game_ids().at(0);
  test::game_run run{t, id, step};
  while (run.next() + 1 < run.plan().size())
    run.step();
  t.source().fail_summaries(1);
  step_failing(t, run);
  // The final scoreboard was delivered to the actor now killed; the new one
  // must still learn that the game is over.
  t.kill_game_actor(id);
  run.finish();
  test::check_finished_game(t, id, run.plan().back());
}
