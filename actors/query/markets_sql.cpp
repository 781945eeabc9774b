#include "actors/query/markets_sql.hpp"

#include <algorithm>
#include <utility>

#include <pqxx/result>
#include <pqxx/transaction_base>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "actors/query_actor.hpp"
#include "actors/storage/sql_time.hpp"

namespace playclock {

// -- cursors -------------------------------------------------------------------------

// Both ride on the games cursor codec (base64url of a JSON array): a market
// cursor is [null, ticker]; a correlation cursor is [measured_us, inner],
// where inner is the JSON text of [game id, play id, ticker].

std::string encode_cursor(const markets_cursor& c) {
  return encode_cursor(games_cursor{std::nullopt, c.ticker});
}

std::string encode_cursor(const correlations_cursor& c) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartArray();
  for (const auto* s : {&c.game_id, &c.play_id, &c.ticker})
    w.String(s->data(), static_cast<rapidjson::SizeType>(s->size()));
  w.EndArray();
  return encode_cursor(games_cursor{c.measured_us, {buf.GetString(), buf.GetSize()}});
}

std::optional<markets_cursor> decode_markets_cursor(std::string_view text) {
  auto c = decode_games_cursor(text);
  if (!c || c->start_us || !valid_ticker(c->game_id))
    return std::nullopt;
  return markets_cursor{std::move(c->game_id)};
}

std::optional<correlations_cursor> decode_correlations_cursor(std::string_view text) {
  auto c = decode_games_cursor(text);
  if (!c || !c->start_us)
    return std::nullopt;
  rapidjson::Document doc;
  doc.Parse(c->game_id.data(), c->game_id.size());
  if (doc.HasParseError() || !doc.IsArray() || doc.Size() != 3)
    return std::nullopt;
  for (const auto& x : doc.GetArray())
    if (!x.IsString() || x.GetStringLength() == 0)
      return std::nullopt;
  auto str = [&](rapidjson::SizeType i) {
    return std::string{doc[i].GetString(), doc[i].GetStringLength()};
  };
  return correlations_cursor{*c->start_us, str(0), str(1), str(2)};
}

bool valid_ticker(std::string_view ticker) {
  return !ticker.empty() && ticker.size() <= 100 &&
         std::all_of(ticker.begin(), ticker.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                  c == '-';
         });
}

} // namespace playclock

