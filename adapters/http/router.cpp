#include "adapters/http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace playclock::http {

namespace {

// "/a/b/" -> {"a", "b", ""}; "/" -> {""}.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  path.remove_prefix(1);
  for (;;) {
    auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) {
      return parts;
    }
    path.remove_prefix(slash + 1);
  }
}

} // namespace

void router::add(std::string method, std::string pattern, handler h, std::string route_name) {
  if (method.empty()) {
    throw std::invalid_argument("http route: empty method for " + pattern);
  }
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("http route: pattern must start with '/': " + pattern);
  }
  if (!h) {
    throw std::invalid_argument("http route: no handler for " + method + " " + pattern);
  }
  route r;
  for (auto part : split_path(pattern)) {
    segment s;
    if (!part.empty() && part.front() == '{') {
      if (part.size() < 3 || part.back() != '}') {
        throw std::invalid_argument("http route: malformed capture in " + pattern);
      }
      s.text = std::string{part.substr(1, part.size() - 2)};
      s.capture = true;
    } else {
      if (part.find_first_of("{}") != std::string_view::npos) {
        throw std::invalid_argument("http route: braces inside a segment of " + pattern);
      }
      s.text = std::string{part};
    }
    r.segments.push_back(std::move(s));
  }
  for (const auto& other : routes_) {
    bool same_shape = other.method == method && other.segments.size() == r.segments.size() &&
                      std::equal(other.segments.begin(), other.segments.end(), r.segments.begin(),
                                 [](const segment& a, const segment& b) {
                                   return a.capture == b.capture && (a.capture || a.text == b.text);
                                 });
    if (same_shape) {
      throw std::invalid_argument("http route: duplicate " + method.append(" ").append(pattern));
    }
  }
  r.method = std::move(method);
  r.name = route_name.empty() ? pattern : std::move(route_name);
  r.pattern = std::move(pattern);
  r.h = std::move(h);
  routes_.push_back(std::move(r));
}

bool router::captures(const route& r, const std::vector<std::string_view>& parts,
                      path_params* out) {
  if (r.segments.size() != parts.size()) {
    return false;
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& s = r.segments[i];
    if (s.capture ? parts[i].empty() : s.text != parts[i]) {
      return false;
    }
  }
  if (out) {
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (r.segments[i].capture) {
        out->emplace_back(r.segments[i].text, std::string{parts[i]});
      }
    }
  }
  return true;
}

bool router::more_specific(const route& a, const route& b) {
  // Both match the same path, so they have as many segments.
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    if (a.segments[i].capture != b.segments[i].capture) {
      return !a.segments[i].capture;
    }
  }
  return false;
}

router::match_result router::match(std::string_view method, std::string_view path) const {
  match_result res;
  if (path.empty() || path.front() != '/') {
    return res;
  }
  auto parts = split_path(path);
  const route* best_any = nullptr; // most specific route of any method
  const route* best = nullptr;     // most specific route of `method`
  const route* best_get = nullptr; // for HEAD without a HEAD route
  std::vector<std::string> allowed;
  for (const auto& r : routes_) {
    if (!captures(r, parts, nullptr)) {
      continue;
    }
    allowed.push_back(r.method);
    if (!best_any || more_specific(r, *best_any)) {
      best_any = &r;
    }
    if (r.method == method && (!best || more_specific(r, *best))) {
      best = &r;
    }
    if (r.method == "GET" && (!best_get || more_specific(r, *best_get))) {
      best_get = &r;
    }
  }
  if (!best && method == "HEAD") {
    best = best_get;
  }
  if (best) {
    res.what = match_result::kind::found;
    res.h = &best->h;
    res.route = best->name;
    captures(*best, parts, &res.params);
    return res;
  }
  if (!best_any) {
    return res;
  }
  res.what = match_result::kind::method_not_allowed;
  res.route = best_any->name;
  if (std::find(allowed.begin(), allowed.end(), "GET") != allowed.end()) {
    allowed.emplace_back("HEAD");
  }
  std::sort(allowed.begin(), allowed.end());
  allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
  for (const auto& m : allowed) {
    res.allow += (res.allow.empty() ? "" : ", ") + m;
  }
  return res;
}

std::vector<std::string> router::describe() const {
  std::vector<std::string> out;
  out.reserve(routes_.size());
  for (const auto& r : routes_)
    out.push_back(r.method + " " + r.pattern);
  return out;
}

} // namespace playclock::http
