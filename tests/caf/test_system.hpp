#pragma once
// A CAF actor system on the deterministic test coordinator: actors run only
// when the test calls run(), and time moves only with advance().

#include <chrono>
#include <memory>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/atom.hpp>
#include <caf/scheduler/test_coordinator.hpp>

#include "messages/registration.hpp"

namespace playclock::test {

struct test_system {
  test_system() {
    cfg.set("scheduler.policy", caf::atom("testing"));
    cfg.set("logger.file-verbosity", caf::atom("quiet"));
    cfg.set("logger.console-verbosity", caf::atom("quiet"));
    add_message_types(cfg);
    sys = std::make_unique<caf::actor_system>(cfg);
    sched = &dynamic_cast<caf::scheduler::test_coordinator&>(sys->scheduler());
  }

  /// Runs every actor until no message is left.
  void run() { sched->run(); }

  /// Moves the clock forward (firing due delayed messages) and runs.
  void advance(std::chrono::milliseconds d) {
    sched->advance_time(std::chrono::duration_cast<caf::timespan>(d));
    run();
  }

  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  caf::scheduler::test_coordinator* sched = nullptr;
};

} // namespace playclock::test
