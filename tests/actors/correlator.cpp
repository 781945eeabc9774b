#include <catch2/catch.hpp>

#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>

#include "actors/correlator.hpp"
#include "tests/actors/markets_fixture.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

play_added play(const std::string& id, std::vector<std::string> tags) {
  play_added p;
  p.game_id = "401";
  p.home = "KC";
  p.away = "BUF";
  p.play.id = id;
  p.play.team = "KC";
  p.play.text = "P.Mahomes pass to T.Kelce for 45 yards, TOUCHDOWN.";
  p.tags = std::move(tags);
  return p;
}

correlator_actor start_correlator(test::markets_fixture& f, std::chrono::milliseconds delay) {
  correlator_config cfg;
  cfg.names = f.names();
  cfg.delay = delay;
  cfg.edge_threshold_pts = 15;
  auto c = spawn_correlator(f.sys(), cfg);
  f.names()->put("node/correlator", caf::actor_cast<caf::actor>(c));
  return c;
}

/// The two markets of game 401: yes on KC (home) and yes on BUF (away).
struct game_markets {
  explicit game_markets(test::markets_fixture& f)
      : home{f.start_market("M-KC")}, away{f.start_market("M-BUF")} {}
  market_actor home;
  market_actor away;
};

// Lists the game's markets with their first prices and waits until they are
// listed on the hub, which the correlator subscribes to asynchronously.
void list_markets(test::markets_fixture& f, const game_markets& m) {
  f.observe(m.home, "M-KC", 0.40, 0.42, market_link{"401", "KC", true});
  f.observe(m.away, "M-BUF", 0.58, 0.60, market_link{"401", "BUF", false});
  REQUIRE(test::wait_until([&] { return f.events().copy(f.events().listed).size() == 2; }, 10s));
}

// Starts a correlator, lets it subscribe, and lists the markets.
correlator_actor start_and_list(test::markets_fixture& f, const game_markets& m,
                                std::chrono::milliseconds delay) {
  auto c = start_correlator(f, delay);
  std::this_thread::sleep_for(100ms);
  list_markets(f, m);
  return c;
}

} // namespace

TEST_CASE("the correlator measures each market of the game before and after a significant play",
          "[correlator]") {
  test::test_database db;
  if (!db.available())
    return;
  test::markets_fixture f{db.url()};
  game_markets m{f};
  start_and_list(f, m, 1500ms);
  f.publish("games", caf::make_message(play("p1", {"scoring", "touchdown"})));
  f.publish("games", caf::make_message(play("p2", {"red_zone"}))); // not significant
  std::this_thread::sleep_for(500ms); // the before prices are captured by now
  f.observe(m.home, "M-KC", 0.63, 0.65, market_link{"401", "KC", true});
  f.observe(m.away, "M-BUF", 0.35, 0.37, market_link{"401", "BUF", false});
  REQUIRE(
      test::wait_until([&] { return f.events().copy(f.events().correlations).size() == 2; }, 10s));
  for (const auto& c : f.events().copy(f.events().correlations)) {
    CHECK(c.play_id == "p1");
    CHECK(c.tags == std::vector<std::string>{"touchdown"});
    if (c.ticker == "M-KC") {
      CHECK(c.before == Approx(0.41));
      CHECK(c.after == Approx(0.64));
      CHECK(c.points == Approx(23.0));
      CHECK(c.impact == "extreme");
    } else {
      CHECK(c.points == Approx(-23.0));
    }
    CHECK(c.measured_at_ms - c.captured_at_ms >= 1400);
  }
  CHECK(test::wait_until(
      [&] {
        return f.count("SELECT count(*) FROM correlations WHERE game_id = '401' AND play_id = 'p1'"
                       " AND impact = 'extreme' AND play_text LIKE '%TOUCHDOWN%'") == 2;
      },
      10s));
  CHECK(f.count("SELECT count(*) FROM correlations WHERE play_id = 'p2'") == 0);
}

