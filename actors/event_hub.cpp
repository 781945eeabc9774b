#include "actors/event_hub.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "adapters/log/thread_name.hpp"

namespace playclock {

namespace {

struct hub_state {
  static inline const char* name = "event_hub";
  std::map<std::string, std::vector<caf::actor>> topics;
};

using self_ptr = event_hub_actor::stateful_pointer<hub_state>;

event_hub_actor::behavior_type hub_impl(self_ptr self, int /*unused: CAF 0.17 needs an arg*/) {
  log::name_this_thread("pc-event-hub");
  self->set_down_handler([self](caf::down_msg& dm) {
    for (auto& kv : self->state.topics) {
      auto& subs = kv.second;
      subs.erase(std::remove_if(subs.begin(), subs.end(),
                                [&](const caf::actor& a) { return a.address() == dm.source; }),
                 subs.end());
    }
  });
  return {
      [self](subscribe_atom, const std::string& topic, const caf::actor& who) {
        auto& subs = self->state.topics[topic];
        if (std::find(subs.begin(), subs.end(), who) == subs.end()) {
          subs.push_back(who);
          self->monitor(who);
        }
      },
      [self](publish_atom, const std::string& topic, const caf::message& event) {
        auto i = self->state.topics.find(topic);
        if (i == self->state.topics.end())
          return;
        bool urgent = self->current_mailbox_element()->mid.is_urgent_message();
        for (const auto& who : i->second)
          if (urgent)
            caf::anon_send<caf::message_priority::high>(who, event);
          else
            caf::anon_send(who, event);
      },
  };
}

} // namespace

void subscribe_to(const event_hub_actor& hub, const std::string& topic, const caf::actor& who) {
  caf::anon_send<caf::message_priority::high>(hub, subscribe_atom::value, topic, who);
}

event_hub_actor spawn_event_hub(caf::actor_system& sys) {
  // Its own thread: events (and the alerts they become) must not wait behind
  // a poll's burst of work on the shared scheduler threads.
  return sys.spawn<caf::detached>(hub_impl, 0);
}

} // namespace playclock
