#include <catch2/catch.hpp>

#include <set>
#include <thread>

#include <pqxx/pqxx>

#include "adapters/pg/migrations.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;

namespace {

std::set<std::string> tables(pqxx::connection& c) {
  pqxx::nontransaction tx{c};
  std::set<std::string> out;
  for (const auto& row : tx.exec("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
    out.insert(row[0].as<std::string>());
  return out;
}

} // namespace

TEST_CASE("migrations create the whole schema and record their versions", "[pg][migrations]") {
  test::test_database db;
  if (!db.available())
    return;
  pqxx::connection c{db.url()};
  auto all = pg::embedded_migrations();
  REQUIRE_FALSE(all.empty());
  auto report = pg::migrate(c, all);
  CHECK(report.applied.size() == all.size());
  CHECK(report.version == all.back().version);
  auto t = tables(c);
  for (const char* name : {"schema_migrations",
                           "nodes",
                           "ownership_leases",
                           "tenants",
                           "games",
                           "plays",
                           "player_stats",
                           "injuries",
                           "weather",
                           "markets",
                           "market_snapshots",
                           "correlations",
                           "alert_rules",
                           "alerts",
                           "alert_history",
                           "sync_log",
                           "jobs",
                           "health_history",
                           "simulations",
                           "simulation_events",
                           "model_versions",
                           "predictions"})
    CHECK(t.count(name) == 1);
}

TEST_CASE("running the migrations again changes nothing", "[pg][migrations]") {
  test::test_database db;
  if (!db.available())
    return;
  pqxx::connection c{db.url()};
  pg::migrate(c, pg::embedded_migrations());
  auto again = pg::migrate(c, pg::embedded_migrations());
  CHECK(again.applied.empty());
  pqxx::nontransaction tx{c};
  CHECK(tx.exec1("SELECT count(*) FROM schema_migrations")[0].as<std::size_t>() ==
        pg::embedded_migrations().size());
}

TEST_CASE("nodes migrating at the same time apply each migration once", "[pg][migrations]") {
  test::test_database db;
  if (!db.available())
    return;
  std::size_t applied[2] = {0, 0};
  std::thread other{[&] {
    pqxx::connection c{db.url()};
    applied[1] = pg::migrate(c, pg::embedded_migrations()).applied.size();
  }};
  {
    pqxx::connection c{db.url()};
    applied[0] = pg::migrate(c, pg::embedded_migrations()).applied.size();
  }
  other.join();
  CHECK(applied[0] + applied[1] == pg::embedded_migrations().size());
}

TEST_CASE("a failing migration is rolled back and leaves no trace", "[pg][migrations]") {
  test::test_database db;
  if (!db.available())
    return;
  pqxx::connection c{db.url()};
  std::vector<pg::migration> ms{
      pg::make_migration("0001_ok.sql", "CREATE TABLE a (x int);"),
      pg::make_migration("0002_broken.sql", "CREATE TABLE b (x int); SELECT no_such_function();")};
  CHECK_THROWS(pg::migrate(c, ms));
  auto t = tables(c);
  CHECK(t.count("a") == 1);
  CHECK(t.count("b") == 0);
  pqxx::nontransaction tx{c};
  CHECK(tx.exec1("SELECT max(version) FROM schema_migrations")[0].as<int>() == 1);
}

TEST_CASE("a migration edited after it was applied is refused", "[pg][migrations]") {
  test::test_database db;
  if (!db.available())
    return;
  pqxx::connection c{db.url()};
  pg::migrate(c, {pg::make_migration("0001_ok.sql", "CREATE TABLE a (x int);")});
  CHECK_THROWS_WITH(
      pg::migrate(c, {pg::make_migration("0001_ok.sql", "CREATE TABLE a (x bigint);")}),
      Catch::Contains("was changed after it was applied"));
}

TEST_CASE("a database newer than the binary is refused", "[pg][migrations]") {
  test::test_database db;
  if (!db.available())
    return;
  pqxx::connection c{db.url()};
  pg::migrate(c, {pg::make_migration("0001_a.sql", "SELECT 1;"),
                  pg::make_migration("0002_b.sql", "SELECT 1;")});
  CHECK_THROWS_WITH(pg::migrate(c, {pg::make_migration("0001_a.sql", "SELECT 1;")}),
                    Catch::Contains("newer than this binary"));
}

TEST_CASE("migration file names must carry a version", "[pg][migrations]") {
  CHECK_THROWS_AS(pg::make_migration("initial.sql", ""), pg::migration_error);
  CHECK_THROWS_AS(pg::make_migration("x1_initial.sql", ""), pg::migration_error);
  auto m = pg::make_migration("0042_add_things.sql", "SELECT 1;");
  CHECK(m.version == 42);
  CHECK(m.name == "add_things");
}

TEST_CASE("writes keyed by natural ids are idempotent upserts", "[pg][migrations]") {
  test::test_database db;
  if (!db.available())
    return;
  pqxx::connection c{db.url()};
  pg::migrate(c, pg::embedded_migrations());
  for (int score : {7, 14}) {
    pqxx::work tx{c};
    tx.exec("INSERT INTO games (game_id, source, state, home_team, away_team, home_score) "
            "VALUES ('401547417', 'espn', 'in', 'ATL', 'GB', " +
            tx.quote(score) +
            ") ON CONFLICT (game_id) DO UPDATE SET home_score = EXCLUDED.home_score");
    tx.commit();
  }
  pqxx::nontransaction tx{c};
  auto row = tx.exec1("SELECT count(*), max(home_score) FROM games");
  CHECK(row[0].as<int>() == 1);
  CHECK(row[1].as<int>() == 14);
}
