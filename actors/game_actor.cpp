#include "actors/game_actor.hpp"

#include <algorithm>
#include <optional>
#include <unordered_set>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <spdlog/spdlog.h>

#include "actors/event_hub.hpp"
#include "actors/timed_request.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/sports/enrich.hpp"
#include "messages/storage.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace {

using namespace std::chrono_literals;

struct game_actor_state {
  static inline const char* name = "game";
  game_actor_config cfg;
  std::shared_ptr<spdlog::logger> log;
  bool loaded = false;
  /// The newest scoreboard entry that arrived while loading.
  std::optional<sports::game> pending;
  /// Injury entries that arrived while loading.
  std::vector<sports::injury> pending_injuries;
  std::optional<sports::game> last;
  /// The game as stored before a restart: what the first scoreboard after
  /// it is compared with for events.
  std::optional<sports::game> resumed;
  std::unordered_set<std::string> seen;
  std::unordered_set<std::string> injuries;
  std::unique_ptr<sports::rolling_window> rolling;
  bool fetching = false;
  /// A change arrived while a fetch was in flight: fetch again after it.
  bool refetch = false;
  int fetch_failures = 0;
  /// The summary fetched after the game went final has been stored.
  bool final_processed = false;
};

using self_ptr = game_actor::stateful_pointer<game_actor_state>;

storage_actor storage_of(self_ptr self) {
  return self->state.cfg.names->get_as<storage_actor>("node/storage");
}

fetcher_actor fetchers_of(self_ptr self) {
  return self->state.cfg.names->get_as<fetcher_actor>("node/fetchers");
}

event_hub_actor hub_of(self_ptr self) {
  return self->state.cfg.names->get_as<event_hub_actor>("node/events");
}

void on_scoreboard(self_ptr self, sports::game g);

void count_event(self_ptr self, const char* kind) {
  if (auto& m = self->state.cfg.metrics; m && m->events != nullptr)
    m->events->Add({{"event", kind}}).Increment();
}

bool changed(const sports::game& a, const sports::game& b) {
  auto situation_key = [](const sports::game& g) {
    return g.now ? std::make_tuple(g.now->down, g.now->distance, g.now->yards_to_endzone,
                                   g.now->possession, g.now->last_play_id)
                 : std::make_tuple(0, 0, 0, std::string{}, std::string{});
  };
  return a.state != b.state || a.home_score != b.home_score || a.away_score != b.away_score ||
         a.period != b.period || a.clock != b.clock || situation_key(a) != situation_key(b);
}

std::string possession_of(const sports::game& g) {
  return g.now ? g.now->possession : std::string{};
}

// Hands a batch to storage; while storage restarts, retries every second
// (the rows stay with this actor, nothing is dropped).
void send_batch(self_ptr self, store_batch b) {
  auto storage = storage_of(self);
  if (!storage) {
    self->delayed_send(self, std::chrono::seconds{1}, store_atom::value, std::move(b));
    return;
  }
  self->request(storage, caf::infinite, store_atom::value, std::move(b))
      .then([](std::int32_t) {},
            [self](caf::error& e) {
              self->state.log->warn("game {} could not hand rows to storage: {}",
                                    self->state.cfg.game_id, self->system().render(e));
            });
}

void store_game(self_ptr self, std::vector<stored_play> plays = {},
                std::vector<sports::injury> injuries = {}) {
  auto& st = self->state;
  // Injuries may come before the first scoreboard (a restarted actor).
  if (!st.last && injuries.empty())
    return;
  store_batch b;
  if (st.last)
    b.games.push_back(*st.last);
  b.plays = std::move(plays);
  b.injury_games.assign(injuries.size(), st.cfg.game_id);
  b.injuries = std::move(injuries);
  send_batch(self, std::move(b));
}

void maybe_retire(self_ptr self) {
  auto& st = self->state;
  if (!st.last || st.last->state != sports::game_state::post || !st.final_processed || st.fetching)
    return;
  game_final ev{st.cfg.game_id, st.last->home.abbreviation, st.last->away.abbreviation,
                st.last->home_score, st.last->away_score};
  publish(self, hub_of(self), "games", ev);
  count_event(self, "game_final");
  st.log->info("game {} final: {} {} - {} {}; retiring", st.cfg.game_id, ev.away, ev.away_score,
               ev.home_score, ev.home);
  self->quit();
}

