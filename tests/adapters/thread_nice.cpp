#include <catch2/catch.hpp>

#include <thread>

#include "adapters/os/thread_nice.hpp"

namespace os = playclock::os;

TEST_CASE("a thread lowers its own priority, and only its own", "[thread_nice]") {
  int before = os::this_thread_nice();
  bool set = false;
  int inside = 0;
  // On its own thread: the test runner's keeps its priority.
  std::thread{[&] {
    set = os::set_this_thread_nice(before + 3);
    inside = os::this_thread_nice();
  }}.join();
  CHECK(set);
  CHECK(inside == before + 3);
  CHECK(os::this_thread_nice() == before);
}
