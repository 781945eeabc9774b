#pragma once
// Internal to the HTTP client (client.cpp and connection_cache.cpp only; not
// an API): the connections a thread keeps open between its requests.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "adapters/http/tls_client.hpp"

namespace playclock::http::detail {

/// The io_context a thread's requests run on, and the connections servers
/// left open after a response, for the next request to the same origin.
/// fetch() blocks its thread, so a thread never needs two connections to one
/// origin at once. Not thread-safe: one per thread (of_this_thread()).
class connection_cache {
 public:
  /// An idle connection older than this is closed rather than reused.
  /// Servers close theirs after 5 s (Node.js) to 75 s (nginx), ours after
  /// 15 s; one closed already is noticed before it is used (take()).
  static constexpr std::chrono::seconds max_idle{30};
  /// Idle connections kept at most (the oldest is closed first).
  static constexpr std::size_t max_connections = 8;

  connection_cache();
  ~connection_cache();
  connection_cache(const connection_cache&) = delete;
  connection_cache& operator=(const connection_cache&) = delete;

  /// The calling thread's cache.
  static connection_cache& of_this_thread();

  boost::asio::io_context& context() { return *ioc_; }

  /// An open idle connection to `origin`, or null. Connections found closed
  /// by their server (the socket is readable), or idle for too long, are
  /// dropped on the way.
  std::unique_ptr<transport> take(const std::string& origin);

  /// Keeps `conn` (made on context()) for the next request to `origin`.
  void put(std::string origin, std::unique_ptr<transport> conn);

  /// Closes every connection and starts a new io_context: after an exception
  /// left handlers of a destroyed exchange in the old one.
  void reset();

 private:
  struct idle {
    std::string origin;
    std::unique_ptr<transport> conn;
    std::chrono::steady_clock::time_point since;
  };

  std::unique_ptr<boost::asio::io_context> ioc_;
  std::vector<idle> idle_; // after ioc_: destroyed first, its sockets use ioc_
};

} // namespace playclock::http::detail