void handle_injuries(self_ptr self, const std::vector<sports::injury>& injuries) {
  auto& st = self->state;
  std::vector<sports::injury> fresh;
  for (const auto& inj : injuries) {
    auto key = inj.player_id + "|" + inj.status;
    if (inj.player_id.empty() || st.injuries.count(key) > 0)
      continue;
    // Drop older statuses of the player so a change back is reported again.
    std::string previous;
    for (auto i = st.injuries.begin(); i != st.injuries.end();) {
      if (i->rfind(inj.player_id + "|", 0) == 0) {
        previous = i->substr(inj.player_id.size() + 1);
        i = st.injuries.erase(i);
      } else {
        ++i;
      }
    }
    st.injuries.insert(key);
    fresh.push_back(inj);
    publish(self, hub_of(self), "games", injury_reported{st.cfg.game_id, inj, previous});
    count_event(self, "injury_reported");
  }
  if (!fresh.empty())
    store_game(self, {}, std::move(fresh));
}

void fetch_summary(self_ptr self);

void on_summary(self_ptr self, summary_result& r) {
  auto& st = self->state;
  if (!r.ok) {
    ++st.fetch_failures;
    st.log->warn("game {}: play-by-play fetch failed ({}): {}", st.cfg.game_id, r.error_kind,
                 r.error);
    // Retry with backoff (2 s, 4 s, ... 32 s) rather than wait for the next
    // scoreboard change, which may be a minute away. A final game gives up
    // after five tries and retires.
    const bool final = st.last && st.last->state == sports::game_state::post;
    if (final && st.fetch_failures >= 5) {
      st.final_processed = true;
      maybe_retire(self);
    } else {
      self->delayed_send(self, std::chrono::seconds{1 << std::min(st.fetch_failures, 5)},
                         tick_atom::value);
    }
    return;
  }
  st.fetch_failures = 0;
  std::sort(r.plays.begin(), r.plays.end(),
            [](const sports::play& a, const sports::play& b) { return a.sequence < b.sequence; });
  sports::enrich_options eo;
  eo.big_play_yards = st.cfg.big_play_yards;
  std::vector<stored_play> fresh;
  const auto home = st.last ? st.last->home.abbreviation : std::string{};
  const auto away = st.last ? st.last->away.abbreviation : std::string{};
  for (auto& p : r.plays) {
    if (p.id.empty() || !st.seen.insert(p.id).second)
      continue;
    st.rolling->add(p);
    auto numbers = st.rolling->of(p.team);
    stored_play sp{
        st.cfg.game_id, p, sports::tag_play(p, eo),
        rolling_stats{p.team, numbers.plays, numbers.yards_per_play, numbers.success_rate}};
    if (auto& m = st.cfg.metrics; m) {
      if (m->plays_ingested != nullptr)
        m->plays_ingested->Increment();
      if (m->tags != nullptr)
        for (const auto& t : sp.tags)
          m->tags->Add({{"tag", t}}).Increment();
    }
    publish(self, hub_of(self), "games",
            play_added{st.cfg.game_id, home, away, p, sp.tags, sp.offense});
    count_event(self, "play_added");
    fresh.push_back(std::move(sp));
  }
  if (!fresh.empty())
    store_game(self, std::move(fresh));
  handle_injuries(self, r.injuries);
  if (st.last && st.last->state == sports::game_state::post)
    st.final_processed = true;
}

void fetch_summary(self_ptr self) {
  auto& st = self->state;
  if (st.fetching) {
    st.refetch = true;
    return;
  }
  st.fetching = true;
  st.refetch = false;
  auto fetchers = fetchers_of(self);
  if (!fetchers) {
    st.fetching = false;
    self->delayed_send(self, std::chrono::seconds{1}, tick_atom::value);
    return;
  }
  // No CAF time-out: CAF 0.17 keeps a request's time-out on its clock after
  // the answer came and then delivers it as a stray message; at twice the
  // source's time-out (a multiple of the poll interval) those of a whole poll
  // woke the game actors inside a later poll's burst. An answer always
  // comes: the fetchers answer every request (source failures and their own
  // HTTP time-outs included), and CAF answers with an error for a fetcher
  // that dies in the middle (tests/actors/game_actor_source.cpp).
  self->request(fetchers, caf::infinite, summary_atom::value, st.cfg.game_id)
      .then(
          [self](summary_result& r) {
            self->state.fetching = false;
            on_summary(self, r);
            if (self->state.refetch)
              fetch_summary(self);
            else
              maybe_retire(self);
          },
          [self](caf::error& e) {
            auto& st = self->state;
            st.fetching = false;
            summary_result r;
            r.error = self->system().render(e);
            r.error_kind = "network";
            on_summary(self, r);
            // A change that came while this fetch was in flight still needs one.
            if (st.refetch)
              fetch_summary(self);
          });
}

