#pragma once
// The supervision tree of one node. Children of the root start in this order
// and stop in the reverse one, which is the shutdown order DESIGN.md states:
//
//   node (one_for_one)
//   ├── database   detached probe actor                    (stops last)
//   ├── tenants    detached: tenants and their token hashes (auth::directory)
//   ├── storage    detached, batched upserts (flushes on stop)
//   ├── events     event hub
//   ├── fetchers   detached source workers
//   ├── games      supervisor: one game actor per game
//   ├── pollers    supervisor: scoreboard, schedule, injuries, weather
//   ├── ...        markets, alerts (see markets_tree, alerts_tree), query
//   ├── jobs       supervisor: job API, listener, queue, one actor per job
//   └── health     aggregates database + supervision       (stops first)

#include <chrono>
#include <memory>
#include <string>

#include "actors/live_games.hpp"
#include "config/settings.hpp"
#include "messages/actors.hpp"

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock::pg {
class pool;
} // namespace playclock::pg

namespace playclock::sup {
class registry;
struct restart_policy;
} // namespace playclock::sup

namespace playclock::auth {
class directory;
} // namespace playclock::auth

namespace playclock {

struct node_options {
  config::settings settings;
  std::shared_ptr<pg::pool> pool;
  std::shared_ptr<metrics::registry> metrics;
  std::string node_name;
  std::chrono::system_clock::time_point started_at = std::chrono::system_clock::now();
  /// The live-games sources (make_live_sources); empty = no live games.
  live_sources sources;
};

class node {
 public:
  /// Spawns the root supervisor and with it the whole tree.
  node(caf::actor_system& sys, node_options opts);
  ~node();
  node(const node&) = delete;
  node& operator=(const node&) = delete;

  supervisor_actor root() const { return root_; }
  const std::shared_ptr<sup::registry>& names() const { return names_; }
  /// Who may act on which tenant (kept current by node/tenants), for the HTTP API.
  const std::shared_ptr<auth::directory>& directory() const { return directory_; }

  /// Ordered shutdown of the tree; blocks (call from main, not an actor).
  /// Returns false if it did not finish within `grace` and was killed.
  bool shutdown(std::chrono::milliseconds grace);

 private:
  caf::actor_system& sys_;
  std::shared_ptr<sup::registry> names_;
  std::shared_ptr<auth::directory> directory_;
  supervisor_actor root_;
  bool stopped_ = false;
};

/// The restart policy configured under `supervision.*`.
sup::restart_policy restart_policy_from(const config::supervision_settings& s);

} // namespace playclock
