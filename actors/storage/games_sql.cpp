#include "actors/storage/games_sql.hpp"

#include "adapters/sports/timestamp.hpp"

#include <map>
#include <utility>

#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace playclock::storage {

namespace {

// Statement names double as log and metric labels.
constexpr const char* upsert_games_name = "upsert_games";
constexpr const char* insert_plays_name = "insert_plays";

std::string nullable_int(pqxx::transaction_base& tx, int v, bool present) {
  return present ? tx.quote(v) : "NULL";
}

std::string timestamp_or_null(pqxx::transaction_base& tx, const std::string& iso) {
  return iso.empty() ? "NULL" : tx.quote(iso) + "::timestamptz";
}

std::string text_array(pqxx::transaction_base& tx, const std::vector<std::string>& xs) {
  std::string out = "ARRAY[";
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (i > 0)
      out += ',';
    out += tx.quote(xs[i]);
  }
  return out + "]::text[]";
}

std::string play_stats_json(const stored_play& p) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartObject();
  w.Key("offense");
  w.StartObject();
  w.Key("team");
  w.String(p.offense.team);
  w.Key("plays");
  w.Int(p.offense.plays);
  w.Key("yards_per_play");
  w.Double(p.offense.yards_per_play);
  w.Key("success_rate");
  w.Double(p.offense.success_rate);
  w.EndObject();
  w.Key("players");
  w.StartArray();
  for (const auto& who : p.play.players) {
    w.StartObject();
    w.Key("id");
    w.String(who.player_id);
    w.Key("name");
    w.String(who.name);
    w.Key("role");
    w.String(who.role);
    w.EndObject();
  }
  w.EndArray();
  w.Key("score_value");
  w.Int(p.play.score_value);
  w.EndObject();
  return buf.GetString();
}

std::size_t upsert_games(pqxx::work& tx, const std::vector<sports::game>& games) {
  // One row per id: ON CONFLICT DO UPDATE may not touch a row twice.
  std::map<std::string, const sports::game*> latest;
  for (const auto& g : games)
    latest[g.id] = &g;
  if (latest.empty())
    return 0;
  std::string sql =
      "INSERT INTO games (game_id, source, season, season_type, week, start_time, state,"
      " status_detail, home_team, away_team, home_score, away_score, period, clock, possession,"
      " down, distance, yard_line, venue, venue_city, indoor) VALUES ";
  bool first = true;
  for (const auto& [id, g] : latest) {
    if (!first)
      sql += ',';
    first = false;
    bool live = g->now.has_value();
    sql += "(" + tx.quote(id) + ",'espn'," + tx.quote(g->season) + "," + tx.quote(g->season_type) +
           "," + tx.quote(g->week) + "," + timestamp_or_null(tx, g->start_time) + "," +
           tx.quote(sports::to_string(g->state)) + "," + tx.quote(g->status_detail) + "," +
           tx.quote(g->home.abbreviation) + "," + tx.quote(g->away.abbreviation) + "," +
           tx.quote(g->home_score) + "," + tx.quote(g->away_score) + "," + tx.quote(g->period) +
           "," + tx.quote(g->clock) + "," +
           (live && !g->now->possession.empty() ? tx.quote(g->now->possession) : "NULL") + "," +
           nullable_int(tx, live ? g->now->down : 0, live) + "," +
           nullable_int(tx, live ? g->now->distance : 0, live) + "," +
           nullable_int(tx, live ? g->now->yards_to_endzone : 0, live) + "," +
           tx.quote(g->where.name) + "," + tx.quote(g->where.city) + "," +
           (g->where.name.empty() ? "NULL" : tx.quote(g->where.indoor)) + ")";
  }
  sql += " ON CONFLICT (game_id) DO UPDATE SET season = EXCLUDED.season,"
         " season_type = EXCLUDED.season_type, week = EXCLUDED.week,"
         " start_time = coalesce(EXCLUDED.start_time, games.start_time), state = EXCLUDED.state,"
         " status_detail = EXCLUDED.status_detail, home_team = EXCLUDED.home_team,"
         " away_team = EXCLUDED.away_team, home_score = EXCLUDED.home_score,"
         " away_score = EXCLUDED.away_score, period = EXCLUDED.period, clock = EXCLUDED.clock,"
         " possession = EXCLUDED.possession, down = EXCLUDED.down,"
         " distance = EXCLUDED.distance, yard_line = EXCLUDED.yard_line,"
         " venue = EXCLUDED.venue, venue_city = EXCLUDED.venue_city,"
         " indoor = coalesce(EXCLUDED.indoor, games.indoor), updated_at = now()";
  tx.exec(sql, upsert_games_name);
  return latest.size();
}

