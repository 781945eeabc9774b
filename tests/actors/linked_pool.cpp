// A worker that dies takes its pool down (so a supervisor restarts the
// group), rather than leaving a pool that quietly has fewer workers.
#include <catch2/catch.hpp>

#include <chrono>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/linked_pool.hpp"
#include "messages/atoms.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

// Spawned with an argument: CAF 0.17 dereferences a null argument tuple
// when a function actor is spawned without one.
caf::behavior echo_worker(caf::event_based_actor*, int offset) {
  return {[offset](ping_atom, int x) { return x + offset; }};
}

} // namespace

TEST_CASE("a linked pool answers through its workers and dies with any of them", "[pool]") {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  {
    caf::scoped_actor self{sys};
    std::vector<caf::actor> made;
    auto pool = make_linked_pool(sys, 3, [&] {
      made.push_back(sys.spawn(echo_worker, 0));
      return made.back();
    });
    REQUIRE(made.size() == 3);
    for (int i = 0; i < 6; ++i) {
      int got = -1;
      self->request(pool, 5s, ping_atom::value, i)
          .receive([&](int x) { got = x; }, [](caf::error&) {});
      CHECK(got == i);
    }
    self->monitor(pool);
    caf::anon_send_exit(made[1], caf::exit_reason::kill);
    bool down = false;
    self->receive([&](caf::down_msg& dm) { down = dm.source == pool.address(); },
                  caf::after(5s) >> [] {});
    CHECK(down);
    // The pool took the other workers down with it.
    for (auto& w : {made[0], made[2]}) {
      self->monitor(w);
      bool gone = false;
      self->receive([&](caf::down_msg&) { gone = true; }, caf::after(5s) >> [] {});
      CHECK(gone);
    }
  }
  sys.await_all_actors_done();
}
