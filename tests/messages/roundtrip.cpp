#include <catch2/catch.hpp>

#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/message.hpp>

#include "messages/errors.hpp"
#include "messages/registration.hpp"
#include "messages/system.hpp"
#include "tests/messages/serialize_roundtrip.hpp"

using namespace playclock;

using test::roundtrip;

namespace {

health_report sample_report() {
  health_report r;
  r.status = "degraded";
  r.node = "node-a";
  r.version = "0.1.0";
  r.started_at = "2026-11-23T12:00:00Z";
  r.uptime_s = 12.5;
  r.database.up = true;
  r.database.latency_ms = 0.75;
  r.database.pool_size = 4;
  r.database.pool_in_use = 1;
  r.database.pool_idle = 2;
  r.database.pool_waits = 7;
  r.supervision.components.push_back({"node/database", "database", "running", 0, 1, ""});
  r.supervision.components.push_back(
      {"node/games/game[]", "game", "running", 3, 10000, "exit_reason(kill)"});
  return r;
}

} // namespace

TEST_CASE("db_status survives serialization", "[messages]") {
  db_status s;
  s.up = false;
  s.error = "connection refused";
  s.latency_ms = 3.5;
  s.pool_waits = 42;
  auto back = roundtrip(s);
  CHECK(back.up == false);
  CHECK(back.error == "connection refused");
  CHECK(back.latency_ms == 3.5);
  CHECK(back.pool_waits == 42);
}

TEST_CASE("a health report with its components survives serialization", "[messages]") {
  auto back = roundtrip(sample_report());
  CHECK(back.status == "degraded");
  CHECK(back.node == "node-a");
  CHECK(back.uptime_s == 12.5);
  CHECK(back.database.pool_in_use == 1);
  REQUIRE(back.supervision.components.size() == 2);
  CHECK(back.supervision.components[1].path == "node/games/game[]");
  CHECK(back.supervision.components[1].count == 10000);
  CHECK(back.supervision.components[1].last_exit == "exit_reason(kill)");
}

TEST_CASE("a supervision report survives serialization", "[messages]") {
  auto back = roundtrip(sample_report().supervision);
  REQUIRE(back.components.size() == 2);
  CHECK(back.components[0].kind == "database");
}

TEST_CASE("supervisor errors render with their name", "[messages]") {
  caf::actor_system_config cfg;
  add_message_types(cfg);
  caf::actor_system sys{cfg};
  CHECK(sys.render(make_error(sup_errc::restart_intensity_exceeded)) ==
        "supervisor_error(restart_intensity_exceeded)");
}
