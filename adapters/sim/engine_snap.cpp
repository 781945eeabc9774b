// Snaps from scrimmage: the call's outcome, fouls and their enforcement, and
// what the result does to down, distance, possession and the clock.
#include <algorithm>

#include "adapters/sim/engine_impl.hpp"
#include "adapters/sim/penalties.hpp"

namespace playclock::sim {

const sports::play& game_engine::impl::snap(const play_call& call) {
  untimed_down = false;
  if (!drive_open)
    open_drive(off, ytg);
  switch (call.kind) {
  case call_kind::punt:
    return punt_play();
  case call_kind::field_goal:
    return field_goal();
  default:
    return scrimmage(call);
  }
}

const sports::play& game_engine::impl::scrimmage(const play_call& call) {
  const int def = 1 - off;
  auto p = begin_play("Rush", true);
  auto o =
      resolve_play(call, ytg, down, distance, edge(off), rosters[static_cast<std::size_t>(off)],
                   rosters[static_cast<std::size_t>(def)], r);
  std::optional<foul> f;
  if (call.kind == call_kind::run || call.kind == call_kind::pass)
    f = draw_foul(call.kind == call_kind::pass, r);
  if (f && f->timing == foul_timing::pre_snap)
    return pre_snap_foul(std::move(p), *f);
  if (f && !foul_fits(*f, o))
    f.reset();
  ++drive_plays;
  tick(std::min(clock, o.seconds));
  const player* who = nullptr;
  const std::string& fouling = f && f->on_offense ? abbr[static_cast<std::size_t>(off)]
                                                  : abbr[static_cast<std::size_t>(def)];
  if (f) {
    who = offender(*f, rosters[static_cast<std::size_t>(off)],
                   rosters[static_cast<std::size_t>(def)], r);
    int yards = enforced_yards(*f, ytg, o.air_yards);
    if (f->timing == foul_timing::live && accept_foul(*f, o, down, distance, yards)) {
      --drive_plays;
      return live_foul(std::move(p), o, *f, yards, who);
    }
  }
  const int off_before = off;
  const int points_before = score[0] + score[1];
  apply(p, o);
  const bool play_stands =
      off == off_before && score[0] + score[1] == points_before && next == next_event::scrimmage;
  if (f && f->timing == foul_timing::after_play && play_stands) {
    int yards = enforced_yards(*f, ytg, 0);
    p.text +=
        " " + describe_foul(*f, fouling, who, yards, spot_text(abbr[off], abbr[def], ytg), false);
    ytg -= yards;
    down = 1;
    distance = std::min(10, ytg);
    if (who)
      p.players.push_back(as_participant(*who, "penalized"));
  } else if (f && f->timing == foul_timing::live) {
    p.text += " " + describe_declined(*f, fouling, who);
    if (who)
      p.players.push_back(as_participant(*who, "penalized"));
  }
  return emit(std::move(p));
}

const sports::play& game_engine::impl::pre_snap_foul(sports::play p, const foul& f) {
  const int def = 1 - off;
  const player* who = offender(f, rosters[static_cast<std::size_t>(off)],
                               rosters[static_cast<std::size_t>(def)], r);
  const int yards = enforced_yards(f, ytg, 0);
  const std::string& team = abbr[static_cast<std::size_t>(f.on_offense ? off : def)];
  p.type = "Penalty";
  p.yards = yards;
  p.text = (r.chance(0.5) ? "(Shotgun) " : "") +
           describe_foul(f, team, who, yards, spot_text(abbr[off], abbr[def], ytg), true);
  if (who)
    p.players.push_back(as_participant(*who, "penalized"));
  enforce(f, yards);
  untimed_down = clock == 0; // the down was not played
  // No snap: a running clock keeps running once the ball is spotted again.
  running = ran_into_snap && next == next_event::scrimmage;
  restarted = running;
  return emit(std::move(p));
}

const sports::play& game_engine::impl::live_foul(sports::play p, const scrimmage_outcome& o,
                                                 const foul& f, int yards, const player* who) {
  const int def = 1 - off;
  const std::string& team = abbr[static_cast<std::size_t>(f.on_offense ? off : def)];
  p.type = "Penalty";
  p.yards = yards;
  p.text =
      describe_snap(o, view()) + " " +
      describe_foul(f, team, who, yards, spot_text(abbr[off], abbr[def], ytg), !f.loss_of_down);
  if (who)
    p.players.push_back(as_participant(*who, "penalized"));
  // A defensive foul on the last play of a half gives the offense an untimed down.
  untimed_down = clock == 0 && !f.on_offense;
  running = !late_window(period, clock) && o.kind != outcome_kind::incomplete;
  restarted = running;
  enforce(f, yards);
  return emit(std::move(p));
}

void game_engine::impl::enforce(const foul& f, int yards) {
  ytg -= yards;
  if (!f.on_offense) {
    if (f.automatic_first_down || yards >= distance) {
      down = 1;
      distance = std::min(10, ytg);
    } else {
      distance -= yards;
    }
    return;
  }
  distance = std::min(distance - yards, ytg);
  if (f.loss_of_down && ++down > 4)
    change_possession(1 - off, 100 - ytg, "DOWNS");
}

void game_engine::impl::advance(int yards) {
  ytg -= yards;
  if (yards >= distance) {
    down = 1;
    distance = std::min(10, ytg);
  } else if (++down > 4) {
    change_possession(1 - off, 100 - ytg, "DOWNS");
  } else {
    distance -= yards;
  }
}

namespace {

const char* type_of(const scrimmage_outcome& o) {
  switch (o.kind) {
  case outcome_kind::complete:
    return o.touchdown ? "Passing Touchdown" : "Pass Reception";
  case outcome_kind::incomplete:
  case outcome_kind::spike:
    return "Pass Incompletion";
  case outcome_kind::sack:
    return "Sack";
  case outcome_kind::interception:
    return o.return_touchdown ? "Interception Return Touchdown" : "Pass Interception Return";
  default:
    return o.touchdown ? "Rushing Touchdown" : "Rush";
  }
}

void add_players(sports::play& p, const scrimmage_outcome& o) {
  if (o.passer)
    p.players.push_back(as_participant(*o.passer, "passer"));
  if (o.carrier) {
    bool rushing = o.kind == outcome_kind::run || o.kind == outcome_kind::scramble ||
                   o.kind == outcome_kind::kneel;
    p.players.push_back(as_participant(*o.carrier, rushing                        ? "rusher"
                                                   : o.kind == outcome_kind::sack ? "passer"
                                                                                  : "receiver"));
  }
  if (o.defender && o.kind == outcome_kind::sack)
    p.players.push_back(as_participant(*o.defender, "sacker"));
  if (o.defender && o.kind == outcome_kind::interception)
    p.players.push_back(as_participant(*o.defender, "interceptor"));
  for (const auto* t : o.tacklers)
    p.players.push_back(as_participant(*t, "tackler"));
  if (o.fumble) {
    p.players.push_back(as_participant(o.carrier ? *o.carrier : *o.passer, "fumbler"));
    p.players.push_back(as_participant(*o.recoverer, "recoverer"));
  }
}

} // namespace

void game_engine::impl::apply(sports::play& p, const scrimmage_outcome& o) {
  const int def = 1 - off;
  p.type = type_of(o);
  p.text = describe_snap(o, view());
  p.yards = o.yards;
  add_players(p, o);
  if (o.kind == outcome_kind::interception) {
    p.yards = o.return_yards;
    change_possession(def, std::max(1, o.defense_yards_to_endzone), "INT");
    if (o.return_touchdown)
      touchdown(p, def, nullptr);
    return;
  }
  if (o.fumble_lost) {
    p.type = o.return_touchdown ? "Fumble Return Touchdown" : "Fumble Recovery (Opponent)";
    change_possession(def, std::max(1, o.defense_yards_to_endzone), "FUMBLE");
    if (o.return_touchdown)
      touchdown(p, def, nullptr);
    return;
  }
  if (o.fumble)
    p.type = "Fumble Recovery (Own)";
  if (o.safety) {
    p.type = "Safety";
    safety(p);
    return;
  }
  if (o.touchdown) {
    touchdown(p, off, "TD");
    return;
  }
  const int off_before = off;
  advance(o.yards);
  if (off != off_before)
    return; // turned over on downs: the clock stopped
  bool stop = o.kind == outcome_kind::incomplete || o.kind == outcome_kind::spike;
  restarted = false;
  if (o.out_of_bounds) {
    if (late_window(period, clock))
      stop = true;
    else
      restarted = true;
  }
  running = !stop;
}

} // namespace playclock::sim
