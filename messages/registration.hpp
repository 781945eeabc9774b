#pragma once

#include <caf/fwd.hpp>

namespace playclock {

/// Registers every message type that may cross nodes. Call on the config of
/// every node (and of every test system that serializes messages).
void add_message_types(caf::actor_system_config& cfg);

} // namespace playclock
