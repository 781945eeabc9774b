// Kickoffs, punts, field goals, and the scores: touchdowns with their try,
// safeties.
#include <algorithm>

#include "adapters/sim/engine_impl.hpp"

namespace playclock::sim {

namespace {

const player& returner_of(const roster& t, rng& r) {
  return r.chance(0.7) ? t.wr[2] : t.rb[1];
}

const player& cover_man(const roster& t, rng& r) {
  return r.chance(0.5) ? t.lb[static_cast<std::size_t>(r.between(0, 2))]
                       : t.db[static_cast<std::size_t>(r.between(0, 3))];
}

} // namespace

const sports::play& game_engine::impl::kickoff() {
  const int kicking = off;
  const int receiving = 1 - off;
  const auto& kr = rosters[static_cast<std::size_t>(kicking)];
  const auto& rr = rosters[static_cast<std::size_t>(receiving)];
  auto p = begin_play("Kickoff", false);
  p.start_yards_to_endzone = 100 - kick_from;
  const int lead =
      score[static_cast<std::size_t>(kicking)] - score[static_cast<std::size_t>(receiving)];
  const bool onside = kick_from == 35 && onside_kick(lead, period, clock);
  auto k = kick_off(kicks, kick_from, onside, r);
  const player& ret = returner_of(rr, r);
  const player& cover = cover_man(kr, r);
  p.text = describe_kickoff(k, kick_from, abbr[static_cast<std::size_t>(kicking)],
                            abbr[static_cast<std::size_t>(receiving)], kr.k, &ret, &cover, &cover);
  p.players.push_back(as_participant(kr.k, "kicker"));
  const bool returned = !k.onside && !k.touchback && !k.out_of_bounds;
  if (returned) {
    p.type = k.touchdown ? "Kickoff Return Touchdown" : "Kickoff Return (Offense)";
    p.yards = k.return_yards;
    p.players.push_back(as_participant(ret, "returner"));
    if (!k.touchdown)
      p.players.push_back(as_participant(cover, "tackler"));
  } else if (k.kept) {
    p.players.push_back(as_participant(cover, "recoverer"));
  }
  tick(std::min(clock, k.seconds));
  wall += r.between(90, 150); // the TV break around a kickoff
  kick_from = 35;
  running = false;
  restarted = false;
  next = next_event::scrimmage;
  const int team = k.kept ? kicking : receiving;
  if (period >= 5 && team != ot_receiver)
    ot_second_started = true;
  off = team;
  ytg = k.touchdown ? 100 - std::max(0, k.landing) : k.yards_to_endzone;
  down = 1;
  distance = std::min(10, ytg);
  open_drive(team, ytg);
  if (k.touchdown)
    touchdown(p, receiving, "TD");
  return emit(std::move(p));
}

const sports::play& game_engine::impl::punt_play() {
  const int kicking = off;
  const int receiving = 1 - off;
  const auto& kr = rosters[static_cast<std::size_t>(kicking)];
  auto p = begin_play("Punt", true);
  auto res = punt(ytg, r);
  const player& ret = returner_of(rosters[static_cast<std::size_t>(receiving)], r);
  const player& cover = cover_man(kr, r);
  p.text = describe_punt(res, abbr[static_cast<std::size_t>(kicking)],
                         abbr[static_cast<std::size_t>(receiving)], kr, &ret, &cover);
  p.yards = res.return_yards;
  p.players.push_back(as_participant(kr.p, "punter"));
  if (res.how == punt_result::end::returned || res.how == punt_result::end::fair_catch)
    p.players.push_back(as_participant(ret, "returner"));
  if (res.how == punt_result::end::returned && !res.touchdown)
    p.players.push_back(as_participant(cover, "tackler"));
  tick(std::min(clock, res.seconds));
  wall += r.between(30, 90);
  change_possession(receiving, res.touchdown ? 100 - res.landing : res.yards_to_endzone, "PUNT");
  if (res.touchdown)
    touchdown(p, receiving, nullptr);
  return emit(std::move(p));
}

const sports::play& game_engine::impl::field_goal() {
  const auto& kr = rosters[static_cast<std::size_t>(off)];
  const int distance_yards = ytg + 17;
  auto p = begin_play("Field Goal Good", true);
  auto fg = kick_field_goal(distance_yards, kr.kicker_leg, r);
  ++drive_plays;
  p.text = describe_field_goal(distance_yards, fg, kr);
  p.yards = distance_yards;
  p.players.push_back(as_participant(kr.k, "kicker"));
  tick(std::min(clock, fg.seconds));
  if (!fg.good) {
    p.type = "Field Goal Missed";
    change_possession(1 - off, ytg + 7 <= 20 ? 80 : 93 - ytg, "MISSED FG");
    return emit(std::move(p));
  }
  score[static_cast<std::size_t>(off)] += 3;
  p.scoring = true;
  p.score_value = 3;
  close_drive("FG", ytg);
  after_score(off, 35);
  ot_after_score(off, false);
  return emit(std::move(p));
}

void game_engine::impl::touchdown(sports::play& p, int scorer, const char* drive_result) {
  const auto s = static_cast<std::size_t>(scorer);
  const auto& team = rosters[s];
  score[s] += 6;
  p.scoring = true;
  p.score_value = 6;
  if (drive_result && drive_open)
    close_drive(drive_result, 0);
  if (!ot_decided_before_try(scorer)) {
    const int lead = score[s] - score[1 - s];
    if (go_for_two(lead, period, clock) || r.chance(0.04)) {
      bool good = r.chance(two_point_probability(edge(scorer)));
      bool pass = r.chance(0.6);
      p.text += " " + describe_two_point(good, team.qb, pass ? &team.wr[0] : nullptr, &team.rb[0]);
      if (good) {
        score[s] += 2;
        p.score_value += 2;
      }
    } else {
      bool good = r.chance(extra_point_probability(team.kicker_leg));
      p.text += " " + describe_extra_point(good, team);
      p.players.push_back(as_participant(team.k, "kicker"));
      if (good) {
        score[s] += 1;
        p.score_value += 1;
      }
    }
  }
  after_score(scorer, 35);
  ot_after_score(scorer, true);
}

void game_engine::impl::safety(sports::play& p) {
  const int def = 1 - off;
  score[static_cast<std::size_t>(def)] += 2;
  p.scoring = true;
  p.score_value = 2;
  close_drive("SAFETY", 100);
  after_score(off, 20); // the team that gave up the safety kicks from its 20
  ot_after_score(def, false);
}

} // namespace playclock::sim
