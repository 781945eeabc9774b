#pragma once
// The HTTP/1.1 server: a listener and one session per connection, each on its
// own strand, as in Beast's advanced server. Handlers answer asynchronously
// through a responder; responses go out in request order.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "adapters/http/router.hpp"

namespace playclock::http {

/// How the server listens and what it tolerates.
struct server_options {
  /// Address or host name to bind.
  std::string host = "127.0.0.1";
  /// 0 picks a free port (see server::start).
  std::uint16_t port = 8080;
  /// I/O threads (at least one).
  int threads = 1;
  /// Largest request body; past it 413 and the connection closes.
  std::size_t body_limit = 1 << 20;
  /// How long reading one request (or writing one response) may take; also
  /// how long an idle keep-alive connection stays open.
  std::chrono::milliseconds read_timeout{15000};
  /// How long a handler may take to answer before the server answers 504.
  std::chrono::milliseconds handler_timeout{30000};
  /// Requests of one connection awaiting their response before reading pauses.
  int max_pipelined = 8;
  /// Past this many open connections new ones are closed right after accept.
  int max_connections = 10000;
  /// The Server header.
  std::string server_name = "playclock";
};

/// One answered request, for metrics.
struct request_observation {
  /// The matched route's label; "unmatched" for 404, "invalid" for
  /// unparsable requests (400, 413).
  std::string route;
  std::string method;
  int status = 0;
  /// From the request being read to its response being ready.
  double seconds = 0;
};

/// Called once per response on an I/O thread; must be cheap and not block.
using observer = std::function<void(const request_observation&)>;

/// An HTTP server. Not copyable; start() once, stop() (or destroy) once.
class server {
 public:
  /// Nothing happens until start(). `routes` must not change afterwards.
  server(server_options opts, std::shared_ptr<const router> routes, observer obs = {});
  /// Stops at once (no grace) if still running.
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// Binds, listens and starts the I/O threads; returns the bound port.
  /// Throws std::runtime_error ("http: cannot listen on 127.0.0.1:8080: Address
  /// already in use"), or std::logic_error when called twice.
  std::uint16_t start();

  /// Closes the listener at once (new connections are refused), closes idle
  /// connections, lets in-flight requests finish for up to `grace`, then closes
  /// every connection and joins the I/O threads. Idempotent. Never call it
  /// from a handler (it joins the thread the handler runs on).
  void stop(std::chrono::milliseconds grace);

  /// Connections accepted and not yet closed.
  std::size_t open_connections() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace playclock::http
