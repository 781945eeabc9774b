#include "actors/linked_pool.hpp"

#include <vector>

#include <caf/actor_cast.hpp>
#include <caf/actor_pool.hpp>
#include <caf/actor_system.hpp>

namespace playclock {

caf::actor make_linked_pool(caf::actor_system& sys, std::size_t n,
                            const std::function<caf::actor()>& factory) {
  std::vector<caf::actor> workers;
  // actor_pool::make calls the factory n times before it returns.
  auto pool = caf::actor_pool::make(
      sys.dummy_execution_unit(), n,
      [&] {
        auto w = factory();
        workers.push_back(w);
        return w;
      },
      caf::actor_pool::round_robin());
  auto* self = static_cast<caf::monitorable_actor*>(caf::actor_cast<caf::abstract_actor*>(pool));
  for (const auto& w : workers)
    self->link_to(w);
  return pool;
}

} // namespace playclock
