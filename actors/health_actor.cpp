#include "actors/health_actor.hpp"

#include <ctime>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "supervisors/registry.hpp"

namespace playclock {

namespace {

struct health_state {
  static inline const char* name = "health";
  health_config cfg;
};

using self_ptr = health_actor::stateful_pointer<health_state>;

std::string iso8601(std::chrono::system_clock::time_point t) {
  auto secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Collects the two asynchronous parts and delivers once both are in.
struct pending_report {
  health_report report;
  int missing = 2;
  caf::typed_response_promise<health_report> rp;
  void part_done() {
    if (--missing == 0) {
      report.status = overall_status(report);
      rp.deliver(std::move(report));
    }
  }
};

health_actor::behavior_type health_impl(self_ptr self, health_config cfg) {
  self->state.cfg = std::move(cfg);
  return {
      [self](health_atom) {
        auto& st = self->state;
        auto p = std::make_shared<pending_report>();
        p->rp = self->make_response_promise<health_report>();
        auto now = std::chrono::system_clock::now();
        p->report.node = st.cfg.node_name;
        p->report.version = PLAYCLOCK_VERSION;
        p->report.started_at = iso8601(st.cfg.started_at);
        p->report.uptime_s = std::chrono::duration<double>(now - st.cfg.started_at).count();
        auto db = st.cfg.names->get_as<database_actor>("node/database");
        if (!db) {
          p->report.database.error = "database actor is restarting";
          p->part_done();
        } else {
          self->request(db, st.cfg.timeout, ping_atom::value)
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
          self->request(root, st.cfg.timeout, children_atom::value)
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
        return p->rp;
      },
  };
}

} // namespace

std::string overall_status(const health_report& r) {
  if (!r.database.up)
    return "down";
  for (const auto& c : r.supervision.components)
    if (c.state != "running")
      return "degraded";
  return "ok";
}

health_actor spawn_health_actor(caf::actor_system& sys, health_config cfg) {
  return sys.spawn(health_impl, std::move(cfg));
}

} // namespace playclock
