#include "actors/market_fetcher.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <spdlog/logger.h>

#include "actors/linked_pool.hpp"
#include "actors/source_metrics.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "adapters/os/thread_nice.hpp"
#include "adapters/sources/markets_source.hpp"

namespace playclock {

namespace {

struct market_fetcher_state {
  static inline const char* name = "market_fetcher";
  market_fetcher_config cfg;
  source_metrics m;
  std::shared_ptr<spdlog::logger> log;
};

using self_ptr = market_fetcher_actor::stateful_pointer<market_fetcher_state>;

void fail(markets_result& out, const sources::fetch_error& e) {
  out.ok = false;
  out.error = e.message;
  out.error_kind = to_string(e.kind);
  out.retry_after_s = e.retry_after_s;
}

// Logs the markets a source sent that could not be read; returns a summary
// for the sync log.
std::string report_rejected(self_ptr self, const std::string& source,
                            const std::vector<markets::rejected_market>& rejected) {
  std::string summary;
  for (const auto& r : rejected) {
    self->state.log->warn("{}: rejected market {} at {}: {}", source,
                          r.ticker.empty() ? "?" : r.ticker, r.path, r.message);
    if (summary.size() < 400)
      summary += (summary.empty() ? "" : "; ") + r.ticker + " " + r.path + ": " + r.message;
  }
  return rejected.empty() ? std::string{}
                          : std::to_string(rejected.size()) + " rejected: " + summary;
}

// Every open market of `series` ("" = all series), page after page.
markets_result list_open(self_ptr self, const std::string& series) {
  auto& cfg = self->state.cfg;
  markets_result out;
  sources::markets_query q;
  q.status = "open";
  q.series_ticker = series;
  q.limit = cfg.page_limit;
  auto got = sources::all_markets(*cfg.source, q, cfg.max_pages);
  if (auto* e = std::get_if<sources::fetch_error>(&got)) {
    fail(out, *e);
    return out;
  }
  auto& listing = std::get<sources::markets_listing>(got);
  if (listing.end != sources::paging_end::last_page)
    self->state.log->warn("{}: listing of series {} stopped early ({}, {} pages)",
                          cfg.source->name(), series.empty() ? "*" : series,
                          sources::to_string(listing.end), listing.pages);
  out.ok = true;
  out.markets = std::move(listing.markets);
  out.rejected = static_cast<std::int32_t>(listing.rejected.size());
  out.error = report_rejected(self, cfg.source->name(), listing.rejected);
  return out;
}

market_fetcher_actor::behavior_type market_fetcher_impl(self_ptr self, market_fetcher_config cfg) {
  log::name_this_thread("pc-mkt-fetch");
  self->state.cfg = std::move(cfg);
  self->state.m = make_source_metrics(self->state.cfg.metrics.get());
  self->state.log = log::component("market_fetcher");
  os::stand_aside(self->state.cfg.nice, *self->state.log);
  return {
      [self](markets_atom, const std::string& series) {
        const auto& src = self->state.cfg.source->name();
        auto [r, secs] =
            measured(self->state.m, src, "markets", [&] { return list_open(self, series); });
        self->state.m.count_rejected(src, "market", r.rejected);
        r.seconds = secs;
        return r;
      },
      [self](get_atom, const std::string& ticker) {
        auto& src = *self->state.cfg.source;
        auto [r, secs] = measured(self->state.m, src.name(), "market", [&] {
          markets_result out;
          auto got = src.market(ticker);
          if (auto* e = std::get_if<sources::fetch_error>(&got)) {
            fail(out, *e);
            return out;
          }
          out.ok = true;
          out.markets.push_back(std::get<markets::market>(std::move(got)));
          return out;
        });
        r.seconds = secs;
        return r;
      },
  };
}

} // namespace

market_fetcher_actor spawn_market_fetchers(caf::actor_system& sys, market_fetcher_config cfg,
                                           int n) {
  auto factory = [&sys, cfg] {
    return caf::actor_cast<caf::actor>(sys.spawn<caf::detached>(market_fetcher_impl, cfg));
  };
  return caf::actor_cast<market_fetcher_actor>(
      make_linked_pool(sys, static_cast<std::size_t>(n), factory));
}

} // namespace playclock
