#include <catch2/catch.hpp>

#include <cstdlib>
#include <functional>
#include <map>
#include <set>

#include "adapters/sim/engine.hpp"
#include "adapters/sim/stats.hpp"
#include "adapters/sports/enrich.hpp"

using namespace playclock;
using namespace playclock::sim;

namespace {

game_options options(const char* home, const char* away, std::uint64_t seed) {
  game_options o;
  o.home = *find_team(home);
  o.away = *find_team(away);
  o.seed = seed;
  return o;
}

bool has(const std::string& s, const char* needle) {
  return s.find(needle) != std::string::npos;
}

// Plays many games between two evenly matched teams; calls `each` per game.
void for_games(int n, const std::function<void(const sports::game_summary&)>& each,
               overtime_rule rule = overtime_rule::both_possess, bool allow_tie = true) {
  for (int i = 0; i < n; ++i) {
    auto o = options("SEA", "ARI", 1000 + static_cast<std::uint64_t>(i));
    o.overtime = rule;
    o.allow_tie = allow_tie;
    each(simulate_game(o));
  }
}

bool scrimmage_snap(const sports::play& p) {
  return p.start_down > 0 && p.type != "Penalty" && p.type != "Punt" && !has(p.type, "Field Goal");
}

} // namespace

TEST_CASE("a game goes from pre to in to post and the scoreboard follows it", "[sim]") {
  game_engine e(options("GB", "ATL", 7));
  CHECK(e.state().state == sports::game_state::pre);
  CHECK(e.state().status_detail == "Sun, September 7th at 1:00 PM EDT");
  CHECK(e.state().where.name == "Lambeau Field");
  CHECK(e.state().where.id == "3798");
  const auto& first = e.step();
  CHECK(has(first.type, "Kickoff"));
  CHECK(first.period == 1);
  CHECK(first.clock == "15:00");
  CHECK(e.state().state == sports::game_state::in);
  REQUIRE(e.state().now);
  CHECK(e.state().now->down == 1);
  CHECK(has(e.state().status_detail, " - 1st Quarter"));
  std::string last_id = first.id;
  double wall = 0;
  while (!e.finished()) {
    const auto& p = e.step();
    CHECK(p.id > last_id);
    last_id = p.id;
    wall += e.last_step_wall_seconds();
  }
  CHECK(e.state().state == sports::game_state::post);
  CHECK(has(e.state().status_detail, "Final"));
  CHECK_FALSE(e.state().now);
  CHECK(wall > 2.5 * 3600);
  CHECK(wall < 3.5 * 3600);
  CHECK(e.step().type == "End of Game"); // stepping past the end repeats the last play
}

TEST_CASE("drives hold every play, a kickoff opens the receiving team's drive", "[sim]") {
  auto s = simulate_game(options("KC", "BAL", 3));
  REQUIRE(s.drives.size() > 15);
  for (const auto& d : s.drives) {
    REQUIRE_FALSE(d.plays.empty());
    CHECK_FALSE(d.result.empty());
    CHECK(has(d.description, " plays, ") + has(d.description, " play, ") == 1);
    for (const auto& p : d.plays)
      CHECK(p.drive_id == d.id);
    if (has(d.plays.front().type, "Kickoff") && !has(d.plays.front().text, "onside"))
      CHECK(d.plays.front().team != d.team);
  }
  CHECK(s.drives.front().plays.front().sequence == 1);
}

TEST_CASE("the halftime kickoff goes to the team that kicked off first", "[sim]") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    auto plays = simulate_game(options("DAL", "NYG", seed)).all_plays();
    std::string first_kicker;
    std::string second_half_kicker;
    for (const auto& p : plays) {
      if (first_kicker.empty() && has(p.type, "Kickoff"))
        first_kicker = p.team;
      if (second_half_kicker.empty() && p.period == 3 && has(p.type, "Kickoff"))
        second_half_kicker = p.team;
    }
    CHECK(first_kicker != second_half_kicker);
    CHECK_FALSE(second_half_kicker.empty());
  }
}

TEST_CASE("each team has three timeouts per half and a two-minute warning per half", "[sim]") {
  for_games(30, [](const sports::game_summary& s) {
    std::map<std::pair<std::string, int>, int> used;
    int warnings = 0;
    for (const auto& p : s.all_plays()) {
      if (p.type == "Timeout") {
        auto by = p.text.substr(p.text.find(" by ") + 4, 3);
        by = by.substr(0, by.find(' '));
        ++used[{by, p.period <= 2 ? 1 : p.period <= 4 ? 2 : 3}];
      }
      warnings += p.type == "Two-minute warning" ? 1 : 0;
    }
    for (const auto& [key, n] : used)
      CHECK(n <= (key.second == 3 ? 2 : 3));
    CHECK(warnings >= 2);
  });
}

TEST_CASE("a team trailing late with the ball throws and uses its timeouts", "[sim]") {
  int snaps = 0;
  int passes = 0;
  int trailing_timeouts = 0;
  for_games(200, [&](const sports::game_summary& s) {
    for (const auto& p : s.all_plays()) {
      int lead = p.team == s.header->home.abbreviation ? p.home_score - p.away_score
                                                       : p.away_score - p.home_score;
      if (p.period != 4 || sports::clock_seconds(p.clock) > 120 || lead >= 0 || lead < -8)
        continue;
      if (p.type == "Timeout" && has(p.text, (" by " + p.team).c_str()))
        ++trailing_timeouts;
      if (!scrimmage_snap(p) || has(p.text, "spiked"))
        continue;
      ++snaps;
      passes += p.type != "Rush" && p.type != "Rushing Touchdown" ? 1 : 0;
    }
  });
  REQUIRE(snaps > 200);
  CHECK(passes > 0.75 * snaps);
  CHECK(trailing_timeouts > 40);
}

