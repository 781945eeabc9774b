#pragma once
// A child spec for a permanent child that is one actor started by a function
// (the common case of the node's tree).

#include <chrono>
#include <functional>
#include <string>
#include <utility>

#include <caf/actor.hpp>
#include <caf/actor_cast.hpp>

#include "messages/supervision.hpp"

namespace playclock {

template <class Handle>
child_spec simple_child(std::string name, std::function<Handle(caf::actor_system&)> start,
                        std::chrono::milliseconds shutdown_timeout = std::chrono::seconds{5}) {
  child_spec spec;
  spec.kind = name;
  spec.name = std::move(name);
  spec.shutdown_timeout = shutdown_timeout;
  spec.start = [start = std::move(start)](caf::actor_system& sys) {
    return caf::actor_cast<caf::actor>(start(sys));
  };
  return spec;
}

} // namespace playclock
