#pragma once
// caf::actor_pool forgets a worker that dies and goes on with fewer, down to
// none, while its supervisor sees nothing wrong. A linked pool dies with any
// of its workers instead, so the supervisor restarts the whole group.

#include <cstddef>
#include <functional>

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

namespace playclock {

/// A round-robin pool of `n` workers made by `factory`, linked to each.
caf::actor make_linked_pool(caf::actor_system& sys, std::size_t n,
                            const std::function<caf::actor()>& factory);

} // namespace playclock
