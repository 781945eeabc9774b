#pragma once
// Every atom of the protocol, in one place (at most 10 characters each).

#include <caf/atom.hpp>

namespace playclock {

/// Ask an actor for its current state or report.
using get_atom = caf::atom_constant<caf::atom("pc_get")>;
/// Probe the database (round trip).
using ping_atom = caf::atom_constant<caf::atom("pc_ping")>;
/// Periodic timer of an actor that polls or probes.
using tick_atom = caf::atom_constant<caf::atom("pc_tick")>;
/// Ask a supervisor for the status of its children.
using children_atom = caf::atom_constant<caf::atom("pc_child")>;
/// Start a child under a supervisor at run time.
using start_atom = caf::atom_constant<caf::atom("pc_start")>;
/// Stop one named child of a supervisor (not restarted).
using stop_atom = caf::atom_constant<caf::atom("pc_stop")>;
/// Internal: a delayed restart of a supervisor's children is due.
using restart_atom = caf::atom_constant<caf::atom("pc_restart")>;
/// Internal: a child did not stop within its shutdown timeout.
using kill_atom = caf::atom_constant<caf::atom("pc_kill")>;
/// Internal: a supervisor's child could not be started.
using fail_atom = caf::atom_constant<caf::atom("pc_fail")>;
/// Ask for the node's health report.
using health_atom = caf::atom_constant<caf::atom("pc_health")>;

} // namespace playclock
