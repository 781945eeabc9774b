#pragma once
// Internal to the server: what the listener, the sessions and the server
// object share. Plain C++ so that it compiles without Asio.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include <spdlog/fwd.h>

#include "adapters/http/server.hpp"

namespace playclock::http::detail {

/// A live connection as the server sees it when stopping.
class connection {
 public:
  virtual ~connection() = default;
  /// Any thread: stop reading, close once the requests in flight are answered.
  virtual void drain() = 0;
  /// Closes at once; only while no I/O thread runs.
  virtual void force_close() = 0;
};

/// Shared by the server, its listener and its sessions.
class server_state {
 public:
  server_state(server_options opts, std::shared_ptr<const router> routes, observer obs);

  const server_options opts;
  const std::shared_ptr<const router> routes;

  /// Registers an open connection; returns its key for remove().
  std::uint64_t add(std::weak_ptr<connection> c);
  /// Unregisters; a second call with the same key does nothing.
  void remove(std::uint64_t key);
  /// Open connections.
  std::size_t open() const;
  /// The connections still alive.
  std::vector<std::shared_ptr<connection>> live() const;
  /// Waits until no connection is open or `deadline` passes; true if none is.
  bool wait_closed(std::chrono::steady_clock::time_point deadline);

  /// Runs `f` only while the I/O context may still be posted to, and keeps it
  /// alive meanwhile; responders go through here because they may be called
  /// from any thread at any time, even after the server is gone.
  template <class F>
  void if_running(F&& f) {
    std::shared_lock<std::shared_mutex> lock{gate_mu_}; // responders do not serialise
    if (running_)
      f();
  }
  /// After this, if_running() runs nothing.
  void close_gate();

  /// Reports to the observer; never throws.
  void observe(const request_observation& o) const noexcept;

  /// The "http" logger, else the default one.
  static std::shared_ptr<spdlog::logger> logger();

 private:
  observer obs_;
  mutable std::mutex mu_;
  std::condition_variable closed_cv_;
  std::unordered_map<std::uint64_t, std::weak_ptr<connection>> conns_;
  std::uint64_t next_key_ = 0;
  std::shared_mutex gate_mu_;
  bool running_ = true;
};

} // namespace playclock::http::detail
