#include "actors/fetcher_actor.hpp"

#include <chrono>

#include <caf/actor_cast.hpp>
#include <caf/actor_pool.hpp>
#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <prometheus/counter.h>
#include <prometheus/histogram.h>

#include <spdlog/logger.h>

#include "adapters/log/logging.hpp"
#include "adapters/metrics/registry.hpp"
#include "adapters/sources/games_source.hpp"

namespace playclock {

namespace {

struct source_metrics {
  prometheus::Family<prometheus::Counter>* requests = nullptr;
  prometheus::Family<prometheus::Counter>* errors = nullptr;
  prometheus::Family<prometheus::Counter>* rejected = nullptr;
  prometheus::Family<prometheus::Histogram>* duration = nullptr;
};

source_metrics make_metrics(metrics::registry* reg) {
  source_metrics m;
  if (reg == nullptr)
    return m;
  auto& p = reg->prom();
  m.requests = &prometheus::BuildCounter()
                    .Name("playclock_source_requests_total")
                    .Help("Requests to outside sources, by source and endpoint.")
                    .Register(p);
  m.errors = &prometheus::BuildCounter()
                  .Name("playclock_source_errors_total")
                  .Help("Failed requests to outside sources, by source, endpoint and kind.")
                  .Register(p);
  m.rejected = &prometheus::BuildCounter()
                    .Name("playclock_source_rejected_items_total")
                    .Help("Games or plays a source sent that could not be read (bad input).")
                    .Register(p);
  m.duration = &prometheus::BuildHistogram()
                    .Name("playclock_source_request_duration_seconds")
                    .Help("Duration of one request to a source, parsing included.")
                    .Register(p);
  return m;
}

struct fetcher_state {
  static inline const char* name = "fetcher";
  fetcher_config cfg;
  source_metrics m;
  std::shared_ptr<spdlog::logger> log;
};

using self_ptr = fetcher_actor::stateful_pointer<fetcher_state>;

// Logs what a source sent that could not be read and sums it up for the
// sync log ("2 rejected: 401 events[3].competitions[0]: ...").
std::string report_rejected(self_ptr self, const std::string& source,
                            const std::vector<sources::rejected_game>& rejected) {
  std::string summary;
  for (const auto& r : rejected) {
    self->state.log->warn("{}: rejected game {} at {}: {}", source,
                          r.game_id.empty() ? "?" : r.game_id, r.path, r.message);
    if (summary.size() < 400)
      summary += (summary.empty() ? "" : "; ") + r.game_id + " " + r.path + ": " + r.message;
  }
  return rejected.empty() ? std::string{}
                          : std::to_string(rejected.size()) + " rejected: " + summary;
}

// Counts one request and measures it.
template <class F>
auto measured(self_ptr self, const std::string& source, const char* endpoint, F&& f) {
  auto& m = self->state.m;
  auto start = std::chrono::steady_clock::now();
  auto result = f();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (m.requests != nullptr) {
    m.requests->Add({{"source", source}, {"endpoint", endpoint}}).Increment();
    static const prometheus::Histogram::BucketBoundaries buckets{
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    m.duration->Add({{"source", source}, {"endpoint", endpoint}}, buckets).Observe(secs);
    if (!result.ok)
      m.errors->Add({{"source", source}, {"endpoint", endpoint}, {"kind", result.error_kind}})
          .Increment();
  }
  return std::make_pair(std::move(result), secs);
}

fetcher_actor::behavior_type fetcher_impl(self_ptr self, fetcher_config cfg) {
  self->state.cfg = std::move(cfg);
  self->state.m = make_metrics(self->state.cfg.metrics.get());
  self->state.log = log::component("fetcher");
  return {
      [self](scoreboard_atom, const std::string& dates) {
        auto& src = *self->state.cfg.games;
        auto [r, secs] = measured(self, src.name(), dates.empty() ? "scoreboard" : "schedule", [&] {
          scoreboard_result out;
          auto got = src.scoreboard(dates);
          if (auto* e = std::get_if<sources::fetch_error>(&got)) {
            out.error = e->message;
            out.error_kind = to_string(e->kind);
            out.retry_after_s = e->retry_after_s;
            return out;
          }
          auto& d = std::get<sources::scoreboard_data>(got);
          out.ok = true;
          out.games = std::move(d.games);
          out.rejected = static_cast<std::int32_t>(d.rejected.size());
          out.error = report_rejected(self, src.name(), d.rejected);
          return out;
        });
        if (r.rejected > 0 && self->state.m.rejected != nullptr)
          self->state.m.rejected->Add({{"source", src.name()}, {"item", "game"}})
              .Increment(r.rejected);
        r.seconds = secs;
        return r;
      },
      [self](summary_atom, const std::string& game_id) {
        auto& src = *self->state.cfg.games;
        auto [r, secs] = measured(self, src.name(), "summary", [&] {
          summary_result out;
          out.game_id = game_id;
          auto got = src.summary(game_id);
          if (auto* e = std::get_if<sources::fetch_error>(&got)) {
            out.error = e->message;
            out.error_kind = to_string(e->kind);
            return out;
          }
          auto& d = std::get<sources::summary_data>(got);
          out.ok = true;
          out.plays = d.summary.all_plays();
          out.scoring_play_ids = std::move(d.summary.scoring_play_ids);
          out.injuries = std::move(d.summary.injuries);
          out.rejected = static_cast<std::int32_t>(d.rejected.size());
          out.error = report_rejected(self, src.name(), d.rejected);
          return out;
        });
        if (r.rejected > 0 && self->state.m.rejected != nullptr)
          self->state.m.rejected->Add({{"source", src.name()}, {"item", "play"}})
              .Increment(r.rejected);
        r.seconds = secs;
        return r;
      },
      [self](get_atom, double lat, double lon) {
        forecast_result out;
        auto& w = self->state.cfg.weather;
        if (!w) {
          out.error = "weather is not configured";
          out.error_kind = "network";
          return out;
        }
        auto [r, secs] = measured(self, w->name(), "forecast", [&] {
          forecast_result x;
          auto got = w->forecast(lat, lon);
          if (auto* e = std::get_if<sources::fetch_error>(&got)) {
            x.error = e->message;
            x.error_kind = to_string(e->kind);
            return x;
          }
          x.ok = true;
          x.slots = std::get<std::vector<sports::forecast>>(std::move(got));
          return x;
        });
        (void)secs;
        return r;
      },
  };
}

} // namespace

fetcher_actor spawn_fetchers(caf::actor_system& sys, fetcher_config cfg, int n) {
  auto factory = [&sys, cfg] {
    return caf::actor_cast<caf::actor>(sys.spawn<caf::detached>(fetcher_impl, cfg));
  };
  auto pool = caf::actor_pool::make(sys.dummy_execution_unit(), static_cast<std::size_t>(n),
                                    factory, caf::actor_pool::round_robin());
  return caf::actor_cast<fetcher_actor>(pool);
}

} // namespace playclock
