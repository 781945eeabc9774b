#include "actors/alert_store_actor.hpp"

#include <algorithm>
#include <utility>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <pqxx/connection_base>
#include <spdlog/spdlog.h>

#include "actors/alerts/alert_sql.hpp"
#include "actors/storage/db_call.hpp"
#include "actors/tenants/tenants_sql.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "adapters/pg/pool.hpp"

namespace playclock {

namespace {

struct store_worker_state {
  static inline const char* name = "alert_store_worker";
  alert_store_config cfg;
  std::shared_ptr<spdlog::logger> log;
  bool tenants_synced = false;
};

using worker_ptr = alert_store_actor::stateful_pointer<store_worker_state>;

// Runs `f(conn)` on a pooled connection; every failure becomes an error
// reply, the worker itself never fails.
template <class T, class F>
caf::result<T> run(worker_ptr self, const char* what, F f) {
  return db::call<T>(*self->state.cfg.pool, *self->state.log, std::string{"alert_store "} + what,
                     f);
}

// The configured tenants, once per worker; a failure is retried next time
// (the request that follows fails on its own if the database is down).
void sync_tenants(worker_ptr self) {
  auto& st = self->state;
  if (st.tenants_synced)
    return;
  try {
    st.cfg.pool->run(
        [&](pqxx::connection_base& c) { tenants_sql::upsert_tenants(c, st.cfg.tenants); });
    st.tenants_synced = true;
  } catch (const std::exception& e) {
    st.log->warn("alert_store cannot upsert the configured tenants yet: {}",
                 db::one_line(e.what()));
  }
}

alert_store_actor::behavior_type store_worker(worker_ptr self, alert_store_config cfg) {
  log::name_this_thread("pc-alert-write");
  self->state.cfg = std::move(cfg);
  self->state.log = log::component("alerts");
  using conn = pqxx::connection_base;
  return {
      [self](load_atom) {
        sync_tenants(self);
        return run<alert_bootstrap>(self, "load_bootstrap",
                                    [](conn& c) { return alerts_sql::load_bootstrap(c); });
      },
      [self](load_atom, const std::string& channel) {
        return run<std::vector<alert_delivery>>(
            self, "load_pending", [&](conn& c) { return alerts_sql::load_pending(c, channel); });
      },
      [self](store_atom, const decision_batch& b) {
        static const std::vector<alert_decision> none;
        const auto& ds = b.rows ? *b.rows : none;
        return run<std::vector<std::string>>(
            self, "insert_decisions", [&](conn& c) { return alerts_sql::insert_decisions(c, ds); });
      },
      [self](delivered_atom, const std::vector<delivery_record>& rs) {
        return run<std::int32_t>(self, "record_deliveries",
                                 [&](conn& c) { return alerts_sql::record_deliveries(c, rs); });
      },
      [self](rules_atom, const alerts::rule& r) -> caf::result<alerts::rule> {
        sync_tenants(self);
        std::optional<alerts::rule> out;
        auto res = run<bool>(self, "insert_rule", [&](conn& c) {
          out = alerts_sql::insert_rule(c, r);
          return true;
        });
        if (!out) {
          if (res.err)
            return std::move(res.err);
          return make_error(query_errc::not_found, "tenant " + r.tenant + " not found");
        }
        return std::move(*out);
      },
      [self](delete_atom, const std::string& tenant, std::int64_t id) {
        return run<bool>(self, "delete_rule",
                         [&](conn& c) { return alerts_sql::delete_rule(c, tenant, id); });
      },
      [self](rules_atom, const std::string& tenant) {
        sync_tenants(self);
        return run<json_page>(self, "list_rules",
                              [&](conn& c) { return alerts_sql::list_rules(c, tenant); });
      },
      [self](const alerts_query& q) -> caf::result<json_page> {
        if (!q.cursor.empty() && !alerts_sql::decode_alerts_cursor(q.cursor))
          return make_error(query_errc::malformed_cursor, "cursor: malformed");
        sync_tenants(self);
        auto page = q;
        page.limit = std::clamp<std::int32_t>(q.limit, 1, 500);
        return run<json_page>(self, "list_alerts",
                              [&](conn& c) { return alerts_sql::list_alerts(c, page); });
      },
  };
}

// -- the round-robin front -------------------------------------------------------

struct store_front_state {
  static inline const char* name = "alert_store";
  std::vector<alert_store_actor> workers;
  std::size_t next = 0;

  const alert_store_actor& pick() { return workers[next++ % workers.size()]; }
};

using front_ptr = alert_store_actor::stateful_pointer<store_front_state>;

alert_store_actor::behavior_type store_front(front_ptr self, alert_store_config cfg) {
  log::name_this_thread("pc-alert-store");
  // Linked both ways: a dead worker takes the front down (the supervisor
  // restarts the group), and stopping the front stops them.
  for (int i = 0; i < std::max(cfg.workers, 1); ++i)
    self->state.workers.push_back(self->spawn<caf::detached + caf::linked>(store_worker, cfg));
  // delegate: the worker answers the original requester directly.
  return {
      [self](load_atom a) { return self->delegate(self->state.pick(), a); },
      [self](load_atom a, std::string& ch) {
        return self->delegate(self->state.pick(), a, std::move(ch));
      },
      [self](store_atom a, decision_batch& b) {
        return self->delegate(self->state.pick(), a, std::move(b));
      },
      [self](delivered_atom a, std::vector<delivery_record>& rs) {
        return self->delegate(self->state.pick(), a, std::move(rs));
      },
      [self](rules_atom a, alerts::rule& r) {
        return self->delegate(self->state.pick(), a, std::move(r));
      },
      [self](delete_atom a, std::string& tenant, std::int64_t id) {
        return self->delegate(self->state.pick(), a, std::move(tenant), id);
      },
      [self](rules_atom a, std::string& tenant) {
        return self->delegate(self->state.pick(), a, std::move(tenant));
      },
      [self](alerts_query& q) { return self->delegate(self->state.pick(), std::move(q)); },
  };
}

} // namespace

alert_store_actor spawn_alert_store(caf::actor_system& sys, alert_store_config cfg) {
  // Detached: decisions to write pass through it, and on a scheduler thread
  // they would queue behind a poll's burst of market updates.
  return sys.spawn<caf::detached>(store_front, std::move(cfg));
}

} // namespace playclock
