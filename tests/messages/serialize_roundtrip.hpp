#pragma once
// Serializes `x` inside a caf::message, as the network layer does, and reads
// it back: this fails at run time if a type is not registered.

#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>
#include <caf/message.hpp>
#include <catch2/catch.hpp>

#include "messages/registration.hpp"

namespace playclock::test {

template <class T>
T roundtrip(const T& x) {
  caf::actor_system_config cfg;
  add_message_types(cfg);
  caf::actor_system sys{cfg};
  std::vector<char> buf;
  caf::binary_serializer sink{sys, buf};
  auto msg = caf::make_message(x);
  REQUIRE_FALSE(msg.save(sink));
  caf::message copy;
  caf::binary_deserializer source{sys, buf};
  REQUIRE_FALSE(copy.load(source));
  REQUIRE(copy.match_elements<T>());
  return copy.get_as<T>(0);
}

} // namespace playclock::test
