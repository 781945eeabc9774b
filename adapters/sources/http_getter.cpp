#include "adapters/sources/http_getter.hpp"

#include <thread>

#include "adapters/http/client.hpp"

namespace playclock::sources {

http_getter::http_getter(http_getter_options opts)
  : opts_(std::move(opts)), limiter_(opts_.rate_limit_per_s, opts_.rate_limit_burst) {
  while (!opts_.base_url.empty() && opts_.base_url.back() == '/')
    opts_.base_url.pop_back();
}

std::variant<http_body, fetch_error> http_getter::get(const std::string& path) {
  auto wait = limiter_.reserve();
  if (wait > rate_limiter::clock::duration::zero()) {
    {
      std::lock_guard<std::mutex> guard{mtx_};
      ++stats_.rate_limit_waits;
    }
    std::this_thread::sleep_for(wait);
  }
  http::client_request req;
  req.url = opts_.base_url + path;
  req.timeout = opts_.timeout;
  req.headers = opts_.headers;
  req.headers.emplace_back("Accept", "application/json");
  std::shared_ptr<const std::string> cached_body;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    ++stats_.requests;
    if (auto i = cache_.find(path); i != cache_.end()) {
      lru_.splice(lru_.begin(), lru_, i->second.lru);
      cached_body = i->second.body;
      if (!i->second.etag.empty())
        req.headers.emplace_back("If-None-Match", i->second.etag);
      if (!i->second.last_modified.empty())
        req.headers.emplace_back("If-Modified-Since", i->second.last_modified);
    }
  }
  auto res = http::fetch(req);
  if (auto* err = std::get_if<http::client_error>(&res)) {
    fetch_error e;
    e.kind = err->kind == http::client_error_kind::timeout ? error_kind::timeout
                                                            : error_kind::network;
    if (err->kind == http::client_error_kind::too_large || err->kind == http::client_error_kind::protocol)
      e.kind = error_kind::parse;
    e.message = err->message;
    return e;
  }
  auto& r = std::get<http::client_response>(res);
  if (r.status == 304 && cached_body) {
    std::lock_guard<std::mutex> guard{mtx_};
    ++stats_.not_modified;
    return http_body{cached_body, true};
  }
  if (r.status != 200) {
    fetch_error e;
    e.status = r.status;
    e.kind = r.status == 429 ? error_kind::rate_limited : error_kind::http_status;
    e.message = "HTTP " + std::to_string(r.status) + " from " + req.url;
    if (auto ra = r.header("retry-after")) {
      try {
        e.retry_after_s = std::stoi(*ra);
      } catch (const std::exception&) {
        // An HTTP date instead of seconds: treat as no hint.
      }
    }
    return e;
  }
  auto body = std::make_shared<const std::string>(std::move(r.body));
  auto etag = r.header("etag").value_or("");
  auto modified = r.header("last-modified").value_or("");
  if (!etag.empty() || !modified.empty())
    remember(path, std::move(etag), std::move(modified), body);
  return http_body{body, false};
}

void http_getter::remember(const std::string& path, std::string etag, std::string last_modified,
                           std::shared_ptr<const std::string> body) {
  std::lock_guard<std::mutex> guard{mtx_};
  if (body->size() > opts_.cache_bytes)
    return;
  if (auto i = cache_.find(path); i != cache_.end()) {
    cached_bytes_ -= i->second.body->size();
    lru_.erase(i->second.lru);
    cache_.erase(i);
  }
  while (cached_bytes_ + body->size() > opts_.cache_bytes && !lru_.empty()) {
    auto victim = cache_.find(lru_.back());
    cached_bytes_ -= victim->second.body->size();
    cache_.erase(victim);
    lru_.pop_back();
  }
  lru_.push_front(path);
  cached_bytes_ += body->size();
  cache_.emplace(path, cached{std::move(etag), std::move(last_modified), std::move(body), lru_.begin()});
}

http_getter_stats http_getter::stats() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return stats_;
}

} // namespace playclock::sources
