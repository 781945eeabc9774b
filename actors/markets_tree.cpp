#include "actors/markets_tree.hpp"

#include <algorithm>
#include <chrono>

#include "actors/correlator.hpp"
#include "actors/market_actor.hpp"
#include "actors/market_fetcher.hpp"
#include "actors/node.hpp"
#include "actors/pollers/markets_poller.hpp"
#include "actors/simple_child.hpp"
#include "adapters/league/simulated_markets_source.hpp"
#include "adapters/sources/kalshi_source.hpp"
#include "supervisors/supervisor.hpp"

namespace playclock {

using std::chrono::milliseconds;
using std::chrono::seconds;

std::shared_ptr<sources::markets_source>
make_markets_source(const config::kalshi_source_settings& s,
                    std::shared_ptr<league::simulated_league> league) {
  if (s.base_url.empty())
    return nullptr;
  if (s.base_url == "sim:")
    return std::make_shared<league::simulated_markets_source>(std::move(league));
  auto o = sources::kalshi_source::default_options(s.base_url);
  o.rate_limit_per_s = s.rate_limit_per_s;
  o.rate_limit_burst = s.rate_limit_burst;
  o.timeout = milliseconds{s.timeout_ms};
  return std::make_shared<sources::kalshi_source>(o);
}

std::vector<child_spec> markets_children(const markets_options& opts) {
  const auto& s = opts.settings;
  std::vector<child_spec> out;

  out.push_back(
      simple_child<market_fetcher_actor>("market_fetchers", [opts](caf::actor_system& sys) {
        market_fetcher_config cfg;
        cfg.source = opts.source;
        cfg.metrics = opts.metrics;
        cfg.page_limit = opts.settings.sources.kalshi.page_limit;
        cfg.max_pages = opts.settings.sources.kalshi.max_pages;
        cfg.nice = opts.settings.node.fetcher_nice;
        return spawn_market_fetchers(sys, cfg, 2);
      }));

  sup::supervisor_config markets;
  markets.path = "node/markets";
  markets.policy = restart_policy_from(s.supervision);
  // Many markets fail together when a source goes bad: allow a burst.
  markets.policy.max_restarts =
      std::max(markets.policy.max_restarts, s.sources.simulated.games * 2);
  markets.names = opts.names;
  markets.observer = opts.observer;
  markets.stop_in_parallel = true;
  auto markets_child = sup::supervisor_child("markets", markets);
  markets_child.shutdown_timeout = seconds{std::max(2, s.shutdown.grace_s / 2)};
  out.push_back(std::move(markets_child));

  out.push_back(simple_child<correlator_actor>("correlator", [opts](caf::actor_system& sys) {
    correlator_config cfg;
    cfg.names = opts.names;
    cfg.delay = milliseconds{opts.settings.correlation.delay_ms};
    cfg.tags = opts.settings.correlation.tags;
    cfg.edge_threshold_pts = opts.settings.correlation.edge_threshold_pts;
    cfg.metrics = opts.metrics;
    return spawn_correlator(sys, cfg);
  }));

  market_actor_config market;
  market.names = opts.names;
  market.spike_threshold_pts = s.markets.spike_threshold_pts;
  market.history = s.markets.history;
  market.metrics = make_market_metrics(opts.metrics.get());

  out.push_back(
      simple_child<markets_poller_actor>("markets_poller", [opts, market](caf::actor_system& sys) {
        const auto& k = opts.settings.sources.kalshi;
        markets_poller_config cfg;
        cfg.names = opts.names;
        cfg.market = market;
        cfg.series = k.series;
        cfg.rules = opts.settings.markets.rules;
        cfg.interval = seconds{k.interval_s};
        cfg.phase = milliseconds{opts.settings.sources.espn.scoreboard_interval_s * 1000 / 2};
        // A listing is several pages, each rate-limited.
        cfg.timeout = milliseconds{k.timeout_ms} * std::min(k.max_pages + 1, 20);
        cfg.backoff_initial = milliseconds{k.backoff_initial_ms};
        cfg.backoff_max = milliseconds{k.backoff_max_ms};
        cfg.source = opts.source->name();
        cfg.metrics = opts.metrics;
        return spawn_markets_poller(sys, cfg);
      }));
  return out;
}

} // namespace playclock
