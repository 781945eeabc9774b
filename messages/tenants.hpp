#pragma once
// Messages of the tenants domain: the admin API's tenants and their tokens.

#include <cstdint>
#include <string>

#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "messages/atoms.hpp"
#include "messages/games_query.hpp"

namespace playclock {

/// Lists tenants, or reads one.
using tenants_atom = caf::atom_constant<caf::atom("pc_tenants")>;
/// Creates a tenant.
using create_atom = caf::atom_constant<caf::atom("pc_create")>;
/// Gives a tenant a new token.
using token_atom = caf::atom_constant<caf::atom("pc_token")>;

/// Owns the tenants: creates them, rotates their tokens, and keeps the
/// node's auth::directory in step with the database.
using tenants_actor = caf::typed_actor<
    /// Re-reads the token hashes (also on its own, every auth.refresh_ms).
    caf::reacts_to<tick_atom>,
    /// {"tenants":[...]}.
    caf::replies_to<tenants_atom>::with<json_page>,
    /// One tenant; found = false if unknown.
    caf::replies_to<tenants_atom, std::string>::with<json_page>,
    /// Creates tenant (id, name, daily_alert_limit, max_running_simulations)
    /// and replies with it and its new token ("token", shown only here); a
    /// taken id is query_errc::conflict.
    caf::replies_to<create_atom, std::string, std::string, std::int32_t,
                    std::int32_t>::with<json_page>,
    /// Gives the tenant a new token and replies {"id","token"}; found = false
    /// if unknown. The old token stops working at once on this node, and
    /// within auth.refresh_ms on the others.
    caf::replies_to<token_atom, std::string>::with<json_page>>;

} // namespace playclock
