// timed_request takes a request's time-out off CAF's clock with the answer:
// CAF 0.17 otherwise delivers it later as a stray message that wakes the
// requester. Seen from the kernel: the requester's thread (a detached actor)
// must not wake once the answers are in.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>

#include "actors/timed_request.hpp"
#include "tests/support/process_threads.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

constexpr int requests = 20;
constexpr auto request_timeout = 300ms;

struct probe {
  std::atomic<long> tid{0};
  std::atomic<int> sent{0};
  std::atomic<int> answers{0};
  std::atomic<int> errors{0};
};

caf::behavior answering(caf::event_based_actor*) {
  return {[](int x) { return x + 1; }};
}

// Takes each request and never answers it.
caf::behavior silent(caf::event_based_actor* self) {
  return {[self](int) -> caf::result<int> { return self->make_response_promise<int>(); }};
}

// Sends `requests` requests to `to`, 5 ms apart (each time-out its own
// moment on the clock).
caf::behavior requester(caf::event_based_actor* self, caf::actor to, bool timed,
                        std::shared_ptr<probe> p) {
  p->tid = test::this_thread_id();
  self->send(self, caf::ok_atom::value);
  return {[=](caf::ok_atom) {
    auto on_answer = [p](int) { ++p->answers; };
    auto on_error = [p](caf::error&) { ++p->errors; };
    auto n = p->sent++;
    if (timed)
      timed_request(self, to, request_timeout, n).then(on_answer, on_error);
    else
      self->request(to, request_timeout, n).then(on_answer, on_error);
    if (n + 1 < requests)
      self->delayed_send(self, 5ms, caf::ok_atom::value);
  }};
}

// A requester and the actor it asks, each on a thread of its own.
struct exchange {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  std::shared_ptr<probe> p = std::make_shared<probe>();
  caf::actor to;
  caf::actor from;

  exchange(caf::behavior (*asked)(caf::event_based_actor*), bool timed)
      : to(sys.spawn<caf::detached>(asked)),
        from(sys.spawn<caf::detached>(requester, to, timed, p)) {}

  ~exchange() {
    caf::anon_send_exit(from, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(to, caf::exit_reason::user_shutdown);
  }
};

// The requester's wake-ups after all answers came, over twice the time-out.
long wakeups_after_answers(bool timed) {
  exchange x{answering, timed};
  REQUIRE(test::wait_until([&] { return x.p->answers == requests; }, 10s, 5ms));
  auto before = test::voluntary_switches(x.p->tid);
  std::this_thread::sleep_for(2 * request_timeout);
  auto after = test::voluntary_switches(x.p->tid);
  CHECK(x.p->errors == 0);
  return after - before;
}

} // namespace

TEST_CASE("an answered timed_request leaves nothing on the clock to wake its actor later",
          "[timed_request]") {
  // The control: CAF's own request wakes its actor once per stale time-out.
  CHECK(wakeups_after_answers(false) >= requests / 2);
  CHECK(wakeups_after_answers(true) == 0);
}

TEST_CASE("a timed_request that gets no answer still times out, once", "[timed_request]") {
  exchange x{silent, true};
  CHECK(test::wait_until([&] { return x.p->errors == requests; }, 10s, 10ms));
  std::this_thread::sleep_for(request_timeout);
  CHECK(x.p->errors == requests);
  CHECK(x.p->answers == 0);
}