namespace playclock::sql {

namespace {

// The times of observations and measurements with milliseconds (they are
// seconds apart).
using sql_time::iso;
using sql_time::iso_ms;

// The members of a market object (alias m) with its latest snapshot (alias s).
const std::string market_members =
    "'ticker', m.ticker, 'event_ticker', m.event_ticker, 'title', m.title,"
    " 'game_id', m.game_id, 'team', m.team, 'yes_team_home', m.yes_team_home,"
    " 'status', m.status, 'result', m.result, 'close_time', " +
    iso("m.close_time") + ", 'updated_at', " + iso("m.updated_at") +
    ", 'price', s.price, 'observed_at', " + iso_ms("s.observed_at");

// The latest snapshot of market m, as s (no row if it has none).
const std::string latest_snapshot =
    " LEFT JOIN LATERAL (SELECT s.price, s.observed_at FROM market_snapshots s"
    " WHERE s.ticker = m.ticker ORDER BY s.observed_at DESC LIMIT 1) s ON true";

// Newest measured first; the key continues with the primary key.
const std::string correlation_order =
    "c.measured_at DESC, c.game_id DESC, c.play_id DESC, c.ticker DESC";

std::string correlations_sql(bool one_game) {
  return "WITH page AS (SELECT c.*, row_number() OVER (ORDER BY " + correlation_order +
         ") AS n FROM correlations c"
         " WHERE ($1::text = '' OR c.game_id = $1::text) AND ($2::text = '' OR c.impact = "
         "$2::text)"
         " AND ($5::text IS NULL OR (c.measured_at, c.game_id, c.play_id, c.ticker) <"
         " ('epoch'::timestamptz + $4::bigint * interval '1 microsecond', $5::text, $6::text,"
         " $7::text))"
         " ORDER BY " +
         correlation_order +
         " LIMIT $3::int + 1),"
         " last AS (SELECT * FROM page WHERE n = $3::int)"
         " SELECT (SELECT coalesce(json_agg(json_build_object('play_id', c.play_id,"
         " 'play_text', c.play_text, 'tags', to_json(c.tags), 'ticker', c.ticker,"
         " 'game_id', c.game_id, 'price_before', c.price_before, 'price_after', c.price_after,"
         " 'change_pts', c.change_pct, 'impact', c.impact, 'captured_at', " +
         iso_ms("c.captured_at") + ", 'measured_at', " + iso_ms("c.measured_at") +
         ") ORDER BY c.n), '[]'::json) FROM page c WHERE c.n <= $3::int)::text,"
         " (SELECT count(*) FROM page) > $3::int,"
         " (SELECT (extract(epoch FROM measured_at) * 1000000)::bigint FROM last),"
         " (SELECT game_id FROM last), (SELECT play_id FROM last), (SELECT ticker FROM last)" +
         (one_game ? ", to_json(g.game_id)::text FROM games g WHERE g.game_id = $1::text"
                   : std::string{});
}

std::string json_string_or_null(const std::optional<std::string>& s) {
  // Cursors are base64url: nothing to escape.
  return s ? "\"" + *s + "\"" : "null";
}

std::int32_t clamp(std::int32_t n, std::int32_t most) {
  return std::clamp<std::int32_t>(n, 1, most);
}

} // namespace

const named_query list_markets{
    "list_markets",
    "WITH page AS (SELECT m.*, row_number() OVER (ORDER BY m.ticker) AS n FROM markets m"
    " WHERE ($1::text = '' OR m.status = $1::text) AND ($2::text = '' OR m.game_id = $2::text)"
    " AND ($4::text IS NULL OR m.ticker > $4::text) ORDER BY m.ticker LIMIT $3::int + 1),"
    " last AS (SELECT ticker FROM page WHERE n = $3::int)"
    " SELECT (SELECT coalesce(json_agg(json_build_object(" +
        market_members + ") ORDER BY m.n), '[]'::json) FROM page m" + latest_snapshot +
        " WHERE m.n <= $3::int)::text,"
        " (SELECT count(*) FROM page) > $3::int, (SELECT ticker FROM last)"};

const named_query get_market{
    "get_market", "SELECT json_build_object(" + market_members +
                      ", 'history', coalesce((SELECT json_agg(json_build_object("
                      "'observed_at', " +
                      iso_ms("h.observed_at") +
                      ", 'price', h.price, 'yes_bid', h.yes_bid, 'yes_ask', h.yes_ask,"
                      " 'last_price', h.last_price, 'volume', h.volume,"
                      " 'open_interest', h.open_interest) ORDER BY h.observed_at DESC)"
                      " FROM (SELECT * FROM market_snapshots h WHERE h.ticker = m.ticker"
                      " ORDER BY h.observed_at DESC LIMIT $2::int) h), '[]'::json))::text"
                      " FROM markets m" +
                      latest_snapshot + " WHERE m.ticker = $1::text"};

const named_query list_correlations{"list_correlations", correlations_sql(false)};

const named_query list_game_correlations{"list_game_correlations", correlations_sql(true)};

json_page markets_page(pqxx::transaction_base& tx, const market_list_query& q,
                       const std::optional<markets_cursor>& after) {
  auto limit = clamp(q.limit, 500);
  std::optional<std::string> after_ticker;
  if (after)
    after_ticker = after->ticker;
  auto row = tx.exec_prepared1(list_markets.name, q.status, q.game_id, limit, after_ticker);
  std::optional<std::string> next;
  if (row[1].as<bool>())
    next = encode_cursor(markets_cursor{row[2].as<std::string>()});
  return json_page{R"({"markets":)" + row[0].as<std::string>() + R"(,"next_cursor":)" +
                       json_string_or_null(next) + "}",
                   true};
}

json_page market_page(pqxx::transaction_base& tx, const market_detail_query& q) {
  auto res = tx.exec_prepared(get_market.name, q.ticker, clamp(q.history, 1000));
  if (res.empty())
    return json_page{{}, false};
  return json_page{res[0][0].as<std::string>(), true};
}

const named_query& correlations_statement(const correlations_query& q) {
  return q.game_id.empty() ? list_correlations : list_game_correlations;
}

json_page correlations_page(pqxx::transaction_base& tx, const correlations_query& q,
                            const std::optional<correlations_cursor>& after) {
  auto limit = clamp(q.limit, 500);
  std::optional<std::int64_t> us;
  std::optional<std::string> game;
  std::optional<std::string> play;
  std::optional<std::string> ticker;
  if (after) {
    us = after->measured_us;
    game = after->game_id;
    play = after->play_id;
    ticker = after->ticker;
  }
  auto res = tx.exec_prepared(correlations_statement(q).name, q.game_id, q.impact, limit, us, game,
                              play, ticker);
  if (res.empty())
    return json_page{{}, false};
  auto row = res[0];
  std::optional<std::string> next;
  if (row[1].as<bool>())
    next = encode_cursor(correlations_cursor{row[2].as<std::int64_t>(), row[3].as<std::string>(),
                                             row[4].as<std::string>(), row[5].as<std::string>()});
  std::string body = "{";
  if (!q.game_id.empty())
    body += R"("game_id":)" + row[6].as<std::string>() + ",";
  body += R"("correlations":)" + row[0].as<std::string>() + R"(,"next_cursor":)" +
          json_string_or_null(next) + "}";
  return json_page{std::move(body), true};
}

} // namespace playclock::sql
