#include "actors/alerts_tree.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>

#include "actors/alert_router.hpp"
#include "actors/alert_store_actor.hpp"
#include "actors/alerts/alert_metrics.hpp"
#include "actors/node.hpp"
#include "actors/notifier_actor.hpp"
#include "actors/simple_child.hpp"
#include "adapters/metrics/registry.hpp"
#include "supervisors/supervisor.hpp"

namespace playclock {

std::vector<child_spec> alerts_children(const alerts_options& opts) {
  const auto& s = opts.settings;
  std::shared_ptr<alert_metrics> m;
  if (opts.metrics)
    m = make_alert_metrics(*opts.metrics);
  std::vector<child_spec> out;

  alert_store_config store;
  store.pool = opts.pool;
  // A quarter of the pool: storage, queries and the probe need it too.
  store.workers = std::max(1, s.database.pool_size / 4);
  store.tenants = s.tenants;
  out.push_back(simple_child<alert_store_actor>(
      "alert_store", [store](caf::actor_system& sys) { return spawn_alert_store(sys, store); }));

  sup::supervisor_config notifiers;
  notifiers.path = "node/notifiers";
  notifiers.policy = restart_policy_from(s.supervision);
  notifiers.names = opts.names;
  notifiers.observer = opts.observer;
  for (auto via : {alerts::channel::telegram, alerts::channel::webhook, alerts::channel::log}) {
    auto cfg = notifier_config_from(s.alerts, via);
    cfg.names = opts.names;
    cfg.metrics = m;
    auto child = simple_child<notifier_actor>(
        alerts::to_string(via), [cfg](caf::actor_system& sys) { return spawn_notifier(sys, cfg); });
    child.kind = "notifier";
    notifiers.children.push_back(std::move(child));
  }
  out.push_back(sup::supervisor_child("notifiers", notifiers));

  alert_router_config router;
  router.names = opts.names;
  router.daily_limit = s.alerts.daily_limit;
  router.flush_interval = std::chrono::milliseconds{std::max(0, s.alerts.flush_interval_ms)};
  router.metrics = m;
  router.max_writes_in_flight = static_cast<std::size_t>(store.workers);
  out.push_back(simple_child<alert_router_actor>("alert_router", [router](caf::actor_system& sys) {
    return spawn_alert_router(sys, router);
  }));
  return out;
}

} // namespace playclock
