#pragma once
// The supervision protocol: how a child is described to a supervisor.
// A child_spec carries a start function, so it never crosses nodes.

#include <chrono>
#include <functional>
#include <string>

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/fwd.hpp>

namespace playclock {

/// When a supervisor restarts a child that ended.
enum class restart_type {
  /// Always restarted (pollers, storage, sub-supervisors).
  permanent,
  /// Restarted only after an abnormal exit (a game actor that retires
  /// normally after the final whistle is not restarted).
  transient,
  /// Never restarted.
  temporary,
};

/// How a supervisor creates (and re-creates) one child.
struct child_spec {
  /// Unique among the supervisor's children, e.g. "database" or "game-401547417".
  std::string name;
  /// What the child is; the metric label and the health summary group by it.
  std::string kind;
  /// Spawns the child. Called again on every restart.
  std::function<caf::actor(caf::actor_system&)> start;
  restart_type restart = restart_type::permanent;
  /// True if the child is itself a supervisor (its report is merged into ours).
  bool is_supervisor = false;
  /// Time the child gets to stop after user_shutdown before it is killed.
  std::chrono::milliseconds shutdown_timeout{5000};
  /// Dynamic children (one per game, market, job ...) are summarised per kind
  /// in health reports instead of listed one by one.
  bool dynamic = false;
};

} // namespace playclock

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(playclock::child_spec)
