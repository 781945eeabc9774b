#include "supervisors/registry.hpp"

#include <algorithm>
#include <mutex>

namespace playclock::sup {

void registry::put(const std::string& name, caf::actor handle) {
  std::unique_lock<std::shared_mutex> guard{mtx_};
  entries_[name] = std::move(handle);
}

void registry::erase(const std::string& name, const caf::actor& handle) {
  std::unique_lock<std::shared_mutex> guard{mtx_};
  auto i = entries_.find(name);
  if (i != entries_.end() && i->second == handle)
    entries_.erase(i);
}

caf::actor registry::get(const std::string& name) const {
  std::shared_lock<std::shared_mutex> guard{mtx_};
  auto i = entries_.find(name);
  return i == entries_.end() ? caf::actor{} : i->second;
}

std::vector<std::string> registry::names() const {
  std::shared_lock<std::shared_mutex> guard{mtx_};
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& kv : entries_)
    out.push_back(kv.first);
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace playclock::sup
