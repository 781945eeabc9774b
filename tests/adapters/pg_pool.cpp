#include <catch2/catch.hpp>

#include <future>
#include <thread>

#include <pqxx/pqxx>

#include "adapters/pg/pool.hpp"
#include "adapters/pg/probe.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

pg::pool_options options(const std::string& url, int size) {
  pg::pool_options o;
  o.url = url;
  o.size = size;
  o.acquire_timeout = 2s;
  o.connect_timeout_s = 2;
  return o;
}

int backend_pid(pqxx::connection_base& c) {
  pqxx::nontransaction tx{c};
  return tx.exec1("SELECT pg_backend_pid()")[0].as<int>();
}

} // namespace

TEST_CASE("the pool opens connections lazily and counts waits for a free one", "[pg][pool]") {
  test::test_database db;
  if (!db.available())
    return;
  pg::pool p{options(db.url(), 2)};
  CHECK(p.stats().open == 0);
  auto a = std::make_unique<pg::pool::lease>(p.acquire());
  auto b = p.acquire();
  CHECK(p.stats().in_use == 2);
  auto waiter = std::async(std::launch::async, [&] { return backend_pid(p.acquire().conn()); });
  // The waiter can only finish after a connection is given back.
  CHECK(waiter.wait_for(200ms) == std::future_status::timeout);
  auto pid_a = backend_pid(a->conn());
  a.reset();
  CHECK(waiter.get() == pid_a);
  auto s = p.stats();
  CHECK(s.waits == 1);
  CHECK(s.connects == 2);
  CHECK(s.wait_seconds > 0);
}

TEST_CASE("acquire gives up after its timeout when every connection is borrowed", "[pg][pool]") {
  test::test_database db;
  if (!db.available())
    return;
  auto o = options(db.url(), 1);
  o.acquire_timeout = 100ms;
  pg::pool p{o};
  auto held = p.acquire();
  CHECK_THROWS_AS(p.acquire(), pg::pool_timeout);
  CHECK(p.stats().acquire_timeouts == 1);
}

TEST_CASE("a connection killed under the pool is replaced on the next use", "[pg][pool]") {
  test::test_database db;
  if (!db.available())
    return;
  pg::pool p{options(db.url(), 2)};
  int old_pid = p.run([](pqxx::connection_base& c) { return backend_pid(c); });
  {
    pqxx::connection admin{db.url()};
    pqxx::nontransaction tx{admin};
    tx.exec("SELECT pg_terminate_backend(" + std::to_string(old_pid) + ")");
  }
  int new_pid = p.run([](pqxx::connection_base& c) { return backend_pid(c); });
  CHECK(new_pid != old_pid);
  CHECK(p.stats().broken >= 1);
  CHECK(pg::probe(p).up);
}

TEST_CASE("the probe reports an unreachable database as down with the reason", "[pg][pool]") {
  auto port = test::free_port();
  pg::pool p{options("postgresql://nobody@127.0.0.1:" + std::to_string(port) + "/none", 1)};
  auto r = pg::probe(p);
  CHECK_FALSE(r.up);
  CHECK_THAT(r.error, Catch::Contains("127.0.0.1"));
  CHECK(r.error.find('\n') == std::string::npos);
  CHECK(p.stats().connect_failures == 1);
  CHECK(p.stats().open == 0);
}

TEST_CASE("the connection string keeps user parameters and adds the pool's", "[pg][pool]") {
  pg::pool_options o;
  o.url = "postgresql://u@h/db?connect_timeout=9";
  o.connect_timeout_s = 3;
  o.statement_timeout_ms = 1500;
  auto s = pg::connection_string(o);
  CHECK_THAT(s, Catch::Contains("connect_timeout=9"));
  CHECK_THAT(s, !Catch::Contains("connect_timeout=3"));
  CHECK_THAT(s, Catch::Contains("&application_name=playclockd"));
  CHECK_THAT(s, Catch::Contains("options=-c%20statement_timeout%3D1500"));
}
