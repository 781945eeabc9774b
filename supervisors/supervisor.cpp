#include "supervisors/supervisor.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>
#include <utility>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>

#include "adapters/log/logging.hpp"
#include "messages/errors.hpp"

namespace playclock::sup {

namespace {

using namespace std::chrono_literals;

// One child's life:
//
//   (start) --> running --exit--> restarting --delay--> running
//                  |                  ^
//                  | (sibling failed, |
//                  |  rest_for_one)   |
//                  +--> stopping -----+   (down, restart_after_stop)
//                  |
//                  +--> stopping --down--> stopped  (shutdown, stop_atom)
enum class child_state { running, restarting, stopping, stopped };

const char* to_string(child_state x) {
  switch (x) {
  case child_state::running:
    return "running";
  case child_state::restarting:
    return "restarting";
  case child_state::stopping:
    return "stopping";
  case child_state::stopped:
    return "stopped";
  }
  return "unknown";
}

struct child_entry {
  child_spec spec;
  caf::actor handle;
  child_state state = child_state::stopped;
  std::uint32_t restarts = 0;
  std::string last_exit;
  // Restart round this child waits for (restarting, or stopping before one).
  std::uint64_t restart_round = 0;
  bool restart_after_stop = false;
  // Stamp of the current stop, so a stale kill timer is ignored.
  std::uint64_t stop_stamp = 0;
  // Removed from the list once stopped (temporary / transient / stop_atom).
  bool remove_when_stopped = false;
};

struct supervisor_state {
  static inline const char* name = "supervisor";

