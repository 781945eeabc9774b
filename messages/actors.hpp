#pragma once
// Typed actor interfaces of a node, handler by handler.

#include <cstdint>
#include <string>

#include <caf/actor.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "messages/atoms.hpp"
#include "messages/supervision.hpp"
#include "messages/system.hpp"

namespace playclock {

/// Owns blocking access to PostgreSQL for probes (runs detached).
using database_actor = caf::typed_actor<
  /// One round trip to the database; never fails, reports `up = false` instead.
  caf::replies_to<ping_atom>::with<db_status>,
  /// Periodic probe that keeps the up/down gauge current.
  caf::reacts_to<tick_atom>>;

/// A supervisor: starts children from specs and restarts them by strategy.
using supervisor_actor = caf::typed_actor<
  /// Status of every component below this supervisor (sub-supervisors merged).
  caf::replies_to<children_atom>::with<supervision_report>,
  /// Starts (and from then on supervises) a child; replies its handle.
  caf::replies_to<start_atom, child_spec>::with<caf::actor>,
  /// Stops the named child for good; replies false if there is none.
  caf::replies_to<stop_atom, std::string>::with<bool>,
  /// Internal: restart the children of restart round `round`.
  caf::reacts_to<restart_atom, std::uint64_t>,
  /// Internal: the named child overran its shutdown timeout (stop round).
  caf::reacts_to<kill_atom, std::string, std::uint64_t>,
  /// Internal: the named child could not be started (reason).
  caf::reacts_to<fail_atom, std::string, std::string>>;

/// Aggregates the node's health from the database probe and the supervisors.
using health_actor = caf::typed_actor<caf::replies_to<health_atom>::with<health_report>>;

} // namespace playclock
