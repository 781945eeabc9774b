#include "actors/jobs/jobs_api.hpp"

#include <optional>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <pqxx/connection_base>
#include <spdlog/spdlog.h>

#include "actors/jobs/health_sql.hpp"
#include "actors/jobs/jobs_sql.hpp"
#include "actors/jobs/models_sql.hpp"
#include "actors/jobs/simulations_sql.hpp"
#include "actors/linked_pool.hpp"
#include "actors/storage/db_call.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace {

struct api_state {
  static inline const char* name = "jobs_api";
  jobs_api_config cfg;
  std::shared_ptr<spdlog::logger> log;
};

using self_ptr = jobs_api_actor::stateful_pointer<api_state>;

// A job that is not the caller's: unknown (404) or another tenant's (403).
caf::error scope_error(const jobs_sql::job_view& v, std::int64_t id) {
  if (!v.found)
    return make_error(query_errc::not_found, "job " + std::to_string(id) + " not found");
  return make_error(query_errc::forbidden,
                    "job " + std::to_string(id) + " belongs to another tenant");
}

jobs_api_actor::behavior_type api_impl(self_ptr self, jobs_api_config cfg) {
  log::name_this_thread("pc-jobs-api");
  self->state.cfg = std::move(cfg);
  self->state.log = log::component("jobs");
  return {
      [self](job_submission& s) -> caf::result<json_page> {
        auto& st = self->state;
        jobs_sql::enqueued e;
        auto res =
            db::call<bool>(*st.cfg.pool, *st.log, "enqueue_job", [&](pqxx::connection_base& c) {
              e = jobs_sql::enqueue(c, s);
              return true;
            });
        if (res.err)
          return std::move(res.err);
        if (e.unknown_tenant)
          return make_error(query_errc::unprocessable, "tenant: no tenant " + s.tenant);
        if (e.mismatch)
          return make_error(query_errc::unprocessable,
                            "Idempotency-Key: already used for another request (job " +
                                std::to_string(e.id) + ")");
        if (!e.replayed) {
          st.log->debug("jobs: enqueued {} ({})", e.id, s.type);
          if (auto q = st.cfg.names->get_as<job_queue_actor>("node/jobs/queue"))
            self->send(q, wake_atom::value);
        }
        return json_page{std::move(e.json), !e.replayed};
      },
      [self](jobs_query& q) {
        return db::call<json_page>(
            *self->state.cfg.pool, *self->state.log, "list_jobs",
            [&](pqxx::connection_base& c) { return jobs_sql::list_jobs(c, q); });
      },
      [self](get_atom, std::int64_t id, const std::string& scope) -> caf::result<json_page> {
        auto& st = self->state;
        jobs_sql::job_view v;
        auto res = db::call<bool>(*st.cfg.pool, *st.log, "get_job", [&](pqxx::connection_base& c) {
          v = jobs_sql::get_job(c, id);
          return true;
        });
        if (res.err)
          return std::move(res.err);
        if (!v.found || (!scope.empty() && v.tenant != scope))
          return scope_error(v, id);
        return json_page{std::move(v.json), true};
      },
      [self](cancel_atom, std::int64_t id, const std::string& scope) -> caf::result<json_page> {
        auto& st = self->state;
        jobs_sql::job_view v;
        auto outcome = jobs_sql::cancel_outcome::not_found;
        auto res =
            db::call<bool>(*st.cfg.pool, *st.log, "cancel_job", [&](pqxx::connection_base& c) {
              outcome = jobs_sql::cancel_job(c, id, scope, v);
              return true;
            });
        if (res.err)
          return std::move(res.err);
        switch (outcome) {
        case jobs_sql::cancel_outcome::not_found:
          return scope_error(v, id);
        case jobs_sql::cancel_outcome::finished:
          return make_error(query_errc::conflict,
                            "job " + std::to_string(id) + " has finished already");
        case jobs_sql::cancel_outcome::requested:
          // The owning node sees the flag at its next heartbeat or progress
          // write; this node's queue looks now in case it is the owner.
          if (auto q = st.cfg.names->get_as<job_queue_actor>("node/jobs/queue"))
            self->send(q, tick_atom::value);
          break;
        case jobs_sql::cancel_outcome::cancelled:
          break;
        }
        st.log->info("jobs: cancel of {} {}", id,
                     outcome == jobs_sql::cancel_outcome::cancelled ? "done" : "requested");
        return json_page{std::move(v.json), outcome == jobs_sql::cancel_outcome::cancelled};
      },
      [self](cleanup_atom, std::int32_t days, const std::string& scope) {
        return db::call<json_page>(
            *self->state.cfg.pool, *self->state.log, "cleanup_jobs", [&](pqxx::connection_base& c) {
              auto n = jobs_sql::cleanup(c, days, scope);
              return json_page{R"({"deleted":)" + std::to_string(n) + "}", true};
            });
      },
      [self](models_atom, const std::string& model) {
        return db::call<json_page>(
            *self->state.cfg.pool, *self->state.log, "list_models",
            [&](pqxx::connection_base& c) { return models_sql::list_versions(c, model); });
      },
      [self](rollback_atom, const std::string& model,
             std::int32_t version) -> caf::result<json_page> {
        auto& st = self->state;
        std::optional<int> active;
        json_page page;
        auto res =
            db::call<bool>(*st.cfg.pool, *st.log, "activate_model", [&](pqxx::connection_base& c) {
              active = models_sql::activate(c, model, version);
              if (active)
                page = models_sql::list_versions(c, model);
              return true;
            });
        if (res.err)
          return std::move(res.err);
        if (!active)
          return make_error(query_errc::not_found,
                            version > 0 ? model + " has no version " + std::to_string(version)
                                        : model + " has no version before the active one");
        st.log->warn("jobs: {} version {} is now active (rollback)", model, *active);
        return page;
      },
      [self](predictions_atom, const std::string& game_id) {
        return db::call<json_page>(
            *self->state.cfg.pool, *self->state.log, "game_predictions",
            [&](pqxx::connection_base& c) { return models_sql::game_predictions(c, game_id); });
      },
      [self](health_atom) {
        return db::call<json_page>(
            *self->state.cfg.pool, *self->state.log, "health_operations",
            [](pqxx::connection_base& c) { return health_sql::operations(c); });
      },
      [self](snapshot_atom, const std::string& node, const std::string& status,
             const std::string& report) {
        // A lost snapshot is logged by db::call; the next comes a minute later.
        db::call<bool>(*self->state.cfg.pool, *self->state.log, "health_snapshot",
                       [&](pqxx::connection_base& c) {
                         health_sql::store_snapshot(c, node, status, report);
                         return true;
                       });
      },
      [self](simulations_atom, const std::string& tenant, std::int32_t limit,
             const std::string& cursor) {
        return db::call<json_page>(*self->state.cfg.pool, *self->state.log, "list_simulations",
                                   [&](pqxx::connection_base& c) {
                                     return simulations_sql::list(c, tenant, limit, cursor);
                                   });
      },
      [self](simulations_atom, const std::string& tenant, std::int64_t id) {
        return db::call<json_page>(
            *self->state.cfg.pool, *self->state.log, "get_simulation",
            [&](pqxx::connection_base& c) { return simulations_sql::get(c, tenant, id); });
      },
      [self](simulations_atom, const std::string& tenant, std::int64_t id, std::int32_t after,
             std::int32_t limit) {
        return db::call<json_page>(*self->state.cfg.pool, *self->state.log, "simulation_events",
                                   [&](pqxx::connection_base& c) {
                                     return simulations_sql::events(c, tenant, id, after, limit);
                                   });
      },
      [self](narrative_atom, const std::string& tenant, std::int64_t id) -> caf::result<json_page> {
        auto& st = self->state;
        simulations_sql::narrative_view v;
        auto res = db::call<bool>(*st.cfg.pool, *st.log, "simulation_narrative",
                                  [&](pqxx::connection_base& c) {
                                    v = simulations_sql::narrative(c, tenant, id);
                                    return true;
                                  });
        if (res.err)
          return std::move(res.err);
        if (!v.found)
          return json_page{"", false};
        if (v.json.empty())
          return make_error(query_errc::conflict, "simulation " + std::to_string(id) + " is " +
                                                      v.status +
                                                      "; its narrative comes at the end");
        return json_page{std::move(v.json), true};
      },
      [self](health_atom, std::int32_t limit, const std::string& node, const std::string& cursor) {
        return db::call<json_page>(
            *self->state.cfg.pool, *self->state.log, "health_history",
            [&](pqxx::connection_base& c) { return health_sql::history(c, limit, node, cursor); });
      },
  };
}

} // namespace

jobs_api_actor spawn_jobs_api(caf::actor_system& sys, const jobs_api_config& cfg) {
  auto pool = make_linked_pool(sys, static_cast<std::size_t>(std::max(1, cfg.workers)), [&] {
    return caf::actor_cast<caf::actor>(sys.spawn<caf::detached>(api_impl, cfg));
  });
  return caf::actor_cast<jobs_api_actor>(pool);
}

} // namespace playclock
