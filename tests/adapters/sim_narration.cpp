#include <catch2/catch.hpp>

#include <set>
#include <vector>

#include "adapters/sim/narration.hpp"
#include "adapters/sim/roster.hpp"
#include "adapters/sim/teams.hpp"

using namespace playclock;
using namespace playclock::sim;

TEST_CASE("spots are named from the side of the field they are on", "[sim]") {
  CHECK(spot_text("GB", "ATL", 75) == "GB 25");
  CHECK(spot_text("GB", "ATL", 50) == "50");
  CHECK(spot_text("GB", "ATL", 10) == "ATL 10");
  CHECK(spot_text("GB", "ATL", 109) == "GB -9");
  CHECK(for_yards(0) == "for no gain");
  CHECK(for_yards(1) == "for 1 yard");
  CHECK(for_yards(-3) == "for -3 yards");
}

TEST_CASE("snaps read like ESPN's play texts", "[sim]") {
  auto gb = make_roster(find_team("GB")->team);
  auto atl = make_roster(find_team("ATL")->team);
  snap_view v{"GB", "ATL", 75, tempo::normal};
  scrimmage_outcome o;
  o.kind = outcome_kind::complete;
  o.shotgun = true;
  o.passer = &gb.qb;
  o.carrier = &gb.wr[0];
  o.direction = "short right";
  o.yards = 12;
  o.tacklers.push_back(&atl.db[0]);
  CHECK(describe_snap(o, v) == "(Shotgun) " + gb.qb.name + " pass short right to " + gb.wr[0].name +
                                   " to GB 37 for 12 yards (" + atl.db[0].name + ").");
  o.yards = 75;
  o.touchdown = true;
  CHECK(describe_snap(o, v).find("for 75 yards, TOUCHDOWN.") != std::string::npos);
  scrimmage_outcome k;
  k.kind = outcome_kind::kneel;
  k.carrier = &gb.qb;
  k.yards = -1;
  CHECK(describe_snap(k, v) == gb.qb.name + " kneels to GB 24 for -1 yards.");
  v.pace = tempo::hurry;
  scrimmage_outcome inc;
  inc.kind = outcome_kind::incomplete;
  inc.shotgun = true;
  inc.passer = &gb.qb;
  inc.carrier = &gb.te;
  inc.direction = "deep left";
  CHECK(describe_snap(inc, v) ==
        "(No Huddle, Shotgun) " + gb.qb.name + " pass incomplete deep left to " + gb.te.name + ".");
}

TEST_CASE("kicks and fouls read like ESPN's play texts", "[sim]") {
  auto gb = make_roster(find_team("GB")->team);
  field_goal_result good{true, "", 4};
  CHECK(describe_field_goal(24, good, gb) == gb.k.name + " 24 yard field goal is GOOD, Center-" +
                                                 gb.ls.name + ", Holder-" + gb.p.name + ".");
  kick_result tb;
  tb.touchback = true;
  tb.kick_yards = 65;
  CHECK(describe_kickoff(tb, 35, "GB", "ATL", gb.k, nullptr, nullptr, nullptr) ==
        gb.k.name + " kicks 65 yards from GB 35 to end zone, Touchback.");
  foul f;
  f.name = "False Start";
  CHECK(describe_foul(f, "GB", &gb.ol[0], -5, "ATL 28", true) ==
        "PENALTY on GB-" + gb.ol[0].name + ", False Start, 5 yards, enforced at ATL 28 - No Play.");
  foul delay;
  delay.name = "Delay of Game";
  CHECK(describe_foul(delay, "GB", nullptr, -5, "ATL 33", true) ==
        "PENALTY on GB, Delay of Game, 5 yards, enforced at ATL 33 - No Play.");
}

TEST_CASE("the pregame status is in US Eastern time", "[sim]") {
  CHECK(pregame_status("2025-09-07T17:00Z") == "Sun, September 7th at 1:00 PM EDT");
  CHECK(pregame_status("2022-11-20T21:05Z") == "Sun, November 20th at 4:05 PM EST");
  CHECK(pregame_status("2022-11-22T01:15Z") == "Mon, November 21st at 8:15 PM EST");
  CHECK(pregame_status("garbage") == "Scheduled");
}

TEST_CASE("rosters are deterministic, distinct within a team, ids unique across teams", "[sim]") {
  std::set<std::string> ids;
  for (const auto& t : nfl_teams()) {
    auto a = make_roster(t.team);
    auto b = make_roster(t.team);
    CHECK(a.qb.name == b.qb.name);
    CHECK(a.qb.id == b.qb.id);
    std::set<std::string> names;
    std::vector<const player*> all = {&a.qb, &a.te, &a.k, &a.p, &a.ls};
    for (const auto& p : a.rb)
      all.push_back(&p);
    for (const auto& p : a.wr)
      all.push_back(&p);
    for (const auto& p : a.ol)
      all.push_back(&p);
    for (const auto& p : a.dl)
      all.push_back(&p);
    for (const auto& p : a.lb)
      all.push_back(&p);
    for (const auto& p : a.db)
      all.push_back(&p);
    for (const auto* p : all) {
      CHECK(names.insert(p->name).second);
      CHECK(ids.insert(p->id).second);
      CHECK(p->name.size() > 3);
      CHECK(p->name[1] == '.');
    }
  }
  CHECK(nfl_teams().size() == 32);
  CHECK(find_team("ATL")->team.id == "1");
  CHECK(find_team("ATL")->team.name == "Atlanta Falcons");
  CHECK(find_team("XYZ") == nullptr);
}
