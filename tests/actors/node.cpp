#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/exit_reason.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/health_actor.hpp"
#include "actors/node.hpp"
#include "adapters/auth/directory.hpp"
#include "adapters/metrics/registry.hpp"
#include "adapters/pg/pool.hpp"
#include "messages/registration.hpp"
#include "supervisors/registry.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

struct running_node {
  explicit running_node(const std::string& url, std::vector<config::tenant_setting> tenants = {}) {
    add_message_types(cfg);
    cfg.set("scheduler.max-threads", 2);
    sys = std::make_unique<caf::actor_system>(cfg);
    pg::pool_options po;
    po.url = url;
    po.size = 2;
    po.connect_timeout_s = 2;
    node_options opts;
    opts.settings.supervision.backoff_initial_ms = 10;
    opts.settings.tenants = std::move(tenants);
    opts.pool = std::make_shared<pg::pool>(po);
    opts.metrics = std::make_shared<metrics::registry>();
    opts.node_name = "test-node";
    metrics = opts.metrics;
    tree = std::make_unique<node>(*sys, opts);
  }

  ~running_node() {
    tree->shutdown(5s);
    tree.reset();
  }

  health_report health() {
    caf::scoped_actor self{*sys};
    health_report result;
    auto h = tree->names()->get_as<health_actor>("node/health");
    REQUIRE(h);
    self->request(h, 5s, health_atom::value)
        .receive([&](health_report& r) { result = std::move(r); },
                 [&](caf::error& e) { FAIL("no health report: " << sys->render(e)); });
    return result;
  }

  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::shared_ptr<metrics::registry> metrics;
  std::unique_ptr<node> tree;
};

const component_status* find(const health_report& r, const std::string& path) {
  for (const auto& c : r.supervision.components)
    if (c.path == path)
      return &c;
  return nullptr;
}

} // namespace

TEST_CASE("a node with a reachable database reports ok and every component running", "[node]") {
  test::test_database db;
  if (!db.available())
    return;
  running_node n{db.url()};
  auto r = n.health();
  CHECK(r.status == "ok");
  CHECK(r.node == "test-node");
  CHECK(r.database.up);
  CHECK(r.database.error.empty());
  CHECK(r.database.pool_size == 2);
  REQUIRE(find(r, "node/database"));
  REQUIRE(find(r, "node/health"));
  CHECK(find(r, "node/database")->state == "running");
  CHECK_THAT(n.metrics->serialize(), Catch::Contains("playclock_db_up 1"));
}

TEST_CASE("a node whose database is unreachable reports down and why", "[node]") {
  running_node n{"postgresql://nobody@127.0.0.1:" + std::to_string(test::free_port()) + "/x"};
  auto r = n.health();
  CHECK(r.status == "down");
  CHECK_FALSE(r.database.up);
  CHECK_FALSE(r.database.error.empty());
  CHECK(overall_status(r) == "down");
}

TEST_CASE("a killed database actor is restarted and health counts the restart", "[node]") {
  test::test_database db;
  if (!db.available())
    return;
  running_node n{db.url()};
  auto before = n.tree->names()->get("node/database");
  REQUIRE(before);
  caf::anon_send_exit(before, caf::exit_reason::kill);
  // Restarts are asynchronous on a real system: wait for the new incarnation.
  for (int i = 0; i < 200; ++i) {
    auto now = n.tree->names()->get("node/database");
    if (now && now != before)
      break;
    std::this_thread::sleep_for(10ms);
  }
  auto after = n.tree->names()->get("node/database");
  REQUIRE(after);
  CHECK(after != before);
  auto r = n.health();
  REQUIRE(find(r, "node/database"));
  CHECK(find(r, "node/database")->restarts == 1);
  CHECK(find(r, "node/health")->restarts == 0);
  CHECK(r.database.up);
  CHECK_THAT(n.metrics->serialize(),
             Catch::Contains(
                 R"(playclock_supervisor_restarts_total{kind="database",supervisor="node"} 1)"));
}

TEST_CASE("a configured tenant's token works as soon as the node is constructed", "[node]") {
  // The tenants actor runs on a thread of its own and may start after HTTP
  // serves: a request right after "ready" must not get 401.
  running_node n{"postgresql://nobody@127.0.0.1:" + std::to_string(test::free_port()) + "/x",
                 {{"acme", "Acme", 100, "acme-token"}, {"other", "Other", 100, ""}}};
  const auto& dir = *n.tree->directory();
  CHECK(dir.check("Bearer acme-token", "acme") == auth::access::tenant);
  CHECK(dir.check("Bearer acme-token", "other") == auth::access::forbidden);
  CHECK(dir.check("Bearer nope", "acme") == auth::access::invalid);
}
