#pragma once
// The bridge from an HTTP handler to an actor: a short-lived actor sends the
// request, and its reply (or error, or time-out) is handed to the responder,
// which posts the response back onto the connection's strand. The I/O thread
// never waits.

#include <chrono>
#include <string>
#include <utility>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

#include "adapters/http/message.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/router.hpp"

namespace playclock::http_bridge {

/// Sends `args...` to `target` and answers with `on_reply(Result&)`, which
/// returns an http::response. An absent target is 503, a time-out 504 and an
/// error reply 500 (each as problem+json naming `what`).
template <class Result, class Handle, class OnReply, class... Args>
void ask(caf::actor_system& sys, const Handle& target, std::chrono::milliseconds timeout,
         http::responder respond, std::string what, std::string instance, OnReply on_reply,
         Args... args) {
  if (!target) {
    respond(http::problem(http::ec::unavailable, what + " is not running (restarting?)", instance));
    return;
  }
  // The target travels as a spawn argument: CAF 0.17 dereferences a null
  // argument tuple when a function actor is spawned without arguments (UBSan
  // reports it), so never spawn one without.
  sys.spawn(
      [=](caf::event_based_actor* self, const Handle& to) mutable {
        self->request(to, timeout, args...)
            .then([=](Result& x) mutable { respond(on_reply(x)); },
                  [=](caf::error& e) mutable {
                    if (e == caf::sec::request_timeout)
                      respond(http::problem(http::ec::timeout, what + " did not answer in time",
                                            instance));
                    else
                      respond(http::problem(http::ec::internal,
                                            what + " failed: " + self->system().render(e),
                                            instance));
                  });
      },
      target);
}

} // namespace playclock::http_bridge
