#include "actors/storage/markets_sql.hpp"

#include <map>

#include <pqxx/transaction>

namespace playclock::storage {

namespace {

constexpr const char* upsert_markets_name = "upsert_markets";
constexpr const char* insert_snapshots_name = "insert_market_snapshots";
constexpr const char* insert_correlations_name = "insert_correlations";

std::string price_or_null(pqxx::transaction_base& tx, const std::optional<double>& p) {
  return p ? tx.quote(*p) : "NULL";
}

std::string ms_timestamp(pqxx::transaction_base& tx, std::int64_t ms) {
  return "to_timestamp(" + tx.quote(static_cast<double>(ms) / 1000.0) + ")";
}

std::string text_or_null(pqxx::transaction_base& tx, const std::string& s) {
  return s.empty() ? "NULL" : tx.quote(s);
}

std::size_t upsert_markets(pqxx::work& tx, const std::vector<market_snapshot>& rows) {
  // One row per ticker: ON CONFLICT DO UPDATE may not touch a row twice.
  std::map<std::string, const market_snapshot*> latest;
  for (const auto& r : rows)
    latest[r.market.ticker] = &r;
  if (latest.empty())
    return 0;
  std::string sql = "INSERT INTO markets (ticker, event_ticker, title, game_id, team, status,"
                    " close_time, yes_team_home, result) VALUES ";
  bool first = true;
  for (const auto& [ticker, r] : latest) {
    const auto& m = r->market;
    sql += first ? "(" : ",(";
    first = false;
    sql += tx.quote(ticker) + "," + tx.quote(m.event_ticker) + "," + tx.quote(m.title) + "," +
           text_or_null(tx, r->link.game_id) + "," + text_or_null(tx, r->link.team) + "," +
           tx.quote(m.status) + "," +
           (m.close_time.empty() ? "NULL" : tx.quote(m.close_time) + "::timestamptz") + "," +
           (r->link.team.empty() ? "NULL" : tx.quote(r->link.home)) + "," + tx.quote(m.result) +
           ")";
  }
  sql += " ON CONFLICT (ticker) DO UPDATE SET event_ticker = EXCLUDED.event_ticker,"
         " title = EXCLUDED.title, game_id = coalesce(EXCLUDED.game_id, markets.game_id),"
         " team = coalesce(EXCLUDED.team, markets.team), status = EXCLUDED.status,"
         " close_time = coalesce(EXCLUDED.close_time, markets.close_time),"
         " yes_team_home = coalesce(EXCLUDED.yes_team_home, markets.yes_team_home),"
         " result = EXCLUDED.result, updated_at = now()";
  tx.exec(sql, upsert_markets_name);
  return latest.size();
}

std::size_t insert_snapshots(pqxx::work& tx, const std::vector<market_snapshot>& rows) {
  if (rows.empty())
    return 0;
  std::string sql = "INSERT INTO market_snapshots (ticker, observed_at, yes_bid, yes_ask,"
                    " last_price, volume, open_interest, price) VALUES ";
  bool first = true;
  for (const auto& r : rows) {
    const auto& m = r.market;
    sql += first ? "(" : ",(";
    first = false;
    sql += tx.quote(m.ticker) + "," + ms_timestamp(tx, r.observed_at_ms) + "," +
           price_or_null(tx, m.yes_bid) + "," + price_or_null(tx, m.yes_ask) + "," +
           price_or_null(tx, m.last_price) + "," + tx.quote(m.volume) + "," +
           tx.quote(m.open_interest) + "," + price_or_null(tx, markets::probability(m)) + ")";
  }
  sql += " ON CONFLICT (ticker, observed_at) DO NOTHING";
  return tx.exec(sql, insert_snapshots_name).affected_rows();
}

std::string text_array(pqxx::transaction_base& tx, const std::vector<std::string>& xs) {
  std::string out = "ARRAY[";
  for (std::size_t i = 0; i < xs.size(); ++i)
    out += (i > 0 ? "," : "") + tx.quote(xs[i]);
  return out + "]::text[]";
}

std::size_t insert_correlations(pqxx::work& tx, const std::vector<correlation_measured>& rows) {
  if (rows.empty())
    return 0;
  std::string sql = "INSERT INTO correlations (game_id, play_id, ticker, price_before, price_after,"
                    " change_pct, impact, captured_at, measured_at, play_text, tags) VALUES ";
  bool first = true;
  for (const auto& c : rows) {
    sql += first ? "(" : ",(";
    first = false;
    sql += tx.quote(c.game_id) + "," + tx.quote(c.play_id) + "," + tx.quote(c.ticker) + "," +
           tx.quote(c.before) + "," + tx.quote(c.after) + "," + tx.quote(c.points) + "," +
           tx.quote(c.impact) + "," + ms_timestamp(tx, c.captured_at_ms) + "," +
           ms_timestamp(tx, c.measured_at_ms) + "," + tx.quote(c.play_text) + "," +
           text_array(tx, c.tags) + ")";
  }
  sql += " ON CONFLICT (game_id, play_id, ticker) DO NOTHING";
  return tx.exec(sql, insert_correlations_name).affected_rows();
}

} // namespace

std::size_t rows_of(const market_batch& b) {
  return b.snapshots.size() + b.correlations.size();
}

market_rows write_market_batch(pqxx::connection_base& conn, const market_batch& batch) {
  pqxx::work tx{conn, "write_market_batch"};
  market_rows out;
  out.markets = upsert_markets(tx, batch.snapshots);
  out.snapshots = insert_snapshots(tx, batch.snapshots);
  out.correlations = insert_correlations(tx, batch.correlations);
  tx.commit();
  return out;
}

} // namespace playclock::storage
