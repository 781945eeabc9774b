#include "adapters/pg/pool.hpp"

#include <cctype>
#include <condition_variable>
#include <mutex>
#include <vector>

#include <pqxx/connection>

namespace playclock::pg {

namespace {

std::string url_encode(const std::string& in) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : in) {
    if (std::isalnum(ch) != 0 || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out.push_back(static_cast<char>(ch));
    } else {
      out.push_back('%');
      out.push_back(hex[ch >> 4]);
      out.push_back(hex[ch & 0xf]);
    }
  }
  return out;
}

} // namespace

std::string connection_string(const pool_options& opts) {
  auto result = opts.url;
  auto add = [&](const std::string& key, const std::string& value) {
    // A parameter the user set in the URI wins.
    if (result.find(key + "=") != std::string::npos)
      return;
    result += (result.find('?') == std::string::npos ? '?' : '&');
    result += key + "=" + url_encode(value);
  };
  add("connect_timeout", std::to_string(opts.connect_timeout_s));
  add("application_name", opts.application_name);
  if (opts.statement_timeout_ms > 0)
    add("options", "-c statement_timeout=" + std::to_string(opts.statement_timeout_ms));
  return result;
}

struct pool::impl {
  explicit impl(pool_options o) : opts(std::move(o)), conninfo(connection_string(opts)) {}

  pool_options opts;
  std::string conninfo;
  mutable std::mutex mtx;
  std::condition_variable cv;
  std::vector<std::unique_ptr<pqxx::connection>> idle;
  // Owned while lent out; keyed by address so a lease can give it back.
  std::vector<std::unique_ptr<pqxx::connection>> lent;
  int open = 0;
  pool_stats counters;

  void give_back(pqxx::connection_base* c, bool broken) {
    std::unique_ptr<pqxx::connection> owned;
    {
      std::lock_guard<std::mutex> guard{mtx};
      for (auto i = lent.begin(); i != lent.end(); ++i) {
        if (i->get() == c) {
          owned = std::move(*i);
          lent.erase(i);
          break;
        }
      }
      if (!owned)
        return;
      if (broken || !owned->is_open()) {
        --open;
        ++counters.broken;
      } else {
        idle.push_back(std::move(owned));
      }
    }
    cv.notify_one();
    // `owned` (a broken connection) closes here, outside the lock.
  }
};

pool::lease::lease(std::shared_ptr<impl> owner, pqxx::connection_base* conn)
  : owner_(std::move(owner)), conn_(conn) {}

pool::lease::lease(lease&& other) noexcept
  : owner_(std::move(other.owner_)), conn_(other.conn_), broken_(other.broken_) {
  other.conn_ = nullptr;
}

pool::lease::~lease() {
  if (owner_ && conn_ != nullptr)
    owner_->give_back(conn_, broken_);
}

pool::pool(pool_options opts) : impl_(std::make_shared<impl>(std::move(opts))) {}

pool::~pool() = default;

pool::lease pool::acquire() {
  auto& p = *impl_;
  auto start = std::chrono::steady_clock::now();
  auto deadline = start + p.opts.acquire_timeout;
  std::unique_lock<std::mutex> lk{p.mtx};
  bool waited = false;
  for (;;) {
    if (!p.idle.empty()) {
      auto c = std::move(p.idle.back());
      p.idle.pop_back();
      auto* raw = c.get();
      p.lent.push_back(std::move(c));
      if (waited)
        p.counters.wait_seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      return lease{impl_, raw};
    }
    if (p.open < p.opts.size) {
      ++p.open;
      lk.unlock();
      std::unique_ptr<pqxx::connection> c;
      try {
        c = std::make_unique<pqxx::connection>(p.conninfo);
      } catch (...) {
        lk.lock();
        --p.open;
        ++p.counters.connect_failures;
        lk.unlock();
        p.cv.notify_one();
        throw;
      }
      lk.lock();
      ++p.counters.connects;
      auto* raw = c.get();
      p.lent.push_back(std::move(c));
      return lease{impl_, raw};
    }
    if (!waited) {
      waited = true;
      ++p.counters.waits;
    }
    if (p.cv.wait_until(lk, deadline) == std::cv_status::timeout && p.idle.empty()
        && p.open >= p.opts.size) {
      ++p.counters.acquire_timeouts;
      p.counters.wait_seconds += std::chrono::duration<double>(p.opts.acquire_timeout).count();
      throw pool_timeout("database: no free connection within "
                         + std::to_string(p.opts.acquire_timeout.count()) + " ms (pool size "
                         + std::to_string(p.opts.size) + ")");
    }
  }
}

void pool::drop_idle() {
  std::vector<std::unique_ptr<pqxx::connection>> dropped;
  {
    std::lock_guard<std::mutex> guard{impl_->mtx};
    dropped.swap(impl_->idle);
    impl_->open -= static_cast<int>(dropped.size());
    impl_->counters.broken += dropped.size();
  }
  impl_->cv.notify_all();
}

pool_stats pool::stats() const {
  std::lock_guard<std::mutex> guard{impl_->mtx};
  auto s = impl_->counters;
  s.size = impl_->opts.size;
  s.open = impl_->open;
  s.idle = static_cast<int>(impl_->idle.size());
  s.in_use = static_cast<int>(impl_->lent.size());
  return s;
}

const pool_options& pool::options() const {
  return impl_->opts;
}

} // namespace playclock::pg
