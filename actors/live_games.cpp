#include "actors/live_games.hpp"

#include "actors/markets_tree.hpp"
#include "actors/simple_child.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <prometheus/counter.h>

#include "actors/event_hub.hpp"
#include "actors/fetcher_actor.hpp"
#include "actors/game_actor.hpp"
#include "actors/node.hpp"
#include "actors/pollers/periodic_pollers.hpp"
#include "actors/pollers/scoreboard_poller.hpp"
#include "actors/storage_actor.hpp"
#include "adapters/league/simulated_league.hpp"
#include "adapters/league/simulated_source.hpp"
#include "adapters/metrics/registry.hpp"
#include "adapters/sources/espn_source.hpp"
#include "adapters/sources/owm_source.hpp"
#include "supervisors/supervisor.hpp"

namespace playclock {

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

bool is_sim(const std::string& url) {
  return url == "sim:";
}

std::shared_ptr<game_metrics> make_game_metrics(metrics::registry& reg) {
  auto m = std::make_shared<game_metrics>();
  auto& p = reg.prom();
  m->plays_ingested = &prometheus::BuildCounter()
                           .Name("playclock_plays_ingested_total")
                           .Help("New plays seen by game actors (each play once).")
                           .Register(p)
                           .Add({});
  m->tags = &prometheus::BuildCounter()
                 .Name("playclock_play_tags_total")
                 .Help("Enrichment tags given to new plays, by tag.")
                 .Register(p);
  m->events = &prometheus::BuildCounter()
                   .Name("playclock_game_events_total")
                   .Help("Events published by game actors, by event.")
                   .Register(p);
  return m;
}

} // namespace

live_sources make_live_sources(const config::sources_settings& s) {
  live_sources out;
  if (is_sim(s.espn.base_url) || is_sim(s.weather.base_url) || is_sim(s.kalshi.base_url)) {
    league::league_options lo;
    lo.games = s.simulated.games;
    lo.speed = s.simulated.speed;
    lo.seed = s.simulated.seed;
    lo.pregame = seconds{s.simulated.pregame_s};
    lo.market_lag = milliseconds{s.simulated.market_lag_ms};
    lo.market_noise = s.simulated.market_noise;
    out.league = std::make_shared<league::simulated_league>(lo);
  }
  if (is_sim(s.espn.base_url)) {
    out.games = std::make_shared<league::simulated_games_source>(out.league);
  } else {
    sources::http_getter_options o;
    o.base_url = s.espn.base_url;
    o.rate_limit_per_s = s.espn.rate_limit_per_s;
    o.rate_limit_burst = s.espn.rate_limit_burst;
    o.timeout = milliseconds{s.espn.timeout_ms};
    // A summary fetched within half a poll interval is reused (the injury
    // poll then costs no extra request for games that just changed).
    out.games =
        std::make_shared<sources::espn_source>(o, seconds{s.espn.scoreboard_interval_s} / 2);
  }
  out.markets = make_markets_source(s.kalshi, out.league);
  if (is_sim(s.weather.base_url)) {
    out.weather = std::make_shared<league::simulated_weather_source>(out.league);
  } else if (!s.weather.base_url.empty()) {
    sources::http_getter_options o;
    o.base_url = s.weather.base_url;
    o.rate_limit_per_s = s.weather.rate_limit_per_s;
    o.timeout = milliseconds{s.weather.timeout_ms};
    out.weather = std::make_shared<sources::owm_source>(o, s.weather.api_key);
  }
  return out;
}

