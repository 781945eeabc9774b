#pragma once
// Name -> current actor of every supervised child, kept up to date by the
// supervisors across restarts, so callers never hold a stale handle.

#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_cast.hpp>

namespace playclock::sup {

class registry {
 public:
  /// Records the current actor under `name` ("node/database").
  void put(const std::string& name, caf::actor handle);

  /// Forgets `name` if it still maps to `handle` (a newer one stays).
  void erase(const std::string& name, const caf::actor& handle);

  /// The current actor, or an invalid handle while it restarts.
  caf::actor get(const std::string& name) const;

  /// Typed lookup; an invalid handle if absent.
  template <class Handle>
  Handle get_as(const std::string& name) const {
    auto h = get(name);
    return h ? caf::actor_cast<Handle>(h) : Handle{};
  }

  /// Every name, sorted.
  std::vector<std::string> names() const;

 private:
  mutable std::shared_mutex mtx_;
  // Hashed: names share long prefixes ("node/markets/KXNFLGAME-...") and a
  // poll looks up thousands of them.
  std::unordered_map<std::string, caf::actor> entries_;
};

} // namespace playclock::sup