TEST_CASE("the winner kneels the game out", "[sim]") {
  int kneel_endings = 0;
  int losers_kneeling = 0;
  for_games(200, [&](const sports::game_summary& s) {
    const auto plays = s.all_plays();
    const auto& h = *s.header;
    const std::string& winner =
        h.home_score > h.away_score ? h.home.abbreviation : h.away.abbreviation;
    for (auto it = plays.rbegin(); it != plays.rend(); ++it) {
      if (!scrimmage_snap(*it))
        continue;
      kneel_endings += has(it->text, " kneels ") && it->team == winner ? 1 : 0;
      break;
    }
    for (const auto& p : plays) {
      int lead =
          p.team == h.home.abbreviation ? p.home_score - p.away_score : p.away_score - p.home_score;
      if (p.period >= 4 && has(p.text, " kneels ") && lead < 0)
        ++losers_kneeling;
    }
  });
  CHECK(kneel_endings > 50);
  CHECK(losers_kneeling == 0);
}

TEST_CASE("a safety scores two for the defense, who then receive a free kick from the 20",
          "[sim]") {
  int safeties = 0;
  for_games(300, [&](const sports::game_summary& s) {
    const auto plays = s.all_plays();
    for (std::size_t i = 0; i < plays.size(); ++i) {
      if (plays[i].type != "Safety")
        continue;
      ++safeties;
      const auto& p = plays[i];
      CHECK(p.scoring);
      CHECK(p.score_value == 2);
      CHECK(has(p.text, "SAFETY"));
      int before_home = i ? plays[i - 1].home_score : 0;
      bool home_offense = p.team == s.header->home.abbreviation;
      CHECK((home_offense ? p.away_score - plays[i - 1].away_score : p.home_score - before_home) ==
            2);
      std::size_t k = i + 1;
      while (k < plays.size() && !has(plays[k].type, "Kickoff") && !has(plays[k].type, "End"))
        ++k;
      if (k < plays.size() && has(plays[k].type, "Kickoff")) {
        CHECK(plays[k].team == p.team);
        CHECK(has(plays[k].text, (" from " + p.team + " 20").c_str()));
      }
    }
  });
  CHECK(safeties > 0);
}

namespace {

std::vector<const sports::drive*> overtime_drives(const sports::game_summary& s) {
  std::vector<const sports::drive*> out;
  for (const auto& d : s.drives)
    if (d.plays.front().period >= 5)
      out.push_back(&d);
  return out;
}

// The game must stop as soon as both teams have finished an overtime
// possession and one leads; and at once when the defense scores on the
// opening possession.
void check_overtime_end(const sports::game_summary& s) {
  auto ot = overtime_drives(s);
  REQUIRE_FALSE(ot.empty());
  std::set<std::string> done;
  for (std::size_t i = 0; i < ot.size(); ++i) {
    const auto& d = *ot[i];
    const sports::play* last = nullptr;
    for (const auto& p : d.plays)
      if (p.type != "Timeout" && !has(p.type, "End") && p.type != "Two-minute warning")
        last = &p;
    if (!last || d.result == "END OF GAME")
      continue;
    done.insert(d.team);
    bool differ = last->home_score != last->away_score;
    bool defense_scored =
        i == 0 && last->scoring && last->team == d.team && d.result != "TD" && d.result != "FG";
    if ((done.size() == 2 && differ) || defense_scored)
      CHECK(i + 1 == ot.size());
  }
}

} // namespace

TEST_CASE("overtime: both teams get the ball unless the defense scores first", "[sim]") {
  int overtimes = 0;
  int answered = 0;
  for_games(500, [&](const sports::game_summary& s) {
    if (s.header->period < 5)
      return;
    ++overtimes;
    for (const auto& p : s.all_plays())
      if (p.period == 5)
        CHECK(sports::clock_seconds(p.clock) <= 600);
    check_overtime_end(s);
    auto ot = overtime_drives(s);
    if (ot.front()->result == "TD") {
      // The opening touchdown does not end it: the other team gets the ball.
      REQUIRE(ot.size() >= 2);
      CHECK(ot[1]->team != ot[0]->team);
      ++answered;
    }
  });
  CHECK(overtimes > 10);
  CHECK(answered > 0);
}

TEST_CASE("overtime before 2025: a touchdown on the first possession wins", "[sim]") {
  int walk_offs = 0;
  for_games(
      600,
      [&](const sports::game_summary& s) {
        if (s.header->period < 5)
          return;
        check_overtime_end(s);
        auto ot = overtime_drives(s);
        if (ot.front()->result != "TD")
          return;
        ++walk_offs;
        const sports::play* td = nullptr;
        for (const auto& p : ot.front()->plays)
          td = p.scoring ? &p : td;
        REQUIRE(td);
        CHECK_FALSE(has(td->text, "extra point")); // no try after a walk-off touchdown
        CHECK(ot.size() == 1);
        CHECK(s.all_plays().back().sequence == td->sequence + 1);
      },
      overtime_rule::modified_sudden_death);
  CHECK(walk_offs > 0);
}

TEST_CASE("postseason games never end tied", "[sim]") {
  int overtimes = 0;
  for_games(
      300,
      [&](const sports::game_summary& s) {
        CHECK(s.header->home_score != s.header->away_score);
        CHECK(s.header->season_type == 3);
        overtimes += s.header->period >= 5 ? 1 : 0;
      },
      overtime_rule::both_possess, false);
  CHECK(overtimes > 5);
}
