// The markets domain's SQL against a real PostgreSQL: what a poll writes.
#include <catch2/catch.hpp>

#include <string>

#include <pqxx/pqxx>

#include "actors/storage/markets_sql.hpp"
#include "adapters/pg/migrations.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;

namespace {

market_snapshot snapshot(const std::string& ticker, std::int64_t at_ms, std::optional<double> bid) {
  market_snapshot s;
  s.market.ticker = ticker;
  s.market.event_ticker = "KXNFLGAME-26NOV23KCBUF";
  s.market.title = "Kansas City at Buffalo \"Winner\"?";
  s.market.status = "active";
  s.market.yes_bid = bid;
  s.market.yes_ask = bid ? std::optional<double>{*bid + 0.02} : std::nullopt;
  s.market.volume = 1234.5;
  s.market.open_interest = 77;
  s.market.close_time = "2026-11-24T01:00:00Z";
  s.link = market_link{"g1", "KC", false};
  s.observed_at_ms = at_ms;
  return s;
}

std::string value(pqxx::connection& c, const std::string& sql) {
  pqxx::work tx{c};
  auto r = tx.exec1(sql);
  return r[0].is_null() ? "NULL" : r[0].as<std::string>();
}

} // namespace

TEST_CASE("a market batch upserts markets, keeps unchanged ones and inserts snapshots once",
          "[market][storage]") {
  test::test_database db;
  if (!db.available())
    return;
  pqxx::connection c{db.url()};
  pg::migrate(c, pg::embedded_migrations());

  market_batch b;
  b.snapshots = {snapshot("KC", 1763900000123, 0.61), snapshot("BUF", 1763900000123, std::nullopt)};
  auto w = storage::write_market_batch(c, b);
  CHECK(w.markets == 2);
  CHECK(w.snapshots == 2);
  CHECK(value(c, "SELECT title || '|' || status || '|' || game_id || '|' || team || '|' ||"
                 " yes_team_home FROM markets WHERE ticker = 'KC'") ==
        "Kansas City at Buffalo \"Winner\"?|active|g1|KC|false");
  CHECK(value(c,
              "SELECT yes_bid || '/' || yes_ask || '/' || volume || '/' || open_interest ||"
              " '/' || (extract(epoch FROM observed_at) * 1000)::bigint"
              " FROM market_snapshots WHERE ticker = 'KC'") == "0.61/0.63/1234.5/77/1763900000123");
  CHECK(value(c, "SELECT yes_bid IS NULL AND yes_ask IS NULL AND price IS NULL"
                 " FROM market_snapshots WHERE ticker = 'BUF'") == "t");
  auto version = value(c, "SELECT xmin::text FROM markets WHERE ticker = 'KC'");

  // The same poll again: no new snapshot; a price-only poll leaves the market row alone.
  CHECK(storage::write_market_batch(c, b).snapshots == 0);
  market_batch later;
  later.snapshots = {snapshot("KC", 1763900005000, 0.7)};
  CHECK(storage::write_market_batch(c, later).snapshots == 1);
  CHECK(value(c, "SELECT xmin::text FROM markets WHERE ticker = 'KC'") == version);

  // A settled market updates its row; a missing link keeps the known one.
  auto settled = snapshot("KC", 1763900010000, 0.99);
  settled.market.status = "settled";
  settled.market.result = "yes";
  settled.link = market_link{};
  market_batch end;
  end.snapshots = {settled};
  storage::write_market_batch(c, end);
  CHECK(value(c, "SELECT status || '|' || result || '|' || game_id || '|' || team"
                 " FROM markets WHERE ticker = 'KC'") == "settled|yes|g1|KC");
  CHECK(value(c, "SELECT count(*) FROM market_snapshots") == "4");
}

TEST_CASE("a writer skips the markets rows it wrote as they are, and writes them again after a "
          "failure",
          "[market][storage]") {
  test::test_database db;
  if (!db.available())
    return;
  pqxx::connection c{db.url()};
  pg::migrate(c, pg::embedded_migrations());
  storage::market_rows_written written;

  market_batch b;
  b.snapshots = {snapshot("KC", 1763900000000, 0.61), snapshot("BUF", 1763900000000, 0.4)};
  CHECK(storage::write_market_batch(c, b, &written).markets == 2);
  CHECK(written.columns.size() == 2);

  // Prices moved, listings did not: snapshots only.
  market_batch prices;
  prices.snapshots = {snapshot("KC", 1763900005000, 0.65), snapshot("BUF", 1763900005000, 0.37)};
  auto w = storage::write_market_batch(c, prices, &written);
  CHECK(w.markets == 0);
  CHECK(w.snapshots == 2);

  // A listing change is written (the latest row of a ticker counts).
  market_batch closing;
  closing.snapshots = {snapshot("KC", 1763900010000, 0.7), snapshot("KC", 1763900011000, 0.8)};
  closing.snapshots.back().market.status = "closed";
  CHECK(storage::write_market_batch(c, closing, &written).markets == 1);
  CHECK(value(c, "SELECT status FROM markets WHERE ticker = 'KC'") == "closed");

  // A row deleted behind the writer's back: the snapshot's write fails (its
  // market is missing), the writer forgets what it wrote, and the retry
  // writes the row again.
  {
    pqxx::work tx{c};
    tx.exec0("DELETE FROM markets WHERE ticker = 'BUF'");
    tx.commit();
  }
  market_batch again;
  again.snapshots = {snapshot("BUF", 1763900015000, 0.35)};
  CHECK_THROWS(storage::write_market_batch(c, again, &written));
  CHECK(written.columns.empty());
  w = storage::write_market_batch(c, again, &written);
  CHECK(w.markets == 1);
  CHECK(w.snapshots == 1);

  // Bounded: past max_size it starts over.
  written.max_size = 1;
  market_batch other;
  other.snapshots = {snapshot("NYJ", 1763900020000, 0.2)};
  storage::write_market_batch(c, other, &written);
  CHECK(written.columns.size() == 1);
  CHECK(written.columns.count("NYJ") == 1);
}
