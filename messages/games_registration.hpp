#pragma once

#include <caf/fwd.hpp>

namespace playclock {

/// Registers the games domain's types (called by add_message_types).
void add_games_message_types(caf::actor_system_config& cfg);

} // namespace playclock
