#pragma once
// GET requests to one HTTP source: base URL, rate limit, timeout, and
// conditional requests (ETag / Last-Modified) with a bounded cache of bodies,
// so an unchanged document costs a 304 instead of a full transfer. Blocking.

#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "adapters/sources/fetch_error.hpp"
#include "adapters/sources/rate_limiter.hpp"

namespace playclock::sources {

struct http_getter_options {
  /// "http://127.0.0.1:8081" (no trailing slash needed).
  std::string base_url;
  double rate_limit_per_s = 1;
  int rate_limit_burst = 5;
  std::chrono::milliseconds timeout{5000};
  /// Bodies kept for conditional requests, in bytes.
  std::size_t cache_bytes = 64 * 1024 * 1024;
  /// Extra request headers (e.g. an API key header).
  std::vector<std::pair<std::string, std::string>> headers;
};

struct http_body {
  std::shared_ptr<const std::string> body;
  /// True when the source answered 304 and the body came from the cache.
  bool not_modified = false;
};

/// Counters for metrics.
struct http_getter_stats {
  std::uint64_t requests = 0;
  std::uint64_t not_modified = 0;
  std::uint64_t rate_limit_waits = 0;
};

class http_getter {
public:
  explicit http_getter(http_getter_options opts);

  /// GET base_url + path. 200 and 304 give the body; anything else an error.
  std::variant<http_body, fetch_error> get(const std::string& path);

  http_getter_stats stats() const;
  const http_getter_options& options() const { return opts_; }

private:
  struct cached {
    std::string etag;
    std::string last_modified;
    std::shared_ptr<const std::string> body;
    std::list<std::string>::iterator lru;
  };

  void remember(const std::string& path, std::string etag, std::string last_modified,
                std::shared_ptr<const std::string> body);

  http_getter_options opts_;
  rate_limiter limiter_;
  mutable std::mutex mtx_;
  std::unordered_map<std::string, cached> cache_;
  std::list<std::string> lru_;
  std::size_t cached_bytes_ = 0;
  http_getter_stats stats_;
};

} // namespace playclock::sources
