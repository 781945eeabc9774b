#include "actors/health_actor.hpp"

#include <functional>
#include <memory>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/health_json.hpp"
#include "actors/timed_request.hpp"
#include "adapters/sports/timestamp.hpp"
#include "messages/jobs.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace {

struct health_state {
  static inline const char* name = "health";
  health_config cfg;
};

using self_ptr = health_actor::stateful_pointer<health_state>;

// Collects the asynchronous parts and hands the report on once all are in.
struct pending_report {
  health_report report;
  int missing = 3;
  std::function<void(health_report)> done;
  void part_done() {
    if (--missing == 0) {
      report.status = overall_status(report);
      done(std::move(report));
    }
  }
};

void collect(self_ptr self, std::function<void(health_report)> done) {
  auto& st = self->state;
  auto p = std::make_shared<pending_report>();
  p->done = std::move(done);
  auto now = std::chrono::system_clock::now();
  p->report.node = st.cfg.node_name;
  p->report.version = PLAYCLOCK_VERSION;
  p->report.started_at =
      sports::utc_timestamp(std::chrono::system_clock::to_time_t(st.cfg.started_at));
  p->report.uptime_s = std::chrono::duration<double>(now - st.cfg.started_at).count();
  auto db = st.cfg.names->get_as<database_actor>("node/database");
  if (!db) {
    p->report.database.error = "database actor is restarting";
    p->part_done();
  } else {
    timed_request(self, db, st.cfg.timeout, ping_atom::value)
        .then(
            [p](db_status& s) {
              p->report.database = std::move(s);
              p->part_done();
            },
            [self, p](caf::error& e) {
              p->report.database.error = "no answer: " + self->system().render(e);
              p->part_done();
            });
  }
  auto root = st.cfg.names->get_as<supervisor_actor>("node");
  if (!root) {
    p->part_done();
  } else {
    timed_request(self, root, st.cfg.timeout, children_atom::value)
        .then(
            [p](supervision_report& r) {
              p->report.supervision = std::move(r);
              p->part_done();
            },
            [p](caf::error&) {
              p->report.supervision.components.push_back(
                  component_status{"node", "supervisor", "unresponsive", 0, 1, {}});
              p->part_done();
            });
  }
  // The operations are left out (not failed) when the database is away:
  // the database part already says so.
  auto api = st.cfg.names->get_as<jobs_api_actor>("node/jobs/api");
  if (!api) {
    p->part_done();
  } else {
    timed_request(self, api, st.cfg.timeout, health_atom::value)
        .then(
            [p](json_page& ops) {
              p->report.operations = std::move(ops.body);
              p->report.operations_ok = ops.found;
              p->part_done();
            },
            [p](caf::error&) { p->part_done(); });
  }
}

health_actor::behavior_type health_impl(self_ptr self, health_config cfg) {
  self->state.cfg = std::move(cfg);
  if (self->state.cfg.snapshot_interval.count() > 0)
    self->delayed_send(self, self->state.cfg.snapshot_interval, tick_atom::value);
  return {
      [self](health_atom) {
        auto rp = self->make_response_promise<health_report>();
        collect(self, [rp](health_report r) mutable { rp.deliver(std::move(r)); });
        return rp;
      },
      [self](tick_atom) {
        collect(self, [self](health_report r) {
          if (auto api = self->state.cfg.names->get_as<jobs_api_actor>("node/jobs/api"))
            self->send(api, snapshot_atom::value, r.node, r.status, health_json(r));
        });
        self->delayed_send(self, self->state.cfg.snapshot_interval, tick_atom::value);
      },
  };
}

} // namespace

std::string overall_status(const health_report& r) {
  if (!r.database.up)
    return "down";
  if (!r.operations_ok)
    return "degraded";
  for (const auto& c : r.supervision.components)
    if (c.state != "running")
      return "degraded";
  return "ok";
}

health_actor spawn_health_actor(caf::actor_system& sys, health_config cfg) {
  return sys.spawn(health_impl, std::move(cfg));
}

} // namespace playclock
