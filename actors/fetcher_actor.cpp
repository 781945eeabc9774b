#include "actors/fetcher_actor.hpp"

#include "actors/linked_pool.hpp"
#include "actors/source_metrics.hpp"

#include <chrono>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <spdlog/logger.h>

#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "adapters/metrics/registry.hpp"
#include "adapters/os/thread_nice.hpp"
#include "adapters/sources/games_source.hpp"

namespace playclock {

namespace {

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

fetcher_actor::behavior_type fetcher_impl(self_ptr self, fetcher_config cfg) {
  log::name_this_thread("pc-fetch");
  self->state.cfg = std::move(cfg);
  self->state.m = make_source_metrics(self->state.cfg.metrics.get());
  self->state.log = log::component("fetcher");
  os::stand_aside(self->state.cfg.nice, *self->state.log);
  return {
      [self](scoreboard_atom, const std::string& dates) {
        auto& src = *self->state.cfg.games;
        auto [r, secs] =
            measured(self->state.m, src.name(), dates.empty() ? "scoreboard" : "schedule", [&] {
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
        self->state.m.count_rejected(src.name(), "game", r.rejected);
        r.seconds = secs;
        return r;
      },
      [self](summary_atom, const std::string& game_id) {
        auto& src = *self->state.cfg.games;
        auto [r, secs] = measured(self->state.m, src.name(), "summary", [&] {
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
        self->state.m.count_rejected(src.name(), "play", r.rejected);
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
        auto [r, secs] = measured(self->state.m, w->name(), "forecast", [&] {
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
  return caf::actor_cast<fetcher_actor>(
      make_linked_pool(sys, static_cast<std::size_t>(n), factory));
}

} // namespace playclock