// New plays and their box-score numbers in one statement: the plays that
// were not stored yet (RETURNING skips those ON CONFLICT DO NOTHING dropped)
// add their players' yards and plays to player_stats. Adding only what is
// new keeps a poll's cost to its own plays, where recomputing a game from
// all its stored plays grew with the game; a play sent twice is still
// counted once. Returns the plays stored.
std::size_t insert_plays(pqxx::work& tx, const std::vector<stored_play>& plays) {
  if (plays.empty())
    return 0;
  std::string sql =
      "WITH fresh AS (INSERT INTO plays (game_id, play_id, sequence, drive_id, period, clock, team,"
      " play_type, description, yards, start_down, start_distance, start_yard_line, home_score,"
      " away_score, scoring, tags, stats, occurred_at) VALUES ";
  for (std::size_t i = 0; i < plays.size(); ++i) {
    const auto& sp = plays[i];
    const auto& p = sp.play;
    if (i > 0)
      sql += ',';
    sql += "(" + tx.quote(sp.game_id) + "," + tx.quote(p.id) + "," +
           tx.quote(static_cast<long long>(p.sequence)) + "," +
           (p.drive_id.empty() ? "NULL" : tx.quote(p.drive_id)) + "," + tx.quote(p.period) + "," +
           tx.quote(p.clock) + "," + (p.team.empty() ? "NULL" : tx.quote(p.team)) + "," +
           tx.quote(p.type) + "," + tx.quote(p.text) + "," + tx.quote(p.yards) + "," +
           nullable_int(tx, p.start_down, p.start_down > 0) + "," +
           nullable_int(tx, p.start_distance, p.start_down > 0) + "," +
           nullable_int(tx, p.start_yards_to_endzone, p.start_yards_to_endzone > 0) + "," +
           tx.quote(p.home_score) + "," + tx.quote(p.away_score) + "," + tx.quote(p.scoring) + "," +
           text_array(tx, sp.tags) + "," + tx.quote(play_stats_json(sp)) + "::jsonb," +
           (sports::is_utc_timestamp(p.wallclock) ? tx.quote(p.wallclock) + "::timestamptz"
                                                  : std::string{"NULL"}) +
           ")";
  }
  // Plays are immutable once stored: a play sent twice is written once.
  sql += " ON CONFLICT (game_id, play_id) DO NOTHING RETURNING game_id, team, yards, stats),"
         " numbers AS (INSERT INTO player_stats (game_id, player_id, player_name, team, stat,"
         " value)"
         " SELECT f.game_id, pl->>'id', max(pl->>'name'), coalesce(max(f.team), ''),"
         "  (pl->>'role') || CASE WHEN pl->>'role' IN ('passer','rusher','receiver')"
         "   THEN '_yards' ELSE '_plays' END,"
         "  sum(CASE WHEN pl->>'role' IN ('passer','rusher','receiver') THEN f.yards ELSE 1 END)"
         " FROM fresh f, jsonb_array_elements(f.stats->'players') pl"
         " WHERE pl->>'id' <> '' GROUP BY f.game_id, pl->>'id', pl->>'role'"
         // greatest() keeps what max() over all the game's plays would give.
         " ON CONFLICT (game_id, player_id, stat) DO UPDATE"
         " SET value = player_stats.value + EXCLUDED.value,"
         " player_name = greatest(player_stats.player_name, EXCLUDED.player_name),"
         " team = greatest(player_stats.team, EXCLUDED.team), updated_at = now())"
         " SELECT count(*) FROM fresh";
  return tx.exec1(sql, insert_plays_name)[0].as<std::size_t>();
}

