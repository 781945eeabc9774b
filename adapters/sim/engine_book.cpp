// Bookkeeping: plays get ids and land in drives, possessions change, the
// overtime rules decide when the game is over, the scoreboard is refreshed.
#include <algorithm>
#include <cstdio>

#include "adapters/sim/engine_impl.hpp"

namespace playclock::sim {

sports::play game_engine::impl::begin_play(const char* type, bool with_situation) const {
  sports::play p;
  p.period = period;
  p.clock = clock_text(clock);
  p.team = abbr[static_cast<std::size_t>(off)];
  p.type = type;
  if (with_situation) {
    p.start_down = down;
    p.start_distance = distance;
    p.start_yards_to_endzone = ytg;
  }
  return p;
}

namespace {

std::string drive_text(int plays, int yards, int seconds) {
  return std::to_string(plays) + (plays == 1 ? " play, " : " plays, ") + std::to_string(yards) +
         (yards == 1 || yards == -1 ? " yard, " : " yards, ") + clock_text(seconds);
}

} // namespace

const sports::play& game_engine::impl::emit(sports::play p) {
  ++seq;
  char suffix[24];
  std::snprintf(suffix, sizeof suffix, "%05lld", static_cast<long long>(seq));
  p.sequence = seq;
  p.id = opts.game_id + suffix;
  p.home_score = score[0];
  p.away_score = score[1];
  if (drives.empty())
    open_drive(off, ytg);
  auto& d = drives.back();
  p.drive_id = d.id;
  if (p.scoring)
    scoring_ids.push_back(p.id);
  if (drive_open) {
    d.yards = off == drive_team ? drive_start_ytg - ytg : d.yards;
    d.description = drive_text(drive_plays, d.yards, elapsed - drive_start_elapsed);
  }
  d.plays.push_back(p);
  refresh(p.id);
  last = std::move(p);
  return last;
}

void game_engine::impl::open_drive(int team, int start_yards_to_endzone) {
  drive_open = true;
  drive_team = team;
  drive_start_ytg = start_yards_to_endzone;
  drive_start_elapsed = elapsed;
  drive_plays = 0;
  sports::drive d;
  d.id = opts.game_id + std::to_string(drives.size() + 1);
  d.team = abbr[static_cast<std::size_t>(team)];
  d.description = drive_text(0, 0, 0);
  drives.push_back(std::move(d));
}

void game_engine::impl::close_drive(const char* result, int end_yards_to_endzone) {
  if (!drive_open)
    return;
  auto& d = drives.back();
  d.result = result;
  d.yards = drive_start_ytg - end_yards_to_endzone;
  d.scoring = d.result == "TD" || d.result == "FG";
  d.description = drive_text(drive_plays, d.yards, elapsed - drive_start_elapsed);
  drive_open = false;
}

void game_engine::impl::change_possession(int team, int yards_to_endzone, const char* result) {
  const int loser = off;
  close_drive(result, ytg);
  off = team;
  ytg = std::clamp(yards_to_endzone, 1, 99);
  down = 1;
  distance = std::min(10, ytg);
  running = false;
  restarted = false;
  ot_possession_ended(loser);
}

void game_engine::impl::after_score(int kicking_team, int kick_from_line) {
  off = kicking_team;
  kick_from = kick_from_line;
  down = 0;
  distance = 0;
  ytg = 100 - kick_from_line;
  running = false;
  restarted = false;
  if (next != next_event::game_end)
    next = next_event::kickoff;
}

void game_engine::impl::ot_possession_ended(int team) {
  if (period < 5)
    return;
  if (team == ot_receiver && !ot_second_started) {
    ot_second_started = true;
    return;
  }
  if (team != ot_receiver && ot_second_started && !ot_second_done) {
    ot_second_done = true;
    if (score[0] != score[1])
      next = next_event::game_end;
  }
}

bool game_engine::impl::ot_decided_before_try(int scorer) const {
  if (period < 5)
    return false;
  const auto s = static_cast<std::size_t>(scorer);
  if (score[s] <= score[1 - s])
    return false;
  if (!ot_second_started)
    return scorer != ot_receiver || opts.overtime == overtime_rule::modified_sudden_death;
  return true;
}

void game_engine::impl::ot_after_score(int scorer, bool touchdown) {
  if (period < 5)
    return;
  bool over = true;
  if (!ot_second_started) {
    over = scorer != ot_receiver ||
           (touchdown && opts.overtime == overtime_rule::modified_sudden_death);
  } else if (!ot_second_done && scorer != ot_receiver) {
    ot_second_done = true;
    over = score[0] != score[1];
  }
  if (over)
    next = next_event::game_end;
}

decision_context game_engine::impl::context() const {
  const auto o = static_cast<std::size_t>(off);
  decision_context c;
  c.down = down;
  c.distance = distance;
  c.yards_to_endzone = ytg;
  c.period = period;
  c.clock = clock;
  c.score_diff = score[o] - score[1 - o];
  c.offense_timeouts = timeouts[o];
  c.defense_timeouts = timeouts[1 - o];
  c.clock_running = running;
  c.kicker_leg = rosters[o].kicker_leg;
  c.pass_tendency = rosters[o].pass_tendency;
  c.must_score =
      period >= 5 && ot_second_started && !ot_second_done && off != ot_receiver && c.score_diff < 0;
  return c;
}

snap_view game_engine::impl::view() const {
  return snap_view{abbr[static_cast<std::size_t>(off)], abbr[static_cast<std::size_t>(1 - off)],
                   ytg, pace};
}

void game_engine::impl::tick(int seconds) {
  seconds = std::max(0, seconds);
  clock -= seconds;
  elapsed += seconds;
  wall += seconds;
}

double game_engine::impl::edge(int side) const {
  return side == 0 ? opts.home.offense - opts.away.defense : opts.away.offense - opts.home.defense;
}

void game_engine::impl::refresh(const std::string& p_id) {
  g.period = period;
  g.clock_seconds = clock;
  g.clock = clock_text(clock);
  g.home_score = score[0];
  g.away_score = score[1];
  const std::string quarter = period <= 4 ? " Quarter" : "";
  if (g.state == sports::game_state::post) {
    g.status_detail = period >= 5 ? "Final/OT" : "Final";
    g.now.reset();
    return;
  }
  if (between_periods)
    g.status_detail = period == 2 ? "Halftime" : "End of " + period_name(period) + quarter;
  else
    g.status_detail = clock_text(clock) + " - " + period_name(period) + quarter;
  sports::situation s;
  const bool kick = next == next_event::kickoff;
  s.down = kick ? 0 : down;
  s.distance = kick ? 0 : distance;
  s.yards_to_endzone = kick ? 100 - kick_from : ytg;
  s.possession = abbr[static_cast<std::size_t>(off)];
  s.red_zone = !kick && ytg <= 20;
  s.home_timeouts = timeouts[0];
  s.away_timeouts = timeouts[1];
  s.last_play_id = p_id;
  g.now = s;
}

} // namespace playclock::sim
