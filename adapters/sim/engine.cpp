#include "adapters/sim/engine.hpp"

#include <algorithm>

#include "adapters/sim/engine_impl.hpp"

namespace playclock::sim {

game_engine::impl::impl(game_options o)
    : opts(std::move(o)), r(mix_seed(opts.seed, mix_seed(hash_string(opts.home.team.id),
                                                         hash_string(opts.away.team.id) + 1))),
      kicks(kickoff_rules_for(opts.season)), rosters{make_roster(opts.home.team),
                                                     make_roster(opts.away.team)},
      abbr{opts.home.team.abbreviation, opts.away.team.abbreviation} {
  if (opts.game_id.empty())
    opts.game_id = "sim" + std::to_string(opts.seed);
  if (opts.where.id.empty())
    opts.where = opts.home.stadium;
  g.id = opts.game_id;
  g.season = opts.season;
  g.season_type = opts.allow_tie ? 2 : 3;
  g.week = opts.week;
  g.start_time = opts.start_time;
  g.home = opts.home.team;
  g.away = opts.away.team;
  g.where = opts.where;
  g.clock = clock_text(quarter_seconds);
  g.clock_seconds = quarter_seconds;
  g.status_detail = pregame_status(opts.start_time);
}

const sports::play& game_engine::impl::step() {
  if (g.state == sports::game_state::post)
    return last;
  wall = 0;
  if (g.state == sports::game_state::pre)
    start_game();
  if (between_periods)
    start_next_period();
  if (next == next_event::game_end)
    return end_game();
  if (clock <= 0 && !untimed_down)
    return end_period();
  // A play that ran the clock past 2:00 is followed by the warning, which
  // stops the clock.
  if (has_two_minute_warning(period) && !warned && clock <= 120)
    return two_minute_warning();
  if (next == next_event::kickoff)
    return kickoff();
  return pre_snap();
}

void game_engine::impl::start_game() {
  g.state = sports::game_state::in;
  opening_receiver = r.chance(0.5) ? 0 : 1; // the coin toss
  period = 1;
  clock = quarter_seconds;
  off = 1 - opening_receiver;
  next = next_event::kickoff;
}

void game_engine::impl::start_next_period() {
  between_periods = false;
  ++period;
  warned = false;
  clock = quarter_seconds;
  if (period == 3) {
    timeouts = {3, 3};
    off = opening_receiver; // who received first kicks off the second half
    kick_from = 35;
    next = next_event::kickoff;
  } else if (period == 5) {
    clock = opts.allow_tie ? overtime_seconds : quarter_seconds;
    timeouts = opts.allow_tie ? std::array<int, 2>{2, 2} : std::array<int, 2>{3, 3};
    ot_receiver = r.chance(0.5) ? 0 : 1;
    ot_second_started = ot_second_done = false;
    off = 1 - ot_receiver;
    kick_from = 35;
    next = next_event::kickoff;
  } else if (period > 5 && period % 2 == 1) {
    timeouts = {3, 3}; // postseason: a new "half" every two overtime periods
  }
}

const sports::play& game_engine::impl::pre_snap() {
  auto c = context();
  // Now and then a timeout to avoid a delay of game or a bad look.
  if (!untimed_down && timeouts[off] >= 2 && !late_window(period, clock) && r.chance(0.006))
    return timeout(off);
  bool was_running = running;
  ran_into_snap = running;
  if (running) {
    if (offense_calls_timeout(c))
      return timeout(off);
    if (defense_calls_timeout(c))
      return timeout(1 - off);
    bool spike = should_spike(c);
    pace = choose_tempo(c);
    int runoff = spike ? spike_setup_seconds(r) : runoff_seconds(pace, restarted, r);
    if (has_two_minute_warning(period) && !warned && clock > 120 && clock - runoff <= 120) {
      tick(clock - 120);
      running = false;
      return two_minute_warning();
    }
    if (runoff >= clock) {
      tick(clock);
      running = false;
      return end_period();
    }
    tick(runoff);
    running = false;
    if (spike) {
      wall += dead_time_seconds(true, r);
      play_call call;
      call.kind = call_kind::spike;
      return snap(call);
    }
  } else {
    pace = choose_tempo(c);
  }
  wall += dead_time_seconds(was_running, r);
  return snap(choose_play(context(), r));
}

const sports::play& game_engine::impl::timeout(int side) {
  --timeouts[static_cast<std::size_t>(side)];
  int per_half = period >= 5 && opts.allow_tie ? 2 : 3;
  auto p = begin_play("Timeout", false);
  p.text = "Timeout #" + std::to_string(per_half - timeouts[static_cast<std::size_t>(side)]) +
           " by " + abbr[static_cast<std::size_t>(side)] + " at " + clock_text(clock) + ".";
  running = false;
  restarted = false;
  wall += r.between(60, 110);
  return emit(std::move(p));
}

const sports::play& game_engine::impl::two_minute_warning() {
  warned = true;
  running = false;
  restarted = false;
  auto p = begin_play("Two-minute warning", false);
  p.text = "Two-Minute Warning";
  wall += r.between(100, 140);
  return emit(std::move(p));
}

const sports::play& game_engine::impl::end_period() {
  const bool tied = score[0] == score[1];
  if ((period == 4 && !tied) || (period >= 5 && (opts.allow_tie || !tied)))
    return end_game();
  auto p = begin_play(period == 2 ? "End of Half" : "End Period", false);
  p.text = "END QUARTER " + std::to_string(period);
  if (drive_open && period == 2)
    close_drive("END OF HALF", ytg);
  else if (drive_open && period == 4)
    close_drive("END OF REGULATION", ytg);
  between_periods = true;
  running = false;
  restarted = false;
  untimed_down = false;
  wall += period == 2 ? 780 : 120;
  return emit(std::move(p));
}

const sports::play& game_engine::impl::end_game() {
  if (drive_open)
    close_drive("END OF GAME", ytg);
  auto p = begin_play("End of Game", false);
  p.text = "END GAME";
  g.state = sports::game_state::post;
  running = false;
  return emit(std::move(p));
}

// -- public API

game_engine::game_engine(game_options opts) : impl_(std::make_unique<impl>(std::move(opts))) {}
game_engine::~game_engine() = default;
game_engine::game_engine(game_engine&&) noexcept = default;
game_engine& game_engine::operator=(game_engine&&) noexcept = default;

bool game_engine::finished() const {
  return impl_->g.state == sports::game_state::post;
}
const sports::play& game_engine::step() {
  return impl_->step();
}
const sports::game& game_engine::state() const {
  return impl_->g;
}
const std::vector<sports::drive>& game_engine::drives() const {
  return impl_->drives;
}
const std::vector<std::string>& game_engine::scoring_play_ids() const {
  return impl_->scoring_ids;
}
double game_engine::last_step_wall_seconds() const {
  return impl_->wall;
}

} // namespace playclock::sim