std::size_t upsert_injuries(pqxx::work& tx, const store_batch& b) {
  std::map<std::pair<std::string, std::string>, std::size_t> latest;
  for (std::size_t i = 0; i < b.injuries.size(); ++i)
    latest[{b.injuries[i].team, b.injuries[i].player_id}] = i;
  if (latest.empty())
    return 0;
  std::string sql = "INSERT INTO injuries (team, player_id, player_name, position, status, detail,"
                    " game_id, reported_at) VALUES ";
  bool first = true;
  for (const auto& kv : latest) {
    const auto& inj = b.injuries[kv.second];
    auto game = kv.second < b.injury_games.size() ? b.injury_games[kv.second] : std::string{};
    if (!first)
      sql += ',';
    first = false;
    sql += "(" + tx.quote(inj.team) + "," + tx.quote(inj.player_id) + "," +
           tx.quote(inj.player_name) + "," + tx.quote(inj.position) + "," + tx.quote(inj.status) +
           "," + tx.quote(inj.detail) + "," + (game.empty() ? "NULL" : tx.quote(game)) + "," +
           timestamp_or_null(tx, inj.date) + ")";
  }
  sql += " ON CONFLICT (team, player_id) DO UPDATE SET player_name = EXCLUDED.player_name,"
         " position = EXCLUDED.position, status = EXCLUDED.status, detail = EXCLUDED.detail,"
         " game_id = coalesce(EXCLUDED.game_id, injuries.game_id),"
         " reported_at = coalesce(EXCLUDED.reported_at, injuries.reported_at), updated_at = now()";
  tx.exec(sql, "upsert_injuries");
  return latest.size();
}

std::size_t upsert_weather(pqxx::work& tx, const std::vector<weather_entry>& rows) {
  std::map<std::pair<std::string, std::int64_t>, const weather_entry*> latest;
  for (const auto& w : rows)
    latest[{w.game_id, w.forecast.time}] = &w;
  if (latest.empty())
    return 0;
  std::string sql = "INSERT INTO weather (game_id, forecast_time, temperature_c, wind_speed_ms,"
                    " precipitation_mm, humidity_pct, description) VALUES ";
  bool first = true;
  for (const auto& kv : latest) {
    const auto& w = *kv.second;
    if (!first)
      sql += ',';
    first = false;
    sql += "(" + tx.quote(w.game_id) + ",to_timestamp(" +
           tx.quote(static_cast<long long>(w.forecast.time)) + ")," +
           tx.quote(w.forecast.temperature_c) + "," + tx.quote(w.forecast.wind_speed_ms) + "," +
           tx.quote(w.forecast.precipitation_mm) + "," + tx.quote(w.forecast.humidity_pct) + "," +
           tx.quote(w.forecast.description) + ")";
  }
  sql += " ON CONFLICT (game_id, forecast_time) DO UPDATE SET"
         " temperature_c = EXCLUDED.temperature_c, wind_speed_ms = EXCLUDED.wind_speed_ms,"
         " precipitation_mm = EXCLUDED.precipitation_mm, humidity_pct = EXCLUDED.humidity_pct,"
         " description = EXCLUDED.description, fetched_at = now()";
  tx.exec(sql, "upsert_weather");
  return latest.size();
}

std::size_t insert_sync(pqxx::work& tx, const std::vector<sync_entry>& rows,
                        const std::string& node) {
  if (rows.empty())
    return 0;
  std::string sql = "INSERT INTO sync_log (source, node_id, started_at, duration_ms, status,"
                    " items, error) VALUES ";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& s = rows[i];
    if (i > 0)
      sql += ',';
    sql += "(" + tx.quote(s.source) + "," + tx.quote(node) + ",to_timestamp(" +
           tx.quote(static_cast<double>(s.started_at_ms) / 1000.0) + ")," +
           tx.quote(s.duration_ms) + "," + tx.quote(s.status) + "," + tx.quote(s.items) + "," +
           tx.quote(s.error) + ")";
  }
  tx.exec(sql, "insert_sync_log");
  return rows.size();
}

} // namespace