void on_scoreboard(self_ptr self, sports::game g) {
  auto& st = self->state;
  if (!st.loaded) {
    st.pending = std::move(g);
    return;
  }
  bool first = !st.last;
  if (!first && !changed(*st.last, g))
    return;
  // After a restart the stored game stands in for the last one seen, so a
  // change that happened while the actor was down is still announced.
  auto resumed = std::move(st.resumed);
  st.resumed.reset();
  if (!first || resumed) {
    const auto& prev = first ? *resumed : *st.last;
    if (prev.home_score != g.home_score || prev.away_score != g.away_score) {
      score_changed ev{g.id,
                       g.home.abbreviation,
                       g.away.abbreviation,
                       g.home_score,
                       g.away_score,
                       prev.home_score,
                       prev.away_score,
                       g.home_score > prev.home_score ? g.home.abbreviation : g.away.abbreviation,
                       g.period,
                       g.clock};
      publish(self, hub_of(self), "games", ev);
      count_event(self, "score_changed");
    }
    if (prev.state != g.state) {
      publish(self, hub_of(self), "games", game_state_changed{g.id, prev.state, g.state});
      count_event(self, "game_state_changed");
    }
    auto was = possession_of(prev);
    auto is = possession_of(g);
    if (!is.empty() && was != is) {
      publish(self, hub_of(self), "games", possession_changed{g.id, is, was});
      count_event(self, "possession_changed");
    }
  }
  st.last = std::move(g);
  // Frequent and of interest to few (the correlator's edge check): its own topic.
  publish_state(self, hub_of(self), "game_updates", game_updated{*st.last});
  store_game(self);
  // Play-by-play only for games that have plays, and only on a change.
  if (st.last->state != sports::game_state::pre)
    fetch_summary(self);
}

game_actor::behavior_type game_impl(self_ptr self, game_actor_config cfg) {
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.log = log::component("game");
  st.rolling = std::make_unique<sports::rolling_window>(st.cfg.rolling_window);
  auto storage = storage_of(self);
  if (!storage) {
    // Fail: the supervisor retries after its backoff, by then storage is back.
    st.log->error("game {}: no storage to load from", st.cfg.game_id);
    self->quit(caf::make_error(caf::sec::runtime_error, "storage is not running"));
  } else
    timed_request(self, storage, 30s, load_atom::value, st.cfg.game_id)
        .then(
            [self](game_record& rec) {
              auto& st = self->state;
              if (rec.found) {
                st.seen.insert(rec.play_ids.begin(), rec.play_ids.end());
                for (const auto& p : rec.recent_plays)
                  st.rolling->add(p);
                st.injuries.insert(rec.injury_keys.begin(), rec.injury_keys.end());
                st.resumed = rec.game;
                st.log->debug("game {} resumed with {} stored plays", st.cfg.game_id,
                              rec.play_ids.size());
              }
              st.loaded = true;
              if (st.pending) {
                auto g = std::move(*st.pending);
                st.pending.reset();
                on_scoreboard(self, std::move(g));
              }
              if (!st.pending_injuries.empty()) {
                auto injuries = std::move(st.pending_injuries);
                st.pending_injuries.clear();
                handle_injuries(self, injuries);
              }
            },
            [self](caf::error& e) {
              // Without the record we cannot tell old plays from new ones: fail
              // and let the supervisor retry with backoff.
              self->state.log->error("game {} cannot load its state: {}", self->state.cfg.game_id,
                                     self->system().render(e));
              self->quit(std::move(e));
            });
  return {
      [self](scoreboard_atom, sports::game& g) { on_scoreboard(self, std::move(g)); },
      [self](summary_atom, summary_result& r) {
        auto& st = self->state;
        if (st.loaded)
          handle_injuries(self, r.injuries);
        else // cannot tell new from known before the record is in
          st.pending_injuries.insert(st.pending_injuries.end(), r.injuries.begin(),
                                     r.injuries.end());
      },
      [self](tick_atom) { fetch_summary(self); },
      [self](store_atom, store_batch& b) { send_batch(self, std::move(b)); },
  };
}

} // namespace

game_actor spawn_game_actor(caf::actor_system& sys, game_actor_config cfg) {
  return sys.spawn(game_impl, std::move(cfg));
}

child_spec game_child_spec(game_actor_config cfg) {
  child_spec spec;
  spec.name = cfg.game_id;
  spec.kind = "game";
  spec.restart = restart_type::transient;
  spec.dynamic = true;
  spec.shutdown_timeout = std::chrono::seconds{2};
  spec.start = [cfg = std::move(cfg)](caf::actor_system& sys) {
    return caf::actor_cast<caf::actor>(spawn_game_actor(sys, cfg));
  };
  return spec;
}

} // namespace playclock
