// Injury reports: a game actor announces each (player, status) once, stores
// it, and remembers across a restart what it already reported.
#include <catch2/catch.hpp>

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>

#include "tests/actors/game_actor_fixture.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

sports::injury injury(const std::string& team, const std::string& player, const char* status) {
  return sports::injury{team, player, "Player " + player, "WR", status, "Knee", ""};
}

summary_result summary(const std::string& game_id, std::vector<sports::injury> injuries) {
  summary_result s;
  s.ok = true;
  s.game_id = game_id;
  s.injuries = std::move(injuries);
  return s;
}

} // namespace

TEST_CASE("a game actor reports each injury status once, stores it and remembers it across a "
          "restart",
          "[game]") {
  test::test_database db;
  if (!db.available())
    return;
  test::tree_options opts;
  opts.poll = false; // the test plays the pollers' part
  test::live_tree t{db.url(), opts};
  auto board = t.league().scoreboard().at(0);
  // Before kick-off: the actor fetches no play-by-play of its own.
  REQUIRE(board.state == sports::game_state::pre);
  const auto id = board.id;
  const auto home = board.home.abbreviation;
  const auto away = board.away.abbreviation;
  auto reported = [&] { return t.events().of<injury_reported>(id); };
  auto wait_reports = [&](std::size_t n) {
    REQUIRE(test::wait_until([&] { return reported().size() >= n; }, test::patience, 1ms));
    // Anything published after the n-th report would be delivered by now.
    t.sync_events();
    REQUIRE(reported().size() == n);
  };
  auto stored_status = [&](const std::string& player) {
    auto rows = t.strings("SELECT status || '/' || coalesce(game_id, '') FROM injuries"
                          " WHERE player_id = '" +
                          player + "'");
    return rows.empty() ? std::string{} : rows[0];
  };

  // Sent right after the start, while the actor still loads its record.
  auto actor = caf::actor_cast<game_actor>(t.start_game_actor(id));
  REQUIRE(actor);
  caf::anon_send(actor, scoreboard_atom::value, board);
  auto first = summary(id, {injury(home, "p1", "Questionable"), injury(away, "p2", "Out")});
  caf::anon_send(actor, summary_atom::value, first);
  wait_reports(2);
  CHECK(reported()[0].injury.player_id == "p1");
  CHECK(reported()[0].previous_status.empty());
  CHECK(reported()[1].injury.player_id == "p2");
  CHECK(test::wait_until([&] { return stored_status("p2") == "Out/" + id; }, test::patience, 5ms));
  CHECK(stored_status("p1") == "Questionable/" + id);

  // The same summary again, then one more player: only that one is new.
  caf::anon_send(actor, summary_atom::value, first);
  auto second = first;
  second.injuries.push_back(injury(home, "p3", "Doubtful"));
  caf::anon_send(actor, summary_atom::value, second);
  wait_reports(3);
  CHECK(reported()[2].injury.player_id == "p3");

  // A new status of a known player is news, with the status before.
  auto third = second;
  third.injuries[0].status = "Out";
  caf::anon_send(actor, summary_atom::value, third);
  wait_reports(4);
  CHECK(reported()[3].injury.player_id == "p1");
  CHECK(reported()[3].injury.status == "Out");
  CHECK(reported()[3].previous_status == "Questionable");
  CHECK(test::wait_until([&] { return stored_status("p1") == "Out/" + id; }, test::patience, 5ms));

  // Restarted: what is stored is not news again; a new player still is, even
  // while the new actor loads and before it saw a scoreboard.
  auto restarted = caf::actor_cast<game_actor>(t.kill_game_actor(id));
  caf::anon_send(restarted, summary_atom::value, third);
  auto fourth = third;
  fourth.injuries.push_back(injury(away, "p4", "Questionable"));
  caf::anon_send(restarted, summary_atom::value, fourth);
  wait_reports(5);
  CHECK(reported()[4].injury.player_id == "p4");
  CHECK(reported()[4].previous_status.empty());
  CHECK(test::wait_until([&] { return stored_status("p4") == "Questionable/" + id; },
                         test::patience, 5ms));
  CHECK(t.count("SELECT count(*) FROM injuries") == 4);
  for (const auto& r : reported())
    CHECK(r.game_id == id);
}
