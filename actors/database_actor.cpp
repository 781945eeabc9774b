#include "actors/database_actor.hpp"

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <prometheus/gauge.h>
#include <spdlog/spdlog.h>

#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "adapters/pg/pool.hpp"
#include "adapters/pg/probe.hpp"

namespace playclock {

namespace {

struct database_state {
  static inline const char* name = "database";
  database_config cfg;
  std::shared_ptr<spdlog::logger> log;
  // Unknown until the first probe, so the first result is always logged.
  int last_up = -1;
};

using self_ptr = database_actor::stateful_pointer<database_state>;

db_status ping(self_ptr self) {
  auto& st = self->state;
  auto r = pg::probe(*st.cfg.pool);
  if (st.cfg.up_gauge != nullptr)
    st.cfg.up_gauge->Set(r.up ? 1 : 0);
  if (st.cfg.ping_gauge != nullptr && r.up)
    st.cfg.ping_gauge->Set(r.latency_ms / 1000.0);
  int up = r.up ? 1 : 0;
  if (up != st.last_up) {
    if (r.up)
      st.log->info("database reachable ({:.1f} ms)", r.latency_ms);
    else
      st.log->error("database unreachable: {}", r.error);
    st.last_up = up;
  }
  auto stats = st.cfg.pool->stats();
  db_status s;
  s.up = r.up;
  s.latency_ms = r.latency_ms;
  s.error = r.error;
  s.pool_size = stats.size;
  s.pool_in_use = stats.in_use;
  s.pool_idle = stats.idle;
  s.pool_waits = stats.waits;
  return s;
}

database_actor::behavior_type database_impl(self_ptr self, database_config cfg) {
  log::name_this_thread("pc-db-probe");
  self->state.cfg = std::move(cfg);
  self->state.log = log::component("database");
  self->send(self, tick_atom::value);
  return {
      [self](ping_atom) { return ping(self); },
      [self](tick_atom) {
        ping(self);
        self->delayed_send(self, self->state.cfg.probe_interval, tick_atom::value);
      },
  };
}

} // namespace

database_actor spawn_database_actor(caf::actor_system& sys, database_config cfg) {
  return sys.spawn<caf::detached>(database_impl, std::move(cfg));
}

} // namespace playclock
