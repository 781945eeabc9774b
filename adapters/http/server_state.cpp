#include "adapters/http/server_state.hpp"

#include "adapters/log/logging.hpp"

#include <spdlog/spdlog.h>

namespace playclock::http::detail {

server_state::server_state(server_options o, std::shared_ptr<const router> r, observer obs)
    : opts(std::move(o)), routes(std::move(r)), obs_(std::move(obs)) {}

std::uint64_t server_state::add(std::weak_ptr<connection> c) {
  std::lock_guard<std::mutex> lock{mu_};
  auto key = ++next_key_;
  conns_.emplace(key, std::move(c));
  return key;
}

void server_state::remove(std::uint64_t key) {
  {
    std::lock_guard<std::mutex> lock{mu_};
    if (conns_.erase(key) == 0 || !conns_.empty()) {
      return;
    }
  }
  closed_cv_.notify_all();
}

std::size_t server_state::open() const {
  std::lock_guard<std::mutex> lock{mu_};
  return conns_.size();
}

std::vector<std::shared_ptr<connection>> server_state::live() const {
  std::vector<std::shared_ptr<connection>> out;
  std::lock_guard<std::mutex> lock{mu_};
  for (const auto& [key, weak] : conns_) {
    if (auto c = weak.lock()) {
      out.push_back(std::move(c));
    }
  }
  return out;
}

bool server_state::wait_closed(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock<std::mutex> lock{mu_};
  return closed_cv_.wait_until(lock, deadline, [this] { return conns_.empty(); });
}

void server_state::close_gate() {
  std::unique_lock<std::shared_mutex> lock{gate_mu_};
  running_ = false;
}

void server_state::observe(const request_observation& o) const noexcept {
  if (!obs_) {
    return;
  }
  try {
    obs_(o);
  } catch (const std::exception& e) {
    logger()->error("http observer threw: {}", e.what());
  } catch (...) {
    logger()->error("http observer threw");
  }
}

std::shared_ptr<spdlog::logger> server_state::logger() {
  return log::component("http");
}

} // namespace playclock::http::detail
