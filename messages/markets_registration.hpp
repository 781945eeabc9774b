#pragma once
// Registers the markets and alerts domains' message types (called by
// add_message_types).

namespace caf {
class actor_system_config;
} // namespace caf

namespace playclock {

void add_markets_message_types(caf::actor_system_config& cfg);
void add_alerts_message_types(caf::actor_system_config& cfg);

} // namespace playclock
