#pragma once
// event_hub: fans events out to subscribers by topic. Subscribers are
// monitored and dropped when they end, so a dead alert router costs nothing.

#include "messages/games.hpp"

namespace playclock {

event_hub_actor spawn_event_hub(caf::actor_system& sys);

/// Publishes `x` on `topic` (a shorthand for actors that hold the hub).
template <class Self, class T>
void publish(Self* self, const event_hub_actor& hub, const char* topic, T&& x) {
  if (hub)
    self->send(hub, publish_atom::value, std::string{topic}, caf::make_message(std::forward<T>(x)));
}

} // namespace playclock
