#pragma once
// The live-games domain: inspect() for the sports types, the events game
// actors publish, and the interfaces of pollers, fetchers, game actors,
// storage and the event hub.

#include <cstdint>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/none.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "adapters/sports/types.hpp"
#include "messages/atoms.hpp"

// -- serialization of the domain types (found by ADL) ------------------------

namespace playclock::sports {

// game_state is an enum: CAF 0.17 serializes enums itself.

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, team& x) {
  return f(caf::meta::type_name("playclock::sports::team"), x.id, x.abbreviation, x.name);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, venue& x) {
  return f(caf::meta::type_name("playclock::sports::venue"), x.id, x.name, x.city, x.state,
           x.indoor);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, situation& x) {
  return f(caf::meta::type_name("playclock::sports::situation"), x.down, x.distance,
           x.yards_to_endzone, x.possession, x.red_zone, x.home_timeouts, x.away_timeouts,
           x.last_play_id);
}

// CAF 0.17 cannot serialize std::optional: the situation travels as a flag
// plus a value.
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, game& x) {
  bool has_now = x.now.has_value();
  situation now = x.now.value_or(situation{});
  auto load = caf::meta::load_callback([&]() -> caf::error {
    if (has_now)
      x.now = now;
    else
      x.now.reset();
    return caf::none;
  });
  return f(caf::meta::type_name("playclock::sports::game"), x.id, x.season, x.season_type, x.week,
           x.start_time, x.state, x.status_detail, x.home, x.away, x.home_score, x.away_score,
           x.period, x.clock, x.clock_seconds, x.where, has_now, now, load);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, participant& x) {
  return f(caf::meta::type_name("playclock::sports::participant"), x.player_id, x.name, x.role);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, play& x) {
  return f(caf::meta::type_name("playclock::sports::play"), x.id, x.sequence, x.drive_id, x.period,
           x.clock, x.team, x.type, x.text, x.wallclock, x.yards, x.start_down, x.start_distance,
           x.start_yards_to_endzone, x.home_score, x.away_score, x.scoring, x.score_value,
           x.players);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, injury& x) {
  return f(caf::meta::type_name("playclock::sports::injury"), x.team, x.player_id, x.player_name,
           x.position, x.status, x.detail, x.date);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, forecast& x) {
  return f(caf::meta::type_name("playclock::sports::forecast"), x.time, x.temperature_c,
           x.wind_speed_ms, x.precipitation_mm, x.humidity_pct, x.description);
}

} // namespace playclock::sports