std::vector<child_spec> live_games_children(const live_games_options& opts) {
  const auto& s = opts.settings;
  std::vector<child_spec> out;

  out.push_back(simple_child<storage_actor>(
      "storage",
      [opts](caf::actor_system& sys) {
        storage_config cfg;
        cfg.pool = opts.pool;
        cfg.node_name = opts.node_name;
        cfg.batch_size = opts.settings.storage.batch_size;
        cfg.flush_interval = milliseconds{opts.settings.storage.flush_interval_ms};
        cfg.max_buffered = opts.settings.storage.max_buffered;
        cfg.sync_log_days = opts.settings.storage.sync_log_days;
        cfg.recent_plays = std::max(50, opts.settings.games.rolling_window * 2);
        cfg.metrics = opts.metrics;
        return spawn_storage_actor(sys, cfg);
      },
      seconds{std::max(2, s.shutdown.grace_s / 2)}));

  out.push_back(simple_child<event_hub_actor>(
      "events", [](caf::actor_system& sys) { return spawn_event_hub(sys); }));

  out.push_back(simple_child<fetcher_actor>("fetchers", [opts](caf::actor_system& sys) {
    fetcher_config cfg;
    cfg.games = opts.sources.games;
    cfg.weather = opts.sources.weather;
    cfg.metrics = opts.metrics;
    cfg.nice = opts.settings.node.fetcher_nice;
    return spawn_fetchers(sys, cfg, opts.settings.sources.espn.concurrency);
  }));

  sup::supervisor_config games;
  games.path = "node/games";
  games.policy = restart_policy_from(s.supervision);
  // Many games fail together when a source goes bad: allow a burst of restarts.
  games.policy.max_restarts = std::max(games.policy.max_restarts, s.sources.simulated.games);
  games.names = opts.names;
  games.observer = opts.observer;
  games.stop_in_parallel = true;
  auto games_child = sup::supervisor_child("games", games);
  // Thousands of game actors stop at once; give them time under load.
  games_child.shutdown_timeout = seconds{std::max(2, s.shutdown.grace_s / 2)};
  out.push_back(std::move(games_child));

  game_actor_config game;
  game.names = opts.names;
  game.rolling_window = s.games.rolling_window;
  game.big_play_yards = s.games.big_play_yards;
  game.metrics = make_game_metrics(*opts.metrics);

  sup::supervisor_config pollers;
  pollers.path = "node/pollers";
  pollers.policy = restart_policy_from(s.supervision);
  pollers.names = opts.names;
  pollers.observer = opts.observer;
  pollers.children.push_back(
      simple_child<scoreboard_poller_actor>("scoreboard", [opts, game](caf::actor_system& sys) {
        scoreboard_poller_config cfg;
        cfg.names = opts.names;
        cfg.game = game;
        cfg.interval = seconds{opts.settings.sources.espn.scoreboard_interval_s};
        cfg.timeout = milliseconds{opts.settings.sources.espn.timeout_ms} * 2;
        cfg.backoff_initial = milliseconds{opts.settings.sources.espn.backoff_initial_ms};
        cfg.backoff_max = milliseconds{opts.settings.sources.espn.backoff_max_ms};
        cfg.metrics = opts.metrics;
        return spawn_scoreboard_poller(sys, cfg);
      }));
  auto periodic = [&opts](int interval_s) {
    periodic_poller_config cfg;
    cfg.names = opts.names;
    cfg.interval = seconds{interval_s};
    cfg.timeout = milliseconds{opts.settings.sources.espn.timeout_ms} * 6;
    cfg.days = opts.settings.sources.espn.schedule_days;
    cfg.metrics = opts.metrics;
    return cfg;
  };
  auto schedule = periodic(s.sources.espn.schedule_interval_s);
  pollers.children.push_back(
      simple_child<poller_actor>("schedule", [schedule](caf::actor_system& sys) {
        return spawn_schedule_poller(sys, schedule);
      }));
  auto injuries = periodic(s.sources.espn.injuries_interval_s);
  pollers.children.push_back(
      simple_child<poller_actor>("injuries", [injuries](caf::actor_system& sys) {
        return spawn_injury_poller(sys, injuries);
      }));
  if (opts.sources.weather) {
    auto weather = periodic(s.sources.weather.interval_s);
    weather.source = "weather";
    pollers.children.push_back(
        simple_child<poller_actor>("weather", [weather](caf::actor_system& sys) {
          return spawn_weather_poller(sys, weather);
        }));
  }
  out.push_back(sup::supervisor_child("pollers", pollers));
  return out;
}

} // namespace playclock
