// The test helpers for PostgreSQL: per-test databases and throwaway clusters.
#include <catch2/catch.hpp>

#include <pqxx/pqxx>

#include "tests/support/pg_instance.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;

namespace {

bool database_exists(const std::string& server_url, const std::string& name) {
  pqxx::connection c{server_url};
  pqxx::nontransaction tx{c};
  return !tx.exec("SELECT 1 FROM pg_database WHERE datname = " + tx.quote(name)).empty();
}

bool can_connect(const std::string& url) {
  try {
    pqxx::connection c{url + "?connect_timeout=2"};
    pqxx::nontransaction tx{c};
    return tx.exec1("SELECT 1")[0].as<int>() == 1;
  } catch (const pqxx::broken_connection&) {
    return false;
  }
}

} // namespace

TEST_CASE("with_database replaces the database of a libpq URI and keeps its parameters",
          "[support]") {
  CHECK(test::with_database("postgresql://u@127.0.0.1:5432/playclock", "x") ==
        "postgresql://u@127.0.0.1:5432/x");
  CHECK(test::with_database("postgresql://u:p@h:1/db?sslmode=disable&connect_timeout=3", "x") ==
        "postgresql://u:p@h:1/x?sslmode=disable&connect_timeout=3");
  CHECK(test::with_database("postgres://h", "x") == "postgres://h/x");
  CHECK(test::with_database("postgresql://h?application_name=a", "x") ==
        "postgresql://h/x?application_name=a");
  CHECK(test::with_database("postgresql://[::1]:5/d?dbname=d&a=b", "x") ==
        "postgresql://[::1]:5/x?a=b");
  CHECK(test::with_database("postgresql:///d?host=/run/pg", "x") == "postgresql:///x?host=/run/pg");
  CHECK(test::with_database("host=h dbname=d", "x") == "host=h dbname=d dbname='x'");
}

TEST_CASE("redacted hides the password of a connection string", "[support]") {
  CHECK(test::redacted("postgresql://u:secret@h/db") == "postgresql://u:***@h/db");
  CHECK(test::redacted("postgresql://u@h:5432/db") == "postgresql://u@h:5432/db");
  CHECK(test::redacted("postgresql://h:5432/db") == "postgresql://h:5432/db");
  CHECK(test::redacted("postgresql://u@h/db?sslmode=disable&password=p") ==
        "postgresql://u@h/db?sslmode=disable&password=***");
  CHECK(test::redacted("host=h password='s e\\' x' user=u") == "host=h password=*** user=u");
  CHECK(test::redacted("host=h password = pw dbname=d") == "host=h password=*** dbname=d");
}

TEST_CASE("test_database creates a fresh database and drops it at the end", "[support]") {
  std::string server;
  std::string name;
  {
    test::test_database db;
    if (!db.available())
      return;
    server = db.server_url();
    name = db.name();
    CHECK(name.rfind("pc_test_", 0) == 0);
    CHECK(database_exists(server, name));
    pqxx::connection c{db.url()};
    pqxx::work tx{c};
    CHECK(tx.exec1("SELECT current_database()")[0].as<std::string>() == name);
    CHECK(tx.exec1("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")[0].as<int>() == 0);
    tx.exec0("CREATE TABLE t (id int PRIMARY KEY)");
    tx.commit();
    // The connection stays open: the drop must force it out.
  }
  CHECK_FALSE(database_exists(server, name));
}

TEST_CASE("two test_databases are distinct", "[support]") {
  test::test_database a;
  test::test_database b;
  if (!a.available())
    return;
  CHECK(a.name() != b.name());
  CHECK(a.url() != b.url());
}

TEST_CASE("pg_instance refuses connections while stopped and serves again after a restart",
          "[support]") {
  test::pg_instance pg;
  if (!pg.available())
    return;
  INFO("cluster in " << pg.directory() << ", url " << pg.url());
  REQUIRE(pg.running());
  REQUIRE(can_connect(pg.url()));
  {
    pqxx::connection c{pg.url()};
    pqxx::work tx{c};
    tx.exec0("CREATE TABLE kept (v text)");
    tx.exec0("INSERT INTO kept VALUES ('survives')");
    tx.commit();
  }
  pg.stop();
  CHECK_FALSE(pg.running());
  CHECK_FALSE(can_connect(pg.url()));
  pg.start();
  CHECK(can_connect(pg.url()));
  pg.restart();
  REQUIRE(can_connect(pg.url()));
  pqxx::connection c{pg.url()};
  pqxx::nontransaction tx{c};
  CHECK(tx.exec1("SELECT v FROM kept")[0].as<std::string>() == "survives");
}

TEST_CASE("pg_instance removes its directory when destroyed", "[support]") {
  std::filesystem::path dir;
  {
    test::pg_instance pg{false};
    if (!pg.available())
      return;
    dir = pg.directory();
    CHECK(std::filesystem::exists(dir / "data" / "PG_VERSION"));
    CHECK_FALSE(pg.running());
    pg.start();
  }
  CHECK_FALSE(std::filesystem::exists(dir));
}
