#include "actors/storage/markets_sql.hpp"

#include <array>
#include <map>

#include <pqxx/connection_base>
#include <pqxx/transaction>

#include "adapters/pg/array_literal.hpp"

namespace playclock::storage {

namespace {

constexpr const char* upsert_markets_name = "upsert_markets";
constexpr const char* insert_snapshots_name = "insert_market_snapshots";
constexpr const char* insert_correlations_name = "insert_correlations";

std::string ms_timestamp(pqxx::transaction_base& tx, std::int64_t ms) {
  return "to_timestamp(" + tx.quote(static_cast<double>(ms) / 1000.0) + ")";
}

// Writes go as one array per column (pg::array_literal) to a prepared
// statement: a poll of 2,000 markets is one statement with nothing to parse
// per row. Prices travel as text, '' for none.
std::string price_text(const std::optional<double>& p) {
  return p ? pqxx::to_string(*p) : std::string{};
}

const std::string upsert_markets_sql =
    "INSERT INTO markets AS m (ticker, event_ticker, title, game_id, team, status, close_time,"
    " yes_team_home, result)"
    " SELECT ticker, event_ticker, title, nullif(game_id, ''), nullif(team, ''), status,"
    " nullif(close_time, '')::timestamptz,"
    " CASE WHEN team = '' THEN NULL ELSE yes_team_home END, result"
    " FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],"
    " $7::text[], $8::boolean[], $9::text[]) AS v (ticker, event_ticker, title, game_id, team,"
    " status, close_time, yes_team_home, result)"
    " ON CONFLICT (ticker) DO UPDATE SET event_ticker = EXCLUDED.event_ticker,"
    " title = EXCLUDED.title, game_id = coalesce(EXCLUDED.game_id, m.game_id),"
    " team = coalesce(EXCLUDED.team, m.team), status = EXCLUDED.status,"
    " close_time = coalesce(EXCLUDED.close_time, m.close_time),"
    " yes_team_home = coalesce(EXCLUDED.yes_team_home, m.yes_team_home),"
    " result = EXCLUDED.result, updated_at = now()"
    // Most polls change prices only: an unchanged market keeps its row
    // (no new row version, no index upkeep).
    " WHERE (m.event_ticker, m.title, m.game_id, m.team, m.status, m.close_time,"
    " m.yes_team_home, m.result) IS DISTINCT FROM (EXCLUDED.event_ticker, EXCLUDED.title,"
    " coalesce(EXCLUDED.game_id, m.game_id), coalesce(EXCLUDED.team, m.team), EXCLUDED.status,"
    " coalesce(EXCLUDED.close_time, m.close_time),"
    " coalesce(EXCLUDED.yes_team_home, m.yes_team_home), EXCLUDED.result)";

const std::string insert_snapshots_sql =
    "INSERT INTO market_snapshots (ticker, observed_at, yes_bid, yes_ask, last_price, volume,"
    " open_interest, price)"
    " SELECT ticker, to_timestamp(observed_ms / 1000.0), nullif(yes_bid, '')::double precision,"
    " nullif(yes_ask, '')::double precision, nullif(last_price, '')::double precision,"
    " volume::double precision, open_interest::double precision, nullif(price, '')::double "
    "precision"
    " FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],"
    " $7::text[], $8::text[]) AS v (ticker, observed_ms, yes_bid, yes_ask, last_price, volume,"
    " open_interest, price)"
    " ON CONFLICT (ticker, observed_at) DO NOTHING";

// The columns upsert_markets sends for a row, joined.
std::string listing_columns(const market_snapshot& r) {
  const auto& m = r.market;
  std::string out;
  for (const auto* part : {&m.event_ticker, &m.title, &r.link.game_id, &r.link.team, &m.status,
                           &m.close_time, &m.result}) {
    out += *part;
    out += '\x1f';
  }
  out += r.link.home ? 't' : 'f';
  return out;
}

using listing_rows = std::map<std::string, std::pair<const market_snapshot*, std::string>>;

// The latest row per ticker (ON CONFLICT DO UPDATE may not touch a row
// twice), less those `written` holds as they are.
listing_rows changed_listings(const std::vector<market_snapshot>& rows,
                              const market_rows_written* written) {
  listing_rows latest;
  for (const auto& r : rows)
    latest[r.market.ticker] = {&r, listing_columns(r)};
  if (written == nullptr)
    return latest;
  for (auto it = latest.begin(); it != latest.end();) {
    auto known = written->columns.find(it->first);
    if (known != written->columns.end() && known->second == it->second.second)
      it = latest.erase(it);
    else
      ++it;
  }
  return latest;
}

std::size_t upsert_markets(pqxx::work& tx, const listing_rows& latest) {
  if (latest.empty())
    return 0;
  std::array<pg::array_literal, 9> cols;
  for (const auto& [ticker, row] : latest) {
    const auto* r = row.first;
    const auto& m = r->market;
    cols[0].add(ticker);
    cols[1].add(m.event_ticker);
    cols[2].add(m.title);
    cols[3].add(r->link.game_id);
    cols[4].add(r->link.team);
    cols[5].add(m.status);
    cols[6].add(m.close_time);
    cols[7].add(r->link.home ? "t" : "f");
    cols[8].add(m.result);
  }
  tx.conn().prepare(upsert_markets_name, upsert_markets_sql);
  tx.exec_prepared(upsert_markets_name, cols[0].str(), cols[1].str(), cols[2].str(), cols[3].str(),
                   cols[4].str(), cols[5].str(), cols[6].str(), cols[7].str(), cols[8].str());
  return latest.size();
}

std::size_t insert_snapshots(pqxx::work& tx, const std::vector<market_snapshot>& rows) {
  if (rows.empty())
    return 0;
  std::array<pg::array_literal, 8> cols;
  for (const auto& r : rows) {
    const auto& m = r.market;
    cols[0].add(m.ticker);
    cols[1].add(r.observed_at_ms);
    cols[2].add(price_text(m.yes_bid));
    cols[3].add(price_text(m.yes_ask));
    cols[4].add(price_text(m.last_price));
    cols[5].add(pqxx::to_string(m.volume));
    cols[6].add(pqxx::to_string(m.open_interest));
    cols[7].add(price_text(markets::probability(m)));
  }
  tx.conn().prepare(insert_snapshots_name, insert_snapshots_sql);
  return tx
      .exec_prepared(insert_snapshots_name, cols[0].str(), cols[1].str(), cols[2].str(),
                     cols[3].str(), cols[4].str(), cols[5].str(), cols[6].str(), cols[7].str())
      .affected_rows();
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

market_rows write_market_batch(pqxx::connection_base& conn, const market_batch& batch,
                               market_rows_written* written) {
  auto listings = changed_listings(batch.snapshots, written);
  market_rows out;
  try {
    pqxx::work tx{conn, "write_market_batch"};
    out.markets = upsert_markets(tx, listings);
    out.snapshots = insert_snapshots(tx, batch.snapshots);
    out.correlations = insert_correlations(tx, batch.correlations);
    tx.commit();
  } catch (...) {
    if (written != nullptr)
      written->columns.clear();
    throw;
  }
  if (written != nullptr) {
    if (written->columns.size() + listings.size() > written->max_size)
      written->columns.clear();
    for (auto& [ticker, row] : listings)
      written->columns[ticker] = std::move(row.second);
  }
  return out;
}

} // namespace playclock::storage
