#pragma once
// Asking a registered actor from an HTTP route (the bridge of http/ask.hpp)
// and mapping its reply, or the query_errc error it fails with, to HTTP.

#include <string>
#include <utility>

#include <caf/actor_system.hpp>
#include <caf/error.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/http_api.hpp"
#include "adapters/http/message.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/router.hpp"
#include "messages/actors.hpp"
#include "messages/games_query.hpp"
#include "supervisors/registry.hpp"

namespace playclock::http_query {

/// The response to error `e` of the actor called `what`: a time-out is 504,
/// query_errc::database_unavailable 503 with Retry-After: 1, not_found 404
/// (the error's context as detail), malformed_cursor 400 naming `cursor`,
/// anything else 500 ("<what> failed: ...").
http::response error_response(caf::actor_system& sys, const caf::error& e, const std::string& what,
                              const std::string& instance);

/// A json_page as 200 with its body, or 404 with detail `not_found` when the
/// page was not found.
http::response page_response(json_page& page, const std::string& not_found,
                             const std::string& instance);

/// Sends `args...` to the actor registered as `name` and answers with
/// `on_reply(Result&)`, an http::response. An absent actor is 503, an error
/// reply as error_response() (the actor called by the last segment of `name`).
template <class Handle, class Result, class OnReply, class... Args>
void ask(const http_api_context& ctx, const std::string& name, http::responder respond,
         std::string instance, OnReply on_reply, Args... args) {
  auto target = ctx.names->get_as<Handle>(name);
  auto what = name.substr(name.rfind('/') + 1);
  if (!target) {
    respond(http::problem(http::ec::unavailable, what + " is not running (restarting?)", instance));
    return;
  }
  // The target travels as a spawn argument: CAF 0.17 dereferences a null
  // argument tuple when a function actor is spawned without arguments.
  ctx.sys->spawn(
      [=, timeout = ctx.request_timeout](caf::event_based_actor* self, const Handle& to) mutable {
        self->request(to, timeout, args...)
            .then([=](Result& x) mutable { respond(on_reply(x)); },
                  [=](caf::error& e) mutable {
                    respond(error_response(self->system(), e, what, instance));
                  });
      },
      target);
}

/// ask() for a json_page, answered as page_response() with `not_found`.
template <class Handle, class... Args>
void ask_page(const http_api_context& ctx, const std::string& name, http::responder respond,
              std::string instance, std::string not_found, Args... args) {
  auto on_reply = [not_found = std::move(not_found), instance](json_page& page) {
    return page_response(page, not_found, instance);
  };
  ask<Handle, json_page>(ctx, name, std::move(respond), std::move(instance), std::move(on_reply),
                         std::move(args)...);
}

/// ask_page() of the query actor ("node/query"); `not_found` is the 404
/// detail for a page not found.
template <class... Args>
void ask_query(const http_api_context& ctx, http::responder respond, std::string instance,
               std::string not_found, Args... args) {
  ask_page<query_actor>(ctx, "node/query", std::move(respond), std::move(instance),
                        std::move(not_found), std::move(args)...);
}

} // namespace playclock::http_query
