#include "tests/support/loopback_server.hpp"

#include <utility>

namespace playclock::test {

loopback_server::loopback_server(std::shared_ptr<const http::router> routes,
                                 http::server_options opts, std::chrono::milliseconds stop_grace)
    : stop_grace_(stop_grace) {
  opts.host = "127.0.0.1";
  opts.port = 0;
  server_ = std::make_unique<http::server>(std::move(opts), std::move(routes));
  port_ = server_->start();
}

loopback_server::~loopback_server() {
  server_->stop(stop_grace_);
}

std::string loopback_server::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

} // namespace playclock::test
