#include "actors/node.hpp"

#include "actors/alerts_tree.hpp"
#include "actors/jobs_tree.hpp"
#include "actors/markets_tree.hpp"

#include <algorithm>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/after.hpp>
#include <caf/exit_reason.hpp>
#include <caf/scoped_actor.hpp>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <spdlog/spdlog.h>

#include "actors/database_actor.hpp"
#include "actors/health_actor.hpp"
#include "actors/query_actor.hpp"
#include "actors/tenants_actor.hpp"
#include "adapters/auth/directory.hpp"
#include "adapters/auth/token.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/metrics/registry.hpp"
#include "supervisors/supervisor.hpp"

namespace playclock {

sup::restart_policy restart_policy_from(const config::supervision_settings& s) {
  sup::restart_policy p;
  p.max_restarts = s.max_restarts;
  p.window = std::chrono::seconds{s.window_s};
  p.backoff_initial = std::chrono::milliseconds{s.backoff_initial_ms};
  p.backoff_max = std::chrono::milliseconds{s.backoff_max_ms};
  return p;
}

namespace {

// Turns supervisor events into playclock_supervisor_* counters.
std::function<void(const sup::supervisor_event&)> supervision_metrics(metrics::registry& reg) {
  auto& restarts =
      prometheus::BuildCounter()
          .Name("playclock_supervisor_restarts_total")
          .Help("Children restarted by a supervisor, by supervisor path and child kind.")
          .Register(reg.prom());
  auto& escalations = prometheus::BuildCounter()
                          .Name("playclock_supervisor_escalations_total")
                          .Help("Supervisors that exceeded their restart intensity and failed.")
                          .Register(reg.prom());
  return [&restarts, &escalations](const sup::supervisor_event& e) {
    using what = sup::supervisor_event::what;
    if (e.kind == what::restarted)
      restarts.Add({{"supervisor", e.supervisor}, {"kind", e.child_kind}}).Increment();
    else if (e.kind == what::escalated)
      escalations.Add({{"supervisor", e.supervisor}}).Increment();
  };
}

} // namespace

node::node(caf::actor_system& sys, node_options opts)
    : sys_(sys), names_(std::make_shared<sup::registry>()),
      directory_(std::make_shared<auth::directory>(
          opts.settings.auth.admin_token.empty()
              ? std::string{}
              : auth::hash_token(opts.settings.auth.admin_token))) {
  // The configured tenants' tokens work from the moment HTTP serves: the
  // tenants actor, on a thread of its own, may start after that.
  for (const auto& t : opts.settings.tenants)
    if (!t.token.empty())
      directory_->set(t.id, auth::hash_token(t.token));
  auto& reg = *opts.metrics;
  auto& up = prometheus::BuildGauge()
                 .Name("playclock_db_up")
                 .Help("1 if the last database probe succeeded, else 0.")
                 .Register(reg.prom())
                 .Add({});
  auto& ping = prometheus::BuildGauge()
                   .Name("playclock_db_ping_seconds")
                   .Help("Round trip of the last successful database probe.")
                   .Register(reg.prom())
                   .Add({});

  sup::supervisor_config root;
  root.path = "node";
  root.how = sup::strategy::one_for_one;
  root.policy = restart_policy_from(opts.settings.supervision);
  root.names = names_;
  root.observer = supervision_metrics(reg);

  child_spec database;
  database.name = "database";
  database.kind = "database";
  database.start = [pool = opts.pool, &up, &ping](caf::actor_system& s) {
    database_config cfg;
    cfg.pool = pool;
    cfg.up_gauge = &up;
    cfg.ping_gauge = &ping;
    return caf::actor_cast<caf::actor>(spawn_database_actor(s, cfg));
  };
  root.children.push_back(database);

  child_spec tenants;
  tenants.name = "tenants";
  tenants.kind = "tenants";
  tenants.start = [pool = opts.pool, dir = directory_, ts = opts.settings.tenants,
                   refresh = opts.settings.auth.refresh_ms](caf::actor_system& s) {
    tenants_config cfg;
    cfg.pool = pool;
    cfg.directory = dir;
    cfg.tenants = ts;
    cfg.refresh = std::chrono::milliseconds{refresh};
    return caf::actor_cast<caf::actor>(spawn_tenants_actor(s, cfg));
  };
  root.children.push_back(tenants);

  if (opts.sources.games) {
    live_games_options lg;
    lg.settings = opts.settings;
    lg.pool = opts.pool;
    lg.metrics = opts.metrics;
    lg.names = names_;
    lg.node_name = opts.node_name;
    lg.sources = opts.sources;
    lg.observer = root.observer;
    for (auto& c : live_games_children(lg))
      root.children.push_back(std::move(c));
    if (opts.sources.markets) {
      markets_options mk;
      mk.settings = opts.settings;
      mk.metrics = opts.metrics;
      mk.names = names_;
      mk.source = opts.sources.markets;
      mk.observer = root.observer;
      for (auto& c : markets_children(mk))
        root.children.push_back(std::move(c));
    }
    // After the hub and every publisher: the router stops before them and
    // the alert store last of the three, so outcomes are still written.
    alerts_options al;
    al.settings = opts.settings;
    al.pool = opts.pool;
    al.metrics = opts.metrics;
    al.names = names_;
    al.observer = root.observer;
    for (auto& c : alerts_children(al))
      root.children.push_back(std::move(c));
  }

  child_spec query;
  query.name = "query";
  query.kind = "query";
  // Half the pool: the probe and storage need connections too.
  query.start = [pool = opts.pool,
                 n = std::max(1, opts.settings.database.pool_size / 2)](caf::actor_system& s) {
    return caf::actor_cast<caf::actor>(spawn_query_actors(s, pool, n));
  };
  root.children.push_back(query);

  jobs_options jobs;
  jobs.settings = opts.settings;
  jobs.pool = opts.pool;
  jobs.metrics = opts.metrics;
  jobs.names = names_;
  jobs.node_name = opts.node_name;
  jobs.observer = root.observer;
  root.children.push_back(jobs_child(jobs));

  child_spec health;
  health.name = "health";
  health.kind = "health";
  health.start = [names = names_, name = opts.node_name, started = opts.started_at,
                  every = opts.settings.node.health_snapshot_s](caf::actor_system& s) {
    health_config cfg;
    cfg.names = names;
    cfg.node_name = name;
    cfg.started_at = started;
    cfg.snapshot_interval = std::chrono::seconds{every};
    return caf::actor_cast<caf::actor>(spawn_health_actor(s, cfg));
  };
  root.children.push_back(health);

  root_ = sup::spawn_supervisor(sys, std::move(root));
  names_->put("node", caf::actor_cast<caf::actor>(root_));
  // A supervisor starts its children before it handles its first message:
  // one round trip means every child is registered before HTTP serves.
  caf::scoped_actor self{sys};
  self->request(root_, std::chrono::seconds{10}, children_atom::value)
      .receive([](supervision_report&) {},
               [&](caf::error& e) {
                 log::component("node")->warn("supervision tree slow to start: {}", sys.render(e));
               });
}

node::~node() {
  if (!stopped_)
    shutdown(std::chrono::seconds{5});
}

bool node::shutdown(std::chrono::milliseconds grace) {
  if (stopped_)
    return true;
  stopped_ = true;
  auto log = log::component("node");
  caf::scoped_actor self{sys_};
  self->monitor(root_);
  self->send_exit(root_, caf::exit_reason::user_shutdown);
  bool clean = true;
  self->receive([](caf::down_msg&) {},
                caf::after(grace) >>
                    [&] {
                      clean = false;
                      log->error("shutdown did not finish within {} ms: killing every actor",
                                 grace.count());
                      self->send_exit(root_, caf::exit_reason::kill);
                      for (const auto& n : names_->names())
                        if (auto h = names_->get(n))
                          self->send_exit(h, caf::exit_reason::kill);
                    });
  names_->erase("node", caf::actor_cast<caf::actor>(root_));
  return clean;
}

} // namespace playclock
