#pragma once
// A real HTTP server on 127.0.0.1 and a free port, for tests that stand in
// for a remote endpoint (Kalshi, a webhook receiver, an LLM) or serve the
// node's own routes. Stops, with the given grace, when it goes out of scope.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "adapters/http/server.hpp"

namespace playclock::test {

class loopback_server {
 public:
  /// `opts.host` and `opts.port` are overridden (127.0.0.1, a free port);
  /// the other options are kept.
  explicit loopback_server(std::shared_ptr<const http::router> routes,
                           http::server_options opts = {},
                           std::chrono::milliseconds stop_grace = std::chrono::seconds{1});
  ~loopback_server();
  loopback_server(const loopback_server&) = delete;
  loopback_server& operator=(const loopback_server&) = delete;

  std::uint16_t port() const { return port_; }
  /// "http://127.0.0.1:<port>", no trailing slash.
  std::string base_url() const;

 private:
  std::unique_ptr<http::server> server_;
  std::uint16_t port_ = 0;
  std::chrono::milliseconds stop_grace_;
};

} // namespace playclock::test
