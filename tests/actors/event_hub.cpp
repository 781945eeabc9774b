// The hub hands each event to every subscriber of its topic and keeps its
// priority: events urgent (they become alerts), states normal, so an alert's
// event jumps queues that hold a poll's burst of game states.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>

#include "actors/event_hub.hpp"
#include "tests/support/process_threads.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

struct received {
  std::string what;
  bool urgent = false;
};

struct inbox {
  std::mutex mtx;
  std::vector<received> items;

  std::vector<received> copy() {
    std::lock_guard<std::mutex> guard{mtx};
    return items;
  }
};

caf::behavior recorder(caf::event_based_actor* self, std::shared_ptr<inbox> in) {
  return {[self, in](const std::string& what) {
    bool urgent = self->current_mailbox_element()->mid.is_urgent_message();
    std::lock_guard<std::mutex> guard{in->mtx};
    in->items.push_back(received{what, urgent});
  }};
}

} // namespace

TEST_CASE("the hub hands events on urgently and states normally, to its topic's subscribers only",
          "[hub]") {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto hub = spawn_event_hub(sys);
  auto first = std::make_shared<inbox>();
  auto second = std::make_shared<inbox>();
  auto elsewhere = std::make_shared<inbox>();
  auto a = sys.spawn(recorder, first);
  auto b = sys.spawn(recorder, second);
  auto c = sys.spawn(recorder, elsewhere);
  subscribe_to(hub, "games", a);
  subscribe_to(hub, "games", b);
  subscribe_to(hub, "markets", c);
  {
    caf::scoped_actor self{sys};
    publish(self.ptr(), hub, "games", std::string{"event"});
    publish_state(self.ptr(), hub, "games", std::string{"state"});
    publish(self.ptr(), hub, "markets", std::string{"marker"});
  }
  for (const auto& in : {first, second}) {
    REQUIRE(test::wait_until([&] { return in->copy().size() == 2; }, 10s));
    for (const auto& r : in->copy()) {
      INFO(r.what);
      CHECK(r.urgent == (r.what == "event"));
    }
  }
  REQUIRE(test::wait_until([&] { return elsewhere->copy().size() == 1; }, 10s));
  CHECK(elsewhere->copy().front().what == "marker");
  CHECK(elsewhere->copy().front().urgent);
  // Its thread says what it is (top -H, perf).
  CHECK(test::wait_until([] { return test::has_thread("pc-event-hub"); }, 10s));
  for (const auto& h : {caf::actor_cast<caf::actor>(hub), a, b, c})
    caf::anon_send_exit(h, caf::exit_reason::user_shutdown);
}