written write_batch(pqxx::connection_base& conn, const store_batch& batch,
                    const std::string& node) {
  written w;
  pqxx::work tx{conn, "store_batch"};
  w.games = upsert_games(tx, batch.games);
  w.plays = insert_plays(tx, batch.plays);
  w.injuries = upsert_injuries(tx, batch);
  w.weather = upsert_weather(tx, batch.weather);
  w.sync = insert_sync(tx, batch.sync, node);
  tx.commit();
  return w;
}

game_record read_game(pqxx::connection_base& conn, const std::string& game_id,
                      std::size_t recent_plays) {
  game_record rec;
  pqxx::nontransaction tx{conn, "read_game"};
  auto g = tx.exec("SELECT game_id, state, home_team, away_team, home_score, away_score, period,"
                   " clock, coalesce(possession, ''), status_detail"
                   " FROM games WHERE game_id = " +
                   tx.quote(game_id));
  if (g.empty())
    return rec;
  rec.found = true;
  auto row = g[0];
  rec.game.id = row[0].as<std::string>();
  rec.game.state =
      sports::parse_game_state(row[1].as<std::string>()).value_or(sports::game_state::pre);
  rec.game.home.abbreviation = row[2].as<std::string>();
  rec.game.away.abbreviation = row[3].as<std::string>();
  rec.game.home_score = row[4].as<int>();
  rec.game.away_score = row[5].as<int>();
  rec.game.period = row[6].as<int>();
  rec.game.clock = row[7].as<std::string>();
  auto possession = row[8].as<std::string>();
  if (!possession.empty()) {
    sports::situation s;
    s.possession = possession;
    rec.game.now = s;
  }
  rec.game.status_detail = row[9].as<std::string>();
  for (const auto& r : tx.exec("SELECT play_id FROM plays WHERE game_id = " + tx.quote(game_id)))
    rec.play_ids.push_back(r[0].as<std::string>());
  auto recent = tx.exec(
      "SELECT play_id, sequence, period, clock, coalesce(team, ''), play_type, description, yards,"
      " coalesce(start_down, 0), coalesce(start_distance, 0), coalesce(start_yard_line, 0),"
      " home_score, away_score, scoring FROM ("
      "  SELECT * FROM plays WHERE game_id = " +
      tx.quote(game_id) + " ORDER BY sequence DESC LIMIT " + std::to_string(recent_plays) +
      ") p ORDER BY sequence");
  for (const auto& r : recent) {
    sports::play p;
    p.id = r[0].as<std::string>();
    p.sequence = r[1].as<long long>();
    p.period = r[2].as<int>();
    p.clock = r[3].as<std::string>();
    p.team = r[4].as<std::string>();
    p.type = r[5].as<std::string>();
    p.text = r[6].as<std::string>();
    p.yards = r[7].as<int>();
    p.start_down = r[8].as<int>();
    p.start_distance = r[9].as<int>();
    p.start_yards_to_endzone = r[10].as<int>();
    p.home_score = r[11].as<int>();
    p.away_score = r[12].as<int>();
    p.scoring = r[13].as<bool>();
    rec.recent_plays.push_back(std::move(p));
  }
  for (const auto& r : tx.exec("SELECT player_id, status FROM injuries WHERE team IN (" +
                               tx.quote(rec.game.home.abbreviation) + "," +
                               tx.quote(rec.game.away.abbreviation) + ")"))
    rec.injury_keys.push_back(r[0].as<std::string>() + "|" + r[1].as<std::string>());
  return rec;
}

std::int64_t prune_sync_log(pqxx::connection_base& conn, int days, int chunk) {
  std::int64_t total = 0;
  for (;;) {
    pqxx::work tx{conn, "prune_sync_log"};
    auto res = tx.exec_params("DELETE FROM sync_log WHERE id IN (SELECT id FROM sync_log"
                              " WHERE started_at < now() - make_interval(days => $1) LIMIT $2)",
                              days, chunk);
    tx.commit();
    auto n = static_cast<std::int64_t>(res.affected_rows());
    total += n;
    if (n < chunk)
      return total;
  }
}

} // namespace playclock::storage
