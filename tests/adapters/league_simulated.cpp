// The simulated league on a manual clock: games kick off after the pre-game
// wait, progress with time at the configured speed, end, and the next round
// follows; the same seed gives the same league.
#include <catch2/catch.hpp>

#include <set>

#include "adapters/league/simulated_league.hpp"
#include "adapters/league/simulated_source.hpp"
#include "adapters/sports/timestamp.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

struct manual_clock {
  std::chrono::steady_clock::time_point now = std::chrono::steady_clock::time_point{} + 1h;
  league::simulated_league::clock_fn fn() {
    return [this] { return now; };
  }
};

league::league_options options(int games, std::uint64_t seed = 7) {
  league::league_options o;
  o.games = games;
  o.speed = 60;
  o.seed = seed;
  o.pregame = 20s;
  return o;
}

int count(const std::vector<sports::game>& gs, sports::game_state s) {
  int n = 0;
  for (const auto& g : gs)
    n += g.state == s ? 1 : 0;
  return n;
}

} // namespace

TEST_CASE("league games wait for kick-off, then progress with the accelerated clock", "[league]") {
  manual_clock clock;
  league::simulated_league lg{options(4), clock.fn()};
  auto board = lg.scoreboard();
  REQUIRE(board.size() == 4);
  CHECK(count(board, sports::game_state::pre) == 4);
  std::set<std::string> teams;
  for (const auto& g : board) {
    CHECK(teams.insert(g.home.abbreviation).second);
    CHECK(teams.insert(g.away.abbreviation).second);
    CHECK_FALSE(g.where.name.empty());
    auto s = lg.summary(g.id);
    REQUIRE(s);
    CHECK(s->all_plays().empty());
  }
  clock.now += 21s; // kick-off
  CHECK(count(lg.scoreboard(), sports::game_state::in) == 4);
  clock.now += 60s; // an hour of game time at 60x
  board = lg.scoreboard();
  CHECK(count(board, sports::game_state::in) == 4);
  for (const auto& g : board) {
    auto s = lg.summary(g.id);
    REQUIRE(s);
    auto plays = s->all_plays();
    CHECK(plays.size() > 20);
    CHECK(plays.size() < 160);
    // Each play carries when it happened on the league's clock, in order.
    for (std::size_t i = 1; i < plays.size(); ++i) {
      CHECK(sports::is_utc_timestamp(plays[i].wallclock));
      CHECK(plays[i - 1].wallclock <= plays[i].wallclock);
    }
    CHECK(g.period >= 1);
  }
  CHECK_FALSE(lg.summary("no-such-game"));
}

TEST_CASE("a round ends, stays final for the pre-game wait, and the next round follows",
          "[league]") {
  manual_clock clock;
  league::simulated_league lg{options(2), clock.fn()};
  auto first = lg.scoreboard();
  clock.now += 21s;
  lg.scoreboard();
  // A game lasts about three hours of wall time: 3 minutes at 60x. Poll
  // every 10 s (as a poller would) until both are final.
  std::vector<sports::game> done;
  for (int i = 0; i < 60 && count(done, sports::game_state::post) < 2; ++i) {
    clock.now += 10s;
    done = lg.scoreboard();
  }
  CHECK(count(done, sports::game_state::post) == 2);
  CHECK(lg.round() == 0);
  for (const auto& g : done) {
    auto s = lg.summary(g.id);
    REQUIRE(s);
    auto plays = s->all_plays();
    REQUIRE_FALSE(plays.empty());
    CHECK(plays.back().type == "End of Game");
    CHECK(s->scoring_play_ids.size() > 0);
  }
  clock.now += 21s;
  auto next = lg.scoreboard();
  CHECK(lg.round() == 1);
  REQUIRE(next.size() == 2);
  CHECK(count(next, sports::game_state::pre) == 2);
  CHECK(next[0].id != first[0].id);
  CHECK(next[0].week == 2);
}

TEST_CASE("the schedule lists this round and the next", "[league]") {
  manual_clock clock;
  league::simulated_league lg{options(3), clock.fn()};
  auto sched = lg.schedule();
  REQUIRE(sched.size() == 6);
  CHECK(sched[3].week == 2);
  CHECK(sched[3].state == sports::game_state::pre);
  std::set<std::string> ids;
  for (const auto& g : sched)
    CHECK(ids.insert(g.id).second);
}

TEST_CASE("the same seed gives the same league, another seed another", "[league]") {
  auto run = [](std::uint64_t seed) {
    manual_clock clock;
    league::simulated_league lg{options(2, seed), clock.fn()};
    lg.scoreboard();
    clock.now += 21s + 90s;
    std::vector<std::string> texts;
    for (const auto& g : lg.scoreboard())
      for (const auto& p : lg.summary(g.id)->all_plays())
        texts.push_back(p.text);
    return texts;
  };
  CHECK(run(11) == run(11));
  CHECK(run(11) != run(12));
}

TEST_CASE("the simulated sources answer like feeds: 404 for unknown games, forecasts for any "
          "place",
          "[league]") {
  manual_clock clock;
  auto lg = std::make_shared<league::simulated_league>(options(2), clock.fn());
  league::simulated_games_source games{lg};
  auto board = games.scoreboard();
  REQUIRE(std::holds_alternative<sources::scoreboard_data>(board));
  CHECK(std::get<sources::scoreboard_data>(board).games.size() == 2);
  auto missing = games.summary("nope");
  REQUIRE(std::holds_alternative<sources::fetch_error>(missing));
  CHECK(std::get<sources::fetch_error>(missing).status == 404);
  league::simulated_weather_source weather{lg};
  auto f = weather.forecast(44.5, -88.06);
  REQUIRE(std::holds_alternative<std::vector<sports::forecast>>(f));
  const auto& slots = std::get<std::vector<sports::forecast>>(f);
  REQUIRE(slots.size() == 40);
  CHECK(slots[1].time - slots[0].time == 3 * 3600);
  CHECK(slots[0].temperature_c > -40);
  CHECK(slots[0].temperature_c < 50);
}