TEST_CASE("a small move after a play is a low-impact correlation", "[correlator]") {
  test::test_database db;
  if (!db.available())
    return;
  test::markets_fixture f{db.url()};
  game_markets m{f};
  start_and_list(f, m, 300ms);
  f.publish("games", caf::make_message(play("p9", {"turnover"})));
  REQUIRE(
      test::wait_until([&] { return f.events().copy(f.events().correlations).size() == 2; }, 10s));
  for (const auto& c : f.events().copy(f.events().correlations)) {
    CHECK(c.points == Approx(0.0));
    CHECK(c.impact == "low");
  }
}

TEST_CASE("the correlator flags an edge once when the model and a market part ways",
          "[correlator]") {
  test::test_database db;
  if (!db.available())
    return;
  test::markets_fixture f{db.url()};
  game_markets m{f};
  start_and_list(f, m, 300ms);
  sports::game g;
  g.id = "401";
  g.state = sports::game_state::in;
  g.home.abbreviation = "KC";
  g.away.abbreviation = "BUF";
  g.period = 1;
  g.clock_seconds = 900;
  // The first reading fixes the spread the markets imply: no edge yet.
  f.publish("game_updates", caf::make_message(game_updated{g}));
  std::this_thread::sleep_for(300ms);
  CHECK(f.events().copy(f.events().edges).empty());
  // KC leads by 21 late in the fourth; the markets have not moved.
  g.home_score = 28;
  g.away_score = 7;
  g.period = 4;
  g.clock_seconds = 300;
  f.publish("game_updates", caf::make_message(game_updated{g}));
  REQUIRE(test::wait_until([&] { return f.events().copy(f.events().edges).size() == 2; }, 10s));
  for (const auto& e : f.events().copy(f.events().edges)) {
    if (e.ticker == "M-KC") {
      CHECK(e.model_probability > 0.95);
      CHECK(e.points > 50);
    } else {
      CHECK(e.model_probability < 0.05);
      CHECK(e.points < -50);
    }
    CHECK(e.model == "nfl_wp");
  }
  // Still apart: no second edge for the same crossing.
  f.publish("game_updates", caf::make_message(game_updated{g}));
  std::this_thread::sleep_for(300ms);
  f.sync();
  CHECK(f.events().copy(f.events().edges).size() == 2);
}

TEST_CASE("a restarted correlator is told every price again, and forgets closed markets",
          "[correlator]") {
  test::test_database db;
  if (!db.available())
    return;
  test::markets_fixture f{db.url()};
  game_markets m{f};
  auto first = start_and_list(f, m, 300ms);
  caf::anon_send_exit(first, caf::exit_reason::kill);
  start_correlator(f, 300ms);
  std::this_thread::sleep_for(100ms);
  // Unchanged prices: the market actors tell them only because the
  // correlator is a new one.
  f.observe(m.home, "M-KC", 0.40, 0.42, market_link{"401", "KC", true});
  f.observe(m.away, "M-BUF", 0.58, 0.60, market_link{"401", "BUF", false});
  std::this_thread::sleep_for(200ms);
  f.publish("games", caf::make_message(play("p20", {"touchdown"})));
  REQUIRE(
      test::wait_until([&] { return f.events().copy(f.events().correlations).size() == 2; }, 10s));
  for (const auto& c : f.events().copy(f.events().correlations))
    CHECK(c.before == Approx(c.ticker == "M-KC" ? 0.41 : 0.59));
  // A market that closed is no longer measured.
  f.observe(m.away, "M-BUF", 0.98, 0.99, market_link{"401", "BUF", false}, "closed");
  REQUIRE(test::wait_until([&] { return f.events().copy(f.events().closed).size() == 1; }, 10s));
  std::this_thread::sleep_for(200ms);
  f.publish("games", caf::make_message(play("p21", {"touchdown"})));
  REQUIRE(
      test::wait_until([&] { return f.events().copy(f.events().correlations).size() == 3; }, 10s));
  std::this_thread::sleep_for(500ms);
  f.sync();
  auto all = f.events().copy(f.events().correlations);
  CHECK(all.size() == 3);
  CHECK(all.back().play_id == "p21");
  CHECK(all.back().ticker == "M-KC");
}
