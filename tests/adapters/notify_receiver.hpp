#pragma once
// A real HTTP server on 127.0.0.1 (free port) for the notifier tests: it
// records every request it gets and answers with a scripted response, or
// never answers at all (for client time-outs).

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "adapters/http/server.hpp"
#include "tests/support/loopback_server.hpp"

namespace playclock::test {

class fake_receiver {
 public:
  /// Serves `method` `pattern` (router syntax); anything else gets the
  /// router's 404.
  fake_receiver(const std::string& method, const std::string& pattern)
      : state_{std::make_shared<state>()} {
    auto routes = std::make_shared<http::router>();
    routes->add(
        method, pattern,
        [st = state_](const http::request& req, const http::path_params&, http::responder respond) {
          std::lock_guard<std::mutex> guard{st->mtx};
          st->seen.push_back(req);
          if (st->hang)
            st->held.push_back(std::move(respond)); // never called
          else
            respond(st->reply);
        });
    http::server_options opts;
    opts.handler_timeout = std::chrono::seconds{10};
    server_ = std::make_unique<loopback_server>(routes, opts, std::chrono::milliseconds{0});
  }

  ~fake_receiver() {
    server_.reset();
    // A held responder keeps its session, the session the routes, the routes
    // this state: drop them to break the cycle.
    std::lock_guard<std::mutex> guard{state_->mtx};
    state_->held.clear();
  }

  /// Answers every later request with `status` and `body`.
  void answer(int status, std::string body, http::header_list headers = {},
              std::string content_type = "application/json") {
    std::lock_guard<std::mutex> guard{state_->mtx};
    state_->hang = false;
    state_->reply.status = status;
    state_->reply.body = std::move(body);
    state_->reply.headers = std::move(headers);
    state_->reply.content_type = std::move(content_type);
  }

  /// Never answers later requests.
  void hang() {
    std::lock_guard<std::mutex> guard{state_->mtx};
    state_->hang = true;
  }

  /// Copies of the requests received so far, in order.
  std::vector<http::request> requests() const {
    std::lock_guard<std::mutex> guard{state_->mtx};
    return state_->seen;
  }

  /// "http://127.0.0.1:<port>" + target.
  std::string url(const std::string& target = "") const { return server_->base_url() + target; }

 private:
  struct state {
    mutable std::mutex mtx;
    std::vector<http::request> seen;
    http::response reply;
    bool hang = false;
    std::vector<http::responder> held;
  };
  std::shared_ptr<state> state_;
  std::unique_ptr<loopback_server> server_;
};

} // namespace playclock::test
