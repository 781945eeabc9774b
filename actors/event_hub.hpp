#pragma once
// event_hub: fans events out to subscribers by topic. Subscribers are
// monitored and dropped when they end, so a dead alert router costs nothing.
// A message's priority is kept on its way through.

#include <caf/message_priority.hpp>

#include "messages/games.hpp"

namespace playclock {

event_hub_actor spawn_event_hub(caf::actor_system& sys);

/// Subscribes `who` to `topic`, as urgently as events travel: an event
/// published after the subscription cannot overtake it.
void subscribe_to(const event_hub_actor& hub, const std::string& topic, const caf::actor& who);

/// Publishes `x` on `topic` (a shorthand for actors that hold the hub).
/// Events travel as high-priority messages, which the hub forwards as such:
/// an alert's event jumps the mailboxes of the hub and of its subscribers
/// ahead of a poll's burst of game_updated states, the one normal-priority
/// topic (publish_state).
template <class Self, class T>
void publish(Self* self, const event_hub_actor& hub, const char* topic, T&& x) {
  if (hub)
    self->template send<caf::message_priority::high>(hub, publish_atom::value, std::string{topic},
                                                     caf::make_message(std::forward<T>(x)));
}

/// Publishes a state snapshot (frequent, never urgent) on `topic`.
template <class Self, class T>
void publish_state(Self* self, const event_hub_actor& hub, const char* topic, T&& x) {
  if (hub)
    self->send(hub, publish_atom::value, std::string{topic}, caf::make_message(std::forward<T>(x)));
}

} // namespace playclock
