#pragma once
// A supervisor actor: what CAF 0.17 lacks. It starts children from specs,
// monitors them and restarts them by strategy, within a restart intensity.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "messages/actors.hpp"
#include "supervisors/registry.hpp"
#include "supervisors/restart_policy.hpp"

namespace playclock::sup {

/// Which children restart together.
enum class strategy {
  /// Only the child that ended.
  one_for_one,
  /// The child that ended and every child started after it (they depend on it).
  rest_for_one,
};

/// Something a supervisor did; for metrics, logs and tests.
struct supervisor_event {
  enum class what { started, exited, restarted, escalated, stopped };
  what kind;
  /// Path of the supervisor, e.g. "node/games".
  std::string supervisor;
  std::string child;
  std::string child_kind;
  /// Rendered exit reason (exited, escalated).
  std::string reason;
};

/// Everything a supervisor needs; children start in the given order and stop
/// in the reverse order.
struct supervisor_config {
  /// Path in the tree ("node", "node/games"); also its log name.
  std::string path = "node";
  strategy how = strategy::one_for_one;
  restart_policy policy;
  std::vector<child_spec> children;
  /// Where children are registered by name ("<path>/<child>"); optional.
  /// Dynamic children are registered too, so a game actor can be found by id.
  std::shared_ptr<registry> names;
  /// Called on the supervisor's thread for every event; must be cheap.
  std::function<void(const supervisor_event&)> observer;
  /// Stop all children at once instead of one by one (for many independent
  /// peers, such as one actor per game).
  bool stop_in_parallel = false;
};

/// Spawns a supervisor (event-based; its children start before it answers
/// its first message). On an exit message (user_shutdown from its parent or
/// from main) it stops its children one by one in reverse start order, each
/// within its shutdown timeout, then quits with the same reason. When the
/// restart intensity is exceeded it stops its children and fails with
/// sup_errc::restart_intensity_exceeded so that its parent decides. Killed
/// itself, it kills its children on the way out, so none is left orphaned.
supervisor_actor spawn_supervisor(caf::actor_system& sys, supervisor_config cfg);

/// A child_spec that runs a supervisor below another supervisor.
child_spec supervisor_child(std::string name, supervisor_config cfg);

} // namespace playclock::sup
