#pragma once
// The tenants actor ("node/tenants"): the admin API's tenants, and the token
// hashes of the node's auth::directory, re-read every auth.refresh_ms so a
// tenant created or rotated on another node works here too. Detached: it
// calls PostgreSQL.

#include <chrono>
#include <memory>
#include <vector>

#include <caf/fwd.hpp>

#include "config/settings.hpp"
#include "messages/tenants.hpp"

namespace playclock::pg {
class pool;
} // namespace playclock::pg

namespace playclock::auth {
class directory;
} // namespace playclock::auth

namespace playclock {

struct tenants_config {
  std::shared_ptr<pg::pool> pool;
  std::shared_ptr<auth::directory> directory;
  /// Created or updated at start; their tokens win over the database's.
  std::vector<config::tenant_setting> tenants;
  std::chrono::milliseconds refresh{5000};
};

tenants_actor spawn_tenants_actor(caf::actor_system& sys, tenants_config cfg);

} // namespace playclock
