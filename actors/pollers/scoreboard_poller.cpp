#include "actors/pollers/scoreboard_poller.hpp"

#include <unordered_map>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <spdlog/spdlog.h>

#include "actors/pollers/poll_metrics.hpp"
#include "actors/pollers/poller_common.hpp"
#include "actors/timed_request.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/metrics/registry.hpp"
#include "adapters/sources/backoff.hpp"
#include "messages/actors.hpp"
#include "messages/storage.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace {

struct scoreboard_poller_state {
  static inline const char* name = "scoreboard_poller";
  scoreboard_poller_config cfg;
  std::shared_ptr<spdlog::logger> log;
  std::unique_ptr<sources::backoff> retry;
  bool polling = false;
  pollers::poll_now_waiters now;
  /// Games already final when last seen: no new actor for them.
  std::unordered_map<std::string, sports::game_state> seen;
  /// The last successful poll's games that are not final.
  scoreboard_result open;
  prometheus::Gauge* live = nullptr;
  prometheus::Gauge* tracked = nullptr;
  prometheus::Histogram* cycle = nullptr;
};

using self_ptr = scoreboard_poller_actor::stateful_pointer<scoreboard_poller_state>;

void deliver(self_ptr self, sports::game g) {
  auto& st = self->state;
  auto name = "node/games/" + g.id;
  if (auto h = st.cfg.names->get_as<game_actor>(name)) {
    self->send(h, scoreboard_atom::value, std::move(g));
    return;
  }
  auto games = st.cfg.names->get_as<supervisor_actor>("node/games");
  if (!games) {
    st.log->warn("games supervisor is restarting; game {} waits for the next poll", g.id);
    return;
  }
  auto cfg = st.cfg.game;
  cfg.game_id = g.id;
  timed_request(self, games, std::chrono::seconds{5}, start_atom::value, game_child_spec(cfg))
      .then(
          [self, g](caf::actor& h) mutable {
            self->send(caf::actor_cast<game_actor>(h), scoreboard_atom::value, std::move(g));
          },
          [self, id = g.id](caf::error& e) {
            self->state.log->warn("cannot start game actor {}: {}", id, self->system().render(e));
          });
}

void on_result(self_ptr self, scoreboard_result& r, std::int64_t started_ms) {
  auto& st = self->state;
  store_batch sync;
  sync.sync.push_back(pollers::sync_row(st.cfg.source + ".scoreboard", started_ms, r.seconds, r.ok,
                                        static_cast<std::int32_t>(r.games.size()), r.error));
  st.now.round_ends(sync.sync.back());
  if (auto storage = st.cfg.names->get_as<storage_actor>("node/storage"))
    caf::anon_send(storage, store_atom::value, std::move(sync));
  if (!r.ok) {
    auto wait = st.retry->next();
    if (r.retry_after_s > 0)
      wait = std::max(wait, std::chrono::milliseconds{std::chrono::seconds{r.retry_after_s}});
    st.log->warn("scoreboard poll failed ({}), retry in {} ms: {}", r.error_kind, wait.count(),
                 r.error);
    self->delayed_send(self, st.now.next_wait(wait), tick_atom::value, st.now.gen);
    return;
  }
  if (st.retry->failures() > 0)
    st.log->info("scoreboard polls work again");
  st.retry->reset();
  st.open = scoreboard_result{};
  st.open.ok = true;
  for (const auto& g : r.games)
    if (g.state != sports::game_state::post)
      st.open.games.push_back(g);
  int live = 0;
  for (auto& g : r.games) {
    if (g.state == sports::game_state::in)
      ++live;
    auto [it, fresh] = st.seen.try_emplace(g.id, g.state);
    // A game seen final before has retired its actor: leave it alone. An
    // actor restarted before it could retire still needs the final entry.
    if (!fresh && it->second == sports::game_state::post && g.state == sports::game_state::post &&
        !st.cfg.names->get("node/games/" + g.id))
      continue;
    it->second = g.state;
    deliver(self, std::move(g));
  }
  if (st.live != nullptr)
    st.live->Set(live);
  if (st.tracked != nullptr)
    st.tracked->Set(static_cast<double>(r.games.size()));
}

void poll(self_ptr self) {
  auto& st = self->state;
  if (st.polling)
    return;
  st.polling = true;
  auto started = std::chrono::steady_clock::now();
  auto started_ms = pollers::unix_ms();
  auto fetchers = st.cfg.names->get_as<fetcher_actor>("node/fetchers");
  if (!fetchers) {
    st.polling = false;
    self->delayed_send(self, st.cfg.interval, tick_atom::value, st.now.gen);
    return;
  }
  st.now.round_starts();
  timed_request(self, fetchers, st.cfg.timeout, scoreboard_atom::value, std::string{})
      .then(
          [self, started, started_ms](scoreboard_result& r) {
            auto& st = self->state;
            st.polling = false;
            bool ok = r.ok;
            on_result(self, r, started_ms);
            auto took = std::chrono::steady_clock::now() - started;
            if (st.cycle != nullptr)
              st.cycle->Observe(std::chrono::duration<double>(took).count());
            // Keep the cadence: polls start at whole multiples of the
            // interval (the markets poller's fall half-way between).
            if (ok) {
              auto wait =
                  pollers::next_poll_wait(st.cfg.interval, std::chrono::milliseconds{0}, took);
              self->delayed_send(self, st.now.next_wait(wait), tick_atom::value, st.now.gen);
            }
          },
          [self, started_ms](caf::error& e) {
            scoreboard_result r;
            r.error = self->system().render(e);
            r.error_kind = e == caf::sec::request_timeout ? "timeout" : "network";
            self->state.polling = false;
            on_result(self, r, started_ms);
          });
}

scoreboard_poller_actor::behavior_type poller_impl(self_ptr self, scoreboard_poller_config cfg) {
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.log = log::component("scoreboard_poller");
  st.retry = std::make_unique<sources::backoff>(st.cfg.backoff_initial, st.cfg.backoff_max,
                                                reinterpret_cast<std::uintptr_t>(self));
  if (st.cfg.metrics) {
    auto& p = st.cfg.metrics->prom();
    st.live = &prometheus::BuildGauge()
                   .Name("playclock_live_games")
                   .Help("Games in progress on the last scoreboard.")
                   .Register(p)
                   .Add({});
    st.tracked = &prometheus::BuildGauge()
                      .Name("playclock_scoreboard_games")
                      .Help("Games on the last scoreboard (any state).")
                      .Register(p)
                      .Add({});
    st.cycle = pollers::poll_duration(st.cfg.metrics.get(), st.cfg.source, "scoreboard");
  }
  self->send(self, tick_atom::value, std::uint64_t{0});
  return {
      [self](tick_atom, std::uint64_t gen) {
        if (gen == self->state.now.gen)
          poll(self);
      },
      [self](poll_now_atom) {
        return pollers::ask_poll_now(self, self->state.now, self->state.polling,
                                     [self] { poll(self); });
      },
      [self](scoreboard_atom) {
        auto r = self->state.open;
        if (!r.ok)
          r.error = "no scoreboard yet";
        return r;
      },
  };
}

} // namespace

scoreboard_poller_actor spawn_scoreboard_poller(caf::actor_system& sys,
                                                scoreboard_poller_config cfg) {
  return sys.spawn(poller_impl, std::move(cfg));
}

} // namespace playclock