  supervisor_config cfg;
  std::vector<child_entry> children;
  std::unique_ptr<restart_tracker> tracker;
  std::map<std::uint64_t, std::chrono::milliseconds> round_delays;
  std::uint64_t next_round = 1;
  std::uint64_t next_stop_stamp = 1;
  bool shutting_down = false;
  caf::error shutdown_reason;
  std::shared_ptr<spdlog::logger> log;
  // The running children by name, shared with the clean-up that kills them
  // if the supervisor itself is killed (its state may be gone by then).
  std::shared_ptr<std::unordered_map<std::string, caf::actor>> live =
      std::make_shared<std::unordered_map<std::string, caf::actor>>();
};

using self_ptr = supervisor_actor::stateful_pointer<supervisor_state>;

void notify(self_ptr self, supervisor_event::what what, const child_entry& c,
            std::string reason = {}) {
  auto& st = self->state;
  if (st.cfg.observer)
    st.cfg.observer(
        supervisor_event{what, st.cfg.path, c.spec.name, c.spec.kind, std::move(reason)});
}

child_entry* find_by_name(self_ptr self, const std::string& name) {
  for (auto& c : self->state.children)
    if (c.spec.name == name)
      return &c;
  return nullptr;
}

child_entry* find_by_addr(self_ptr self, const caf::actor_addr& addr) {
  for (auto& c : self->state.children)
    if (c.handle && c.handle.address() == addr)
      return &c;
  return nullptr;
}

void remove_stopped(self_ptr self) {
  auto& xs = self->state.children;
  xs.erase(std::remove_if(xs.begin(), xs.end(),
                          [](const child_entry& c) {
                            return c.remove_when_stopped && c.state == child_state::stopped;
                          }),
           xs.end());
}

void handle_failure(self_ptr self, const std::string& name, const std::string& reason);

// Starts one child. A start function that throws or returns no actor counts
// as a failure, reported by message so the caller's loop over children stays valid.
void start_child(self_ptr self, child_entry& c) {
  std::string failure;
  try {
    c.handle = c.spec.start(self->system());
    if (!c.handle)
      failure = "start returned no actor";
  } catch (const std::exception& e) {
    c.handle = nullptr;
    failure = std::string{"start failed: "} + e.what();
  }
  if (!failure.empty()) {
    c.state = child_state::restarting;
    self->state.log->error("{} could not start {}: {}", self->state.cfg.path, c.spec.name, failure);
    self->send(self, fail_atom::value, c.spec.name, failure);
    return;
  }
  self->monitor(c.handle);
  (*self->state.live)[c.spec.name] = c.handle;
  if (self->state.cfg.names)
    self->state.cfg.names->put(self->state.cfg.path + "/" + c.spec.name, c.handle);
  c.state = child_state::running;
  c.restart_after_stop = false;
  notify(self, supervisor_event::what::started, c);
}

// Sends user_shutdown and arms a kill timer.
void stop_child(self_ptr self, child_entry& c) {
  if (!c.handle) {
    c.state = child_state::stopped;
    return;
  }
  c.state = child_state::stopping;
  c.stop_stamp = self->state.next_stop_stamp++;
  self->send_exit(c.handle, caf::exit_reason::user_shutdown);
  self->delayed_send(self, c.spec.shutdown_timeout, kill_atom::value, c.spec.name, c.stop_stamp);
}

// Ordered shutdown: one child at a time, last started first (or all at
// once with stop_in_parallel).
void stop_next(self_ptr self) {
  auto& st = self->state;
  bool waiting = false;
  for (auto i = st.children.rbegin(); i != st.children.rend(); ++i) {
    if (i->state == child_state::running) {
      stop_child(self, *i);
    } else if (i->state != child_state::stopping) {
      i->state = child_state::stopped;
      continue;
    }
    if (!st.cfg.stop_in_parallel)
      return; // wait for its down message
    waiting = true;
  }
  if (waiting)
    return;
  st.log->info("{} stopped all children", st.cfg.path);
  self->quit(st.shutdown_reason);
}

void begin_shutdown(self_ptr self, caf::error reason) {
  auto& st = self->state;
  if (st.shutting_down)
    return;
  st.shutting_down = true;
  st.shutdown_reason = std::move(reason);
  stop_next(self);
}

// Schedules the restart of a round once none of its members is still stopping.
void maybe_schedule_round(self_ptr self, std::uint64_t round) {
  auto& st = self->state;
  for (auto& c : st.children)
    if (c.restart_round == round && c.state == child_state::stopping)
      return;
  auto i = st.round_delays.find(round);
  if (i == st.round_delays.end())
    return;
  self->delayed_send(self, i->second, restart_atom::value, round);
  st.round_delays.erase(i);
}

void handle_failure(self_ptr self, const std::string& name, const std::string& reason) {
  auto& st = self->state;
  auto* c = find_by_name(self, name);
  if (c == nullptr || st.shutting_down)
    return;
  c->handle = nullptr;
  auto decision = st.tracker->record(self->clock().now());
  if (!decision.allowed) {
    st.log->error("{} exceeded its restart intensity ({} restarts in {} ms), last by {}: {}",
                  st.cfg.path, st.tracker->policy().max_restarts,
                  st.tracker->policy().window.count(), name, reason);
    notify(self, supervisor_event::what::escalated, *c, reason);
    c->state = child_state::stopped;
    begin_shutdown(self, make_error(sup_errc::restart_intensity_exceeded));
    return;
  }
  auto round = st.next_round++;
  c->restarts++;
  c->last_exit = reason;
  c->state = child_state::restarting;
  c->restart_round = round;
  st.round_delays[round] = decision.delay;
  st.log->warn("{} restarts {} in {} ms ({} of {} in window): {}", st.cfg.path, name,
               decision.delay.count(), decision.recent, st.tracker->policy().max_restarts, reason);
  if (st.cfg.how == strategy::rest_for_one) {
    bool later = false;
    for (auto& sibling : st.children) {
      if (&sibling == c) {
        later = true;
        continue;
      }
      if (!later || sibling.spec.restart == restart_type::temporary)
        continue;
      if (sibling.state == child_state::running) {
        sibling.restart_round = round;
        sibling.restart_after_stop = true;
        stop_child(self, sibling);
      } else if (sibling.state == child_state::restarting) {
        sibling.restart_round = round;
      }
    }
  }
  maybe_schedule_round(self, round);
}

void on_down(self_ptr self, caf::down_msg& dm) {
  auto& st = self->state;
  auto* c = find_by_addr(self, dm.source);
  if (c == nullptr)
    return;
  auto reason = dm.reason ? self->system().render(dm.reason) : std::string{"normal"};
  if (st.cfg.names)
    st.cfg.names->erase(st.cfg.path + "/" + c->spec.name, c->handle);
  if (auto i = st.live->find(c->spec.name); i != st.live->end() && i->second == c->handle)
    st.live->erase(i);
  c->handle = nullptr;
  notify(self, supervisor_event::what::exited, *c, reason);
  if (c->state == child_state::stopping) {
    if (c->restart_after_stop && !st.shutting_down) {
      c->state = child_state::restarting;
      maybe_schedule_round(self, c->restart_round);
    } else {
      c->state = child_state::stopped;
      notify(self, supervisor_event::what::stopped, *c, reason);
      remove_stopped(self);
    }
    if (st.shutting_down)
      stop_next(self);
    return;
  }
  if (st.shutting_down)
    return;
  bool normal = !dm.reason || dm.reason == caf::exit_reason::user_shutdown;
  bool restart = c->spec.restart == restart_type::permanent ||
                 (c->spec.restart == restart_type::transient && !normal);
  if (!restart) {
    st.log->debug("{} child {} ended ({}), not restarted", st.cfg.path, c->spec.name, reason);
    c->state = child_state::stopped;
    c->remove_when_stopped = true;
    notify(self, supervisor_event::what::stopped, *c, reason);
    remove_stopped(self);
    return;
  }
  handle_failure(self, c->spec.name, reason);
}

void on_restart_round(self_ptr self, std::uint64_t round) {
  auto& st = self->state;
  if (st.shutting_down)
    return;
  for (auto& c : st.children) {
    if (c.state != child_state::restarting || c.restart_round != round)
      continue;
    start_child(self, c);
    if (c.state == child_state::running) {
      st.log->info("{} restarted {}", st.cfg.path, c.spec.name);
      notify(self, supervisor_event::what::restarted, c);
    }
  }
}

void on_kill_timer(self_ptr self, const std::string& name, std::uint64_t stamp) {
  auto* c = find_by_name(self, name);
  if (c == nullptr || c->state != child_state::stopping || c->stop_stamp != stamp || !c->handle)
    return;
  self->state.log->warn("{} killed {}: it did not stop within {} ms", self->state.cfg.path, name,
                        c->spec.shutdown_timeout.count());
  self->send_exit(c->handle, caf::exit_reason::kill);
}

// Status of our own children, then merged reports of sub-supervisors.
caf::typed_response_promise<supervision_report> report(self_ptr self) {
  auto& st = self->state;
  auto rp = self->make_response_promise<supervision_report>();
  auto result = std::make_shared<supervision_report>();
  std::map<std::string, component_status> dynamic_groups;
  std::vector<supervisor_actor> subs;
  for (auto& c : st.children) {
    if (c.spec.dynamic) {
      auto [i, added] = dynamic_groups.try_emplace(c.spec.kind);
      auto& g = i->second;
      if (added)
        g = component_status{
            st.cfg.path + "/" + c.spec.kind + "[]", c.spec.kind, "running", 0, 0, {}};
      g.count++;
      g.restarts += c.restarts;
      if (!c.last_exit.empty())
        g.last_exit = c.last_exit;
      continue;
    }
    result->components.push_back(component_status{st.cfg.path + "/" + c.spec.name, c.spec.kind,
                                                  to_string(c.state), c.restarts, 1, c.last_exit});
    if (c.spec.is_supervisor && c.state == child_state::running && c.handle)
      subs.push_back(caf::actor_cast<supervisor_actor>(c.handle));
  }
  for (auto& kv : dynamic_groups)
    result->components.push_back(kv.second);
  if (subs.empty()) {
    rp.deliver(std::move(*result));
    return rp;
  }
  auto pending = std::make_shared<std::size_t>(subs.size());
  auto finish = [rp, result, pending]() mutable {
    if (--*pending == 0)
      rp.deliver(std::move(*result));
  };
  for (auto& sub : subs) {
    self->request(sub, 2s, children_atom::value)
        .then(
            [result, finish](supervision_report& r) mutable {
              for (auto& x : r.components)
                result->components.push_back(std::move(x));
              finish();
            },
            [result, finish](caf::error&) mutable { finish(); });
  }
  return rp;
}

supervisor_actor::behavior_type supervisor_impl(self_ptr self, supervisor_config cfg) {
  auto& st = self->state;
  st.log = log::component(cfg.path == "node" ? "supervisor" : "supervisor " + cfg.path);
  st.tracker = std::make_unique<restart_tracker>(cfg.policy);
  st.cfg = std::move(cfg);
  for (auto& spec : st.cfg.children) {
    child_entry c;
    c.spec = spec;
    st.children.push_back(std::move(c));
  }
  st.cfg.children.clear();
  self->set_down_handler([self](caf::down_msg& dm) { on_down(self, dm); });
  // After an orderly stop nothing is left here; after a kill, every child.
  self->attach_functor([live = st.live](const caf::error&) {
    for (auto& kv : *live)
      caf::anon_send_exit(kv.second, caf::exit_reason::kill);
    live->clear();
  });
  self->set_exit_handler([self](caf::exit_msg& em) {
    if (em.reason == caf::exit_reason::normal)
      return;
    self->state.log->info("{} shutting down: {}", self->state.cfg.path,
                          self->system().render(em.reason));
    begin_shutdown(self, em.reason);
  });
  for (auto& c : st.children)
    start_child(self, c);
  return {
      [self](children_atom) { return report(self); },
      [self](start_atom, child_spec& spec) -> caf::result<caf::actor> {
        auto& st = self->state;
        if (st.shutting_down)
          return caf::make_error(caf::sec::request_receiver_down);
        if (auto* existing = find_by_name(self, spec.name); existing && existing->handle)
          return existing->handle;
        if (auto* existing = find_by_name(self, spec.name)) {
          // Stopped or restarting: take the new spec and start it now.
          existing->spec = std::move(spec);
          existing->remove_when_stopped = false;
          start_child(self, *existing);
          return existing->handle;
        }
        child_entry c;
        c.spec = std::move(spec);
        st.children.push_back(std::move(c));
        auto& added = st.children.back();
        start_child(self, added);
        return added.handle;
      },
      [self](stop_atom, const std::string& name) {
        auto* c = find_by_name(self, name);
        if (c == nullptr)
          return false;
        c->remove_when_stopped = true;
        c->restart_after_stop = false;
        if (c->state == child_state::running)
          stop_child(self, *c);
        else {
          c->state = child_state::stopped;
          remove_stopped(self);
        }
        return true;
      },
      [self](restart_atom, std::uint64_t round) { on_restart_round(self, round); },
      [self](kill_atom, const std::string& name, std::uint64_t stamp) {
        on_kill_timer(self, name, stamp);
      },
      [self](fail_atom, const std::string& name, const std::string& reason) {
        handle_failure(self, name, reason);
      },
  };
}

} // namespace

supervisor_actor spawn_supervisor(caf::actor_system& sys, supervisor_config cfg) {
  return sys.spawn(supervisor_impl, std::move(cfg));
}

child_spec supervisor_child(std::string name, supervisor_config cfg) {
  child_spec spec;
  spec.name = std::move(name);
  spec.kind = "supervisor";
  spec.is_supervisor = true;
  spec.restart = restart_type::permanent;
  // A sub-supervisor stops its own children first, so give it their time.
  std::chrono::milliseconds total{1000};
  for (auto& c : cfg.children)
    total += c.shutdown_timeout;
  spec.shutdown_timeout = total;
  spec.start = [cfg = std::move(cfg)](caf::actor_system& sys) {
    return caf::actor_cast<caf::actor>(spawn_supervisor(sys, cfg));
  };
  return spec;
}

} // namespace playclock::sup
