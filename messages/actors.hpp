#pragma once
// Typed actor interfaces of a node, handler by handler.

#include <cstdint>
#include <string>

#include <caf/actor.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "messages/atoms.hpp"
#include "messages/games_query.hpp"
#include "messages/markets_query.hpp"
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
using health_actor = caf::typed_actor<caf::replies_to<health_atom>::with<health_report>,
                                      /// Internal: the health snapshot timer.
                                      caf::reacts_to<tick_atom>>;

/// Answers the read side of the live-games and markets APIs from PostgreSQL
/// (detached workers behind a round-robin front). Every reply is a finished
/// JSON document; a database failure is a `query_errc` error, never a crash.
using query_actor = caf::typed_actor<
    /// A page of games: {"games":[...],"next_cursor":...}.
    caf::replies_to<games_query>::with<json_page>,
    /// One game (by id) with plays_count and last_play; found = false if unknown.
    caf::replies_to<get_atom, std::string>::with<json_page>,
    /// A page of a game's plays: {"game_id":...,"plays":[...],"next_after":...};
    /// found = false if the game is unknown.
    caf::replies_to<plays_query>::with<json_page>,
    /// A page of injuries: {"injuries":[...],"next_cursor":...}.
    caf::replies_to<injuries_query>::with<json_page>,
    /// A page of markets with their latest price: {"markets":[...],"next_cursor":...}.
    caf::replies_to<market_list_query>::with<json_page>,
    /// One market with its latest snapshots in "history"; found = false if unknown.
    caf::replies_to<market_detail_query>::with<json_page>,
    /// A page of correlations, newest first: {"correlations":[...],"next_cursor":...},
    /// led by "game_id" for one game (found = false if that game is unknown).
    caf::replies_to<correlations_query>::with<json_page>>;

} // namespace playclock
