#include <catch2/catch.hpp>

#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/message.hpp>

#include "messages/games.hpp"
#include "messages/games_registration.hpp"
#include "messages/registration.hpp"
#include "tests/messages/serialize_roundtrip.hpp"

using namespace playclock;

using test::roundtrip;

namespace {

sports::game live_game() {
  sports::game g;
  g.id = "401547417";
  g.state = sports::game_state::in;
  g.home = {"1", "ATL", "Atlanta Falcons"};
  g.away = {"9", "GB", "Green Bay Packers"};
  g.home_score = 10;
  g.away_score = 14;
  g.period = 3;
  g.clock = "8:24";
  g.where = {"5348", "Mercedes-Benz Stadium", "Atlanta", "GA", true};
  sports::situation s;
  s.down = 3;
  s.distance = 9;
  s.yards_to_endzone = 80;
  s.possession = "ATL";
  g.now = s;
  return g;
}

} // namespace

TEST_CASE("a game with its situation survives serialization", "[messages]") {
  auto back = roundtrip(live_game());
  CHECK(back.id == "401547417");
  CHECK(back.state == sports::game_state::in);
  CHECK(back.away.abbreviation == "GB");
  CHECK(back.where.indoor);
  REQUIRE(back.now);
  CHECK(back.now->down == 3);
  CHECK(back.now->possession == "ATL");
}

TEST_CASE("a game without a situation comes back without one", "[messages]") {
  auto g = live_game();
  g.now.reset();
  CHECK_FALSE(roundtrip(g).now.has_value());
}

TEST_CASE("every games event survives serialization", "[messages]") {
  sports::play p;
  p.id = "40154741755";
  p.sequence = 5500;
  p.type = "Pass Reception";
  p.yards = 44;
  p.players.push_back({"4426502", "D.London", "receiver"});
  auto added =
      roundtrip(play_added{"401547417", "ATL", "GB", p, {"big_play"}, {"GB", 5, 7.5, 0.6}});
  CHECK(added.play.yards == 44);
  CHECK(added.play.players.at(0).role == "receiver");
  CHECK(added.tags == std::vector<std::string>{"big_play"});
  CHECK(added.offense.yards_per_play == 7.5);
  CHECK(roundtrip(score_changed{"g", "ATL", "GB", 7, 0, 0, 0, "ATL", 1, "3:50"}).home_score == 7);
  CHECK(roundtrip(game_state_changed{"g", sports::game_state::in, sports::game_state::post}).to ==
        sports::game_state::post);
  CHECK(roundtrip(possession_changed{"g", "ATL", "GB"}).previous == "GB");
  CHECK(roundtrip(game_final{"g", "ATL", "GB", 25, 24}).away_score == 24);
  sports::injury inj{"ATL", "4426502", "Drake London", "WR", "Out", "Knee", ""};
  CHECK(roundtrip(injury_reported{"g", inj, "Questionable"}).injury.status == "Out");
}

TEST_CASE("fetch results and storage batches survive serialization", "[messages]") {
  scoreboard_result sr;
  sr.ok = true;
  sr.games.push_back(live_game());
  CHECK(roundtrip(sr).games.at(0).now->distance == 9);
  summary_result su;
  su.game_id = "g";
  su.plays.resize(3);
  CHECK(roundtrip(su).plays.size() == 3);
  store_batch b;
  b.games.push_back(live_game());
  b.sync.push_back(sync_entry{"espn.scoreboard", 1700000000000, 12.5, "ok", 16, ""});
  b.weather.push_back(weather_entry{"g", {1700000000, 12.5, 3.2, 0.0, 55, "clear sky"}});
  auto back = roundtrip(b);
  CHECK(back.sync.at(0).items == 16);
  CHECK(back.weather.at(0).forecast.description == "clear sky");
  game_record rec;
  rec.found = true;
  rec.play_ids = {"a", "b"};
  CHECK(roundtrip(rec).play_ids.size() == 2);
}