namespace playclock {

// -- atoms of the games domain ---------------------------------------------------

/// A scoreboard entry for a game actor, or a poll of the scoreboard.
using scoreboard_atom = caf::atom_constant<caf::atom("pc_board")>;
/// Fetch a game's play-by-play (summary).
using summary_atom = caf::atom_constant<caf::atom("pc_summary")>;
/// Subscribe to a topic of the event hub.
using subscribe_atom = caf::atom_constant<caf::atom("pc_sub")>;
/// Publish to a topic of the event hub.
using publish_atom = caf::atom_constant<caf::atom("pc_pub")>;
/// Write rows (storage).
using store_atom = caf::atom_constant<caf::atom("pc_store")>;
/// Read back a game's stored state (storage), for a restarted game actor.
using load_atom = caf::atom_constant<caf::atom("pc_load")>;
/// Write everything buffered now (storage).
using flush_atom = caf::atom_constant<caf::atom("pc_flush")>;
/// Ask a poller for one round now (a quick_data_refresh job); the answer is
/// the sync-log row of a round that started after the ask.
using poll_now_atom = caf::atom_constant<caf::atom("pc_pollnow")>;

// -- events published by game actors (topic "games") ----------------------------

/// The score changed.
struct score_changed {
  std::string game_id;
  std::string home;
  std::string away;
  std::int32_t home_score = 0;
  std::int32_t away_score = 0;
  std::int32_t previous_home_score = 0;
  std::int32_t previous_away_score = 0;
  /// Team that scored (abbreviation).
  std::string scoring_team;
  std::int32_t period = 0;
  std::string clock;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, score_changed& x) {
  return f(caf::meta::type_name("playclock::score_changed"), x.game_id, x.home, x.away,
           x.home_score, x.away_score, x.previous_home_score, x.previous_away_score, x.scoring_team,
           x.period, x.clock);
}

/// pre -> in (kick-off), in -> post (final), or back when a feed corrects.
struct game_state_changed {
  std::string game_id;
  sports::game_state from = sports::game_state::pre;
  sports::game_state to = sports::game_state::pre;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, game_state_changed& x) {
  return f(caf::meta::type_name("playclock::game_state_changed"), x.game_id, x.from, x.to);
}

/// The team with the ball changed.
struct possession_changed {
  std::string game_id;
  std::string team;
  std::string previous;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, possession_changed& x) {
  return f(caf::meta::type_name("playclock::possession_changed"), x.game_id, x.team, x.previous);
}

/// Rolling per-team numbers over the last N plays, at the time of a play.
struct rolling_stats {
  std::string team;
  std::int32_t plays = 0;
  double yards_per_play = 0;
  /// Share of plays gaining at least 40% of the distance on 1st, 60% on 2nd,
  /// 100% on 3rd/4th down (the usual success-rate definition).
  double success_rate = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, rolling_stats& x) {
  return f(caf::meta::type_name("playclock::rolling_stats"), x.team, x.plays, x.yards_per_play,
           x.success_rate);
}

/// A play seen for the first time, enriched.
struct play_added {
  std::string game_id;
  std::string home;
  std::string away;
  sports::play play;
  /// scoring, touchdown, field_goal, safety, turnover, big_play, red_zone,
  /// two_minute_drill, fourth_down_try, sack, penalty.
  std::vector<std::string> tags;
  rolling_stats offense;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, play_added& x) {
  return f(caf::meta::type_name("playclock::play_added"), x.game_id, x.home, x.away, x.play, x.tags,
           x.offense);
}

/// The game ended.
struct game_final {
  std::string game_id;
  std::string home;
  std::string away;
  std::int32_t home_score = 0;
  std::int32_t away_score = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, game_final& x) {
  return f(caf::meta::type_name("playclock::game_final"), x.game_id, x.home, x.away, x.home_score,
           x.away_score);
}

/// A player's injury status is new or changed (status "Out" matters most).
struct injury_reported {
  std::string game_id;
  sports::injury injury;
  /// The status before ("" when new).
  std::string previous_status;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, injury_reported& x) {
  return f(caf::meta::type_name("playclock::injury_reported"), x.game_id, x.injury,
           x.previous_status);
}

/// The game's scoreboard state changed (score, clock, situation): published on
/// topic "game_updates" (not "games": it is frequent and few want it).
struct game_updated {
  sports::game game;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, game_updated& x) {
  return f(caf::meta::type_name("playclock::game_updated"), x.game);
}

// -- what fetchers return ----------------------------------------------------------

/// A scoreboard poll's outcome (ok or the error of the source).
struct scoreboard_result {
  bool ok = false;
  std::vector<sports::game> games;
  /// Games the source sent but that could not be read.
  std::int32_t rejected = 0;
  /// Why it failed; when ok, what was rejected (for the sync log).
  std::string error;
  /// network, timeout, http_status, rate_limited, parse.
  std::string error_kind;
  std::int32_t retry_after_s = 0;
  double seconds = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, scoreboard_result& x) {
  return f(caf::meta::type_name("playclock::scoreboard_result"), x.ok, x.games, x.rejected, x.error,
           x.error_kind, x.retry_after_s, x.seconds);
}

/// A summary fetch's outcome.
struct summary_result {
  bool ok = false;
  std::string game_id;
  std::vector<sports::play> plays;
  std::vector<std::string> scoring_play_ids;
  std::vector<sports::injury> injuries;
  std::int32_t rejected = 0;
  std::string error;
  std::string error_kind;
  double seconds = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, summary_result& x) {
  return f(caf::meta::type_name("playclock::summary_result"), x.ok, x.game_id, x.plays,
           x.scoring_play_ids, x.injuries, x.rejected, x.error, x.error_kind, x.seconds);
}

/// A forecast fetch's outcome.
struct forecast_result {
  bool ok = false;
  std::vector<sports::forecast> slots;
  std::string error;
  std::string error_kind;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, forecast_result& x) {
  return f(caf::meta::type_name("playclock::forecast_result"), x.ok, x.slots, x.error,
           x.error_kind);
}

// -- storage ---------------------------------------------------------------------

/// A play as stored: the play plus its enrichment.
struct stored_play {
  std::string game_id;
  sports::play play;
  std::vector<std::string> tags;
  rolling_stats offense;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, stored_play& x) {
  return f(caf::meta::type_name("playclock::stored_play"), x.game_id, x.play, x.tags, x.offense);
}

/// One poll of a source, for the sync log.
struct sync_entry {
  std::string source;
  /// Unix time in milliseconds.
  std::int64_t started_at_ms = 0;
  double duration_ms = 0;
  /// ok, error or skipped.
  std::string status;
  std::int32_t items = 0;
  std::string error;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, sync_entry& x) {
  return f(caf::meta::type_name("playclock::sync_entry"), x.source, x.started_at_ms, x.duration_ms,
           x.status, x.items, x.error);
}

/// A forecast stored for a game's kick-off.
struct weather_entry {
  std::string game_id;
  sports::forecast forecast;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, weather_entry& x) {
  return f(caf::meta::type_name("playclock::weather_entry"), x.game_id, x.forecast);
}

/// Rows to write in one go; any part may be empty.
struct store_batch {
  std::vector<sports::game> games;
  std::vector<stored_play> plays;
  std::vector<sports::injury> injuries;
  /// The game each injury was seen in (parallel to `injuries`; may be "").
  std::vector<std::string> injury_games;
  std::vector<weather_entry> weather;
  std::vector<sync_entry> sync;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, store_batch& x) {
  return f(caf::meta::type_name("playclock::store_batch"), x.games, x.plays, x.injuries,
           x.injury_games, x.weather, x.sync);
}

/// What a restarted game actor needs back from the database.
struct game_record {
  bool found = false;
  sports::game game;
  /// Ids of every stored play of the game.
  std::vector<std::string> play_ids;
  /// The last plays (oldest first), to rebuild the rolling statistics.
  std::vector<sports::play> recent_plays;
  /// Injury statuses already reported for the game's teams (player id, status).
  std::vector<std::string> injury_keys;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, game_record& x) {
  return f(caf::meta::type_name("playclock::game_record"), x.found, x.game, x.play_ids,
           x.recent_plays, x.injury_keys);
}

// -- interfaces ---------------------------------------------------------------

/// Blocking source access (detached workers; several behind a round robin).
using fetcher_actor = caf::typed_actor<
    /// Polls the scoreboard; `dates` empty = current, else a range (schedule).
    caf::replies_to<scoreboard_atom, std::string>::with<scoreboard_result>,
    /// Fetches one game's summary.
    caf::replies_to<summary_atom, std::string>::with<summary_result>,
    /// Fetches the forecast at (lat, lon).
    caf::replies_to<get_atom, double, double>::with<forecast_result>>;

/// One live game.
using game_actor = caf::typed_actor<
    /// The game as the latest scoreboard shows it.
    caf::reacts_to<scoreboard_atom, sports::game>,
    /// Injury entries from a summary fetched by the injury poller.
    caf::reacts_to<summary_atom, summary_result>,
    /// Internal: retry a failed play-by-play fetch.
    caf::reacts_to<tick_atom>,
    /// Internal: retry handing rows to storage while it restarts.
    caf::reacts_to<store_atom, store_batch>>;

/// A poller: polls on its own timer (ticks carry a generation: a round
/// asked for early replaces the pending tick, so timers never double), or
/// at once when asked.
using poller_actor = caf::typed_actor<caf::reacts_to<tick_atom, std::uint64_t>,
                                      caf::replies_to<poll_now_atom>::with<sync_entry>>;

/// The scoreboard poller also answers with the games of its last successful
/// poll that are not final (ok = false before the first one), so the slower
/// pollers need no scoreboard request of their own.
using scoreboard_poller_actor =
    poller_actor::extend<caf::replies_to<scoreboard_atom>::with<scoreboard_result>>;

/// Fans events out to subscribers by topic ("games", later "markets", ...).
using event_hub_actor = caf::typed_actor<caf::reacts_to<subscribe_atom, std::string, caf::actor>,
                                         caf::reacts_to<publish_atom, std::string, caf::message>>;

} // namespace playclock
