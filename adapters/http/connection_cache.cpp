#include "adapters/http/connection_cache.hpp"

#include <poll.h>

#include <algorithm>

namespace playclock::http::detail {

namespace {

// Whether an idle connection can carry a request: nothing to read and no
// hang-up. An idle connection has nothing pending; readable means the
// server closed it (or sent something no request asked for).
bool usable(transport& conn) {
  auto& socket = conn.tcp().socket();
  if (!socket.is_open())
    return false;
  pollfd p{};
  p.fd = socket.native_handle();
  p.events = POLLIN;
  return ::poll(&p, 1, 0) == 0;
}

} // namespace

connection_cache::connection_cache() : ioc_(std::make_unique<boost::asio::io_context>(1)) {}

connection_cache::~connection_cache() = default;

connection_cache& connection_cache::of_this_thread() {
  thread_local connection_cache cache;
  return cache;
}

std::unique_ptr<transport> connection_cache::take(const std::string& origin) {
  auto now = std::chrono::steady_clock::now();
  // Newest first: the likeliest to be open still.
  for (auto i = idle_.size(); i-- > 0;) {
    if (idle_[i].origin != origin)
      continue;
    auto found = std::move(idle_[i]);
    idle_.erase(idle_.begin() + static_cast<std::ptrdiff_t>(i));
    if (now - found.since <= max_idle && usable(*found.conn))
      return std::move(found.conn);
    // Closed by the server or idle too long: dropped (its socket closes).
  }
  return nullptr;
}

void connection_cache::put(std::string origin, std::unique_ptr<transport> conn) {
  if (idle_.size() >= max_connections)
    idle_.erase(idle_.begin());
  idle_.push_back(idle{std::move(origin), std::move(conn), std::chrono::steady_clock::now()});
}

void connection_cache::reset() {
  idle_.clear();
  ioc_ = std::make_unique<boost::asio::io_context>(1);
}

} // namespace playclock::http::detail
