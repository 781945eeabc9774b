#include "actors/query_actor.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <pqxx/connection_base>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>

#include "adapters/log/logging.hpp"
#include "adapters/pg/pool.hpp"

namespace playclock {

// -- statements ----------------------------------------------------------------

namespace sql {

/// A prepared statement: its name (also the log label) and its text.
struct named_query {
  const char* name;
  std::string sql;
};

// Timestamps as ISO 8601 in UTC, whatever the session's TimeZone.
std::string iso(const std::string& column) {
  return "to_char(" + column + R"( AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))";
}

// The members of a game object (alias g), for json_build_object.
const std::string game_members =
    "'id', g.game_id, 'season', g.season, 'season_type', g.season_type, 'week', g.week,"
    " 'start_time', " +
    iso("g.start_time") +
    ", 'state', g.state, 'status_detail', g.status_detail,"
    " 'home', json_build_object('team', g.home_team, 'score', g.home_score),"
    " 'away', json_build_object('team', g.away_team, 'score', g.away_score),"
    " 'period', g.period, 'clock', g.clock, 'possession', g.possession, 'down', g.down,"
    " 'distance', g.distance, 'yard_line', g.yard_line, 'venue', g.venue, 'indoor', g.indoor,"
    " 'updated_at', " +
    iso("g.updated_at");

// A play object (alias p).
const std::string play_object =
    "json_build_object('id', p.play_id, 'sequence', p.sequence, 'drive_id', p.drive_id,"
    " 'period', p.period, 'clock', p.clock, 'team', p.team, 'type', p.play_type,"
    " 'text', p.description, 'yards', p.yards,"
    " 'start', json_build_object('down', p.start_down, 'distance', p.start_distance,"
    "  'yards_to_endzone', p.start_yard_line),"
    " 'home_score', p.home_score, 'away_score', p.away_score, 'scoring', p.scoring,"
    " 'tags', to_json(p.tags), 'stats', p.stats)";

// Games without a start time sort last.
const std::string game_key = "coalesce(g.start_time, 'infinity'::timestamptz)";

// $1 state ('' = any), $2 limit, $3 cursor start (epoch us, NULL = no start
// time), $4 cursor game id (NULL = first page). One row more than the page is
// read to know whether there is a next one. Returns (games, more, last key).
const named_query list_games{
    "list_games",
    "WITH page AS (SELECT g.*, row_number() OVER (ORDER BY " + game_key +
        ", g.game_id) AS n FROM games g"
        " WHERE ($1::text = '' OR g.state = $1::text) AND ($4::text IS NULL OR (" +
        game_key +
        ", g.game_id) > (coalesce('epoch'::timestamptz + $3::bigint * interval '1 microsecond',"
        " 'infinity'::timestamptz), $4::text))"
        " ORDER BY " +
        game_key +
        ", g.game_id LIMIT $2::int + 1),"
        " last AS (SELECT * FROM page WHERE n = $2::int)"
        " SELECT (SELECT coalesce(json_agg(json_build_object(" +
        game_members +
        ") ORDER BY g.n), '[]'::json) FROM page g WHERE g.n <= $2::int)::text,"
        " (SELECT count(*) FROM page) > $2::int,"
        " (SELECT (extract(epoch FROM start_time) * 1000000)::bigint FROM last),"
        " (SELECT game_id FROM last)"};

// $1 game id. No row if the game is unknown.
const named_query get_game{
    "get_game", "SELECT json_build_object(" + game_members +
                    ", 'plays_count', (SELECT count(*) FROM plays p WHERE p.game_id = g.game_id),"
                    " 'last_play', (SELECT " +
                    play_object +
                    " FROM plays p WHERE p.game_id = g.game_id"
                    " ORDER BY p.sequence DESC, p.play_id DESC LIMIT 1))::text"
                    " FROM games g WHERE g.game_id = $1::text"};

// $1 game id, $2 limit, $3 after sequence. A page never splits plays that
// share a sequence (next_after could not resume between them): it ends after
// the last of them, even past the limit. No row if the game is unknown.
const named_query list_plays{
    "list_plays",
    "WITH cut AS (SELECT max(s.sequence) AS last_seq FROM (SELECT p.sequence FROM plays p"
    " WHERE p.game_id = $1::text AND p.sequence > $3::bigint ORDER BY p.sequence"
    " LIMIT $2::int) s)"
    " SELECT json_build_object('game_id', g.game_id, 'plays', coalesce((SELECT json_agg(" +
        play_object +
        " ORDER BY p.sequence, p.play_id) FROM plays p WHERE p.game_id = g.game_id"
        " AND p.sequence > $3::bigint AND p.sequence <= cut.last_seq), '[]'::json),"
        " 'next_after', CASE WHEN EXISTS (SELECT 1 FROM plays p WHERE p.game_id = g.game_id"
        " AND p.sequence > cut.last_seq) THEN cut.last_seq END)::text"
        " FROM games g, cut WHERE g.game_id = $1::text"};

// $1 team ('' = any), $2 status ('' = any, case-insensitive), $3 limit,
// $4/$5 cursor team/player (NULL = first page). Returns (injuries, more, last key).
const named_query list_injuries{
    "list_injuries",
    "WITH page AS (SELECT i.*, row_number() OVER (ORDER BY i.team, i.player_id) AS n"
    " FROM injuries i WHERE ($1::text = '' OR i.team = $1::text)"
    " AND ($2::text = '' OR lower(i.status) = lower($2::text))"
    " AND ($4::text IS NULL OR (i.team, i.player_id) > ($4::text, $5::text))"
    " ORDER BY i.team, i.player_id LIMIT $3::int + 1),"
    " last AS (SELECT * FROM page WHERE n = $3::int)"
    " SELECT (SELECT coalesce(json_agg(json_build_object('team', i.team,"
    " 'player_id', i.player_id, 'player_name', i.player_name, 'position', i.position,"
    " 'status', i.status, 'detail', i.detail, 'game_id', i.game_id, 'reported_at', " +
        iso("i.reported_at") + ", 'updated_at', " + iso("i.updated_at") +
        ") ORDER BY i.n), '[]'::json) FROM page i WHERE i.n <= $3::int)::text,"
        " (SELECT count(*) FROM page) > $3::int,"
        " (SELECT team FROM last), (SELECT player_id FROM last)"};

} // namespace sql

// -- cursors -------------------------------------------------------------------

namespace {

constexpr std::string_view b64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
// Cursors are short; a longer one is garbage (and never worth parsing).
constexpr std::size_t max_cursor_chars = 512;

std::string base64url(std::string_view in) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned char ch : in) {
    acc = (acc << 8) | ch;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(b64_alphabet[(acc >> bits) & 0x3f]);
    }
  }
  if (bits > 0)
    out.push_back(b64_alphabet[(acc << (6 - bits)) & 0x3f]);
  return out;
}

std::optional<std::string> unbase64url(std::string_view in) {
  if (in.empty() || in.size() > max_cursor_chars || in.size() % 4 == 1)
    return std::nullopt;
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char ch : in) {
    auto pos = b64_alphabet.find(ch);
    if (pos == std::string_view::npos)
      return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  // Canonical form only: the unused low bits of the last character are zero.
  if ((acc & ((1u << bits) - 1)) != 0)
    return std::nullopt;
  return out;
}

template <class F>
std::string encode_array(F write_elements) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartArray();
  write_elements(w);
  w.EndArray();
  return base64url({buf.GetString(), buf.GetSize()});
}

// The two elements of a cursor's JSON array, or nullptr.
const rapidjson::Value* decode_pair(std::string_view text, rapidjson::Document& doc) {
  auto raw = unbase64url(text);
  if (!raw)
    return nullptr;
  doc.Parse(raw->data(), raw->size());
  if (doc.HasParseError() || !doc.IsArray() || doc.Size() != 2 || !doc[1].IsString() ||
      doc[1].GetStringLength() == 0)
    return nullptr;
  return doc.Begin();
}

} // namespace

std::string encode_cursor(const games_cursor& c) {
  return encode_array([&](auto& w) {
    if (c.start_us)
      w.Int64(*c.start_us);
    else
      w.Null();
    w.String(c.game_id.data(), static_cast<rapidjson::SizeType>(c.game_id.size()));
  });
}

std::string encode_cursor(const injuries_cursor& c) {
  return encode_array([&](auto& w) {
    w.String(c.team.data(), static_cast<rapidjson::SizeType>(c.team.size()));
    w.String(c.player_id.data(), static_cast<rapidjson::SizeType>(c.player_id.size()));
  });
}

std::optional<games_cursor> decode_games_cursor(std::string_view text) {
  rapidjson::Document doc;
  auto xs = decode_pair(text, doc);
  if (xs == nullptr || !(xs[0].IsNull() || xs[0].IsInt64()))
    return std::nullopt;
  games_cursor c;
  if (xs[0].IsInt64()) {
    // Far outside PostgreSQL's timestamp range: forged, not ours.
    constexpr std::int64_t max_us = 100'000'000'000'000'000;
    c.start_us = xs[0].GetInt64();
    if (*c.start_us > max_us || *c.start_us < -max_us)
      return std::nullopt;
  }
  c.game_id.assign(xs[1].GetString(), xs[1].GetStringLength());
  return c;
}

std::optional<injuries_cursor> decode_injuries_cursor(std::string_view text) {
  rapidjson::Document doc;
  auto xs = decode_pair(text, doc);
  if (xs == nullptr || !xs[0].IsString() || xs[0].GetStringLength() == 0)
    return std::nullopt;
  return injuries_cursor{{xs[0].GetString(), xs[0].GetStringLength()},
                         {xs[1].GetString(), xs[1].GetStringLength()}};
}

// -- workers -------------------------------------------------------------------

namespace {

struct query_worker_state {
  static inline const char* name = "query_worker";
  std::shared_ptr<pg::pool> pool;
  std::shared_ptr<spdlog::logger> log;
};

using worker_ptr = query_actor::stateful_pointer<query_worker_state>;

std::int32_t clamp_limit(std::int32_t limit) {
  return std::clamp<std::int32_t>(limit, 1, 500);
}

std::string json_string_or_null(const std::optional<std::string>& s) {
  if (!s)
    return "null";
  // Cursors are base64url: nothing to escape.
  return "\"" + *s + "\"";
}

// libpq messages span lines; a log line should not.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\t' || c == '\r') {
      if (!out.empty() && out.back() != ' ')
        out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return out;
}

// Runs `f(tx)` on a pooled connection after preparing `q` there (a no-op when
// the connection already has it: pqxx keeps a per-connection set, and a
// connection the pool re-opened starts empty). Every failure becomes an error
// reply; the worker itself never fails.
template <class F>
caf::result<json_page> run(worker_ptr self, const sql::named_query& q, F f) {
  auto& log = *self->state.log;
  try {
    return self->state.pool->run([&](pqxx::connection_base& conn) {
      conn.prepare(q.name, q.sql);
      pqxx::nontransaction tx{conn, q.name};
      return f(tx);
    });
  } catch (const pg::pool_timeout& e) {
    log.warn("{} {}: {}", self->state.name, q.name, one_line(e.what()));
    return make_error(query_errc::database_unavailable, "no database connection free");
  } catch (const pqxx::broken_connection& e) {
    log.warn("{} {}: database unreachable: {}", self->state.name, q.name, one_line(e.what()));
    return make_error(query_errc::database_unavailable, "database unreachable");
  } catch (const pqxx::sql_error& e) {
    log.error("{} {} failed ({}): {}", self->state.name, q.name, e.sqlstate(), one_line(e.what()));
    return make_error(query_errc::database_error, std::string{q.name} + " failed");
  } catch (const std::exception& e) {
    log.error("{} {} failed: {}", self->state.name, q.name, one_line(e.what()));
    return make_error(query_errc::database_error, std::string{q.name} + " failed");
  }
}

caf::result<json_page> list_games(worker_ptr self, const games_query& q) {
  std::optional<games_cursor> after;
  if (!q.cursor.empty() && !(after = decode_games_cursor(q.cursor)))
    return make_error(query_errc::malformed_cursor, "cursor: malformed");
  auto limit = clamp_limit(q.limit);
  return run(self, sql::list_games, [&](pqxx::transaction_base& tx) {
    std::optional<std::int64_t> after_us;
    std::optional<std::string> after_id;
    if (after) {
      after_us = after->start_us;
      after_id = after->game_id;
    }
    auto row = tx.exec_prepared1(sql::list_games.name, q.state, limit, after_us, after_id);
    std::optional<std::string> next;
    if (row[1].as<bool>())
      next = encode_cursor(games_cursor{row[2].get<std::int64_t>(), row[3].as<std::string>()});
    return json_page{R"({"games":)" + row[0].as<std::string>() + R"(,"next_cursor":)" +
                         json_string_or_null(next) + "}",
                     true};
  });
}

caf::result<json_page> get_game(worker_ptr self, const std::string& id) {
  return run(self, sql::get_game, [&](pqxx::transaction_base& tx) {
    auto res = tx.exec_prepared(sql::get_game.name, id);
    if (res.empty())
      return json_page{{}, false};
    return json_page{res[0][0].as<std::string>(), true};
  });
}

caf::result<json_page> list_plays(worker_ptr self, const plays_query& q) {
  auto limit = clamp_limit(q.limit);
  auto after = std::max<std::int64_t>(q.after_sequence, -1);
  return run(self, sql::list_plays, [&](pqxx::transaction_base& tx) {
    auto res = tx.exec_prepared(sql::list_plays.name, q.game_id, limit, after);
    if (res.empty())
      return json_page{{}, false};
    return json_page{res[0][0].as<std::string>(), true};
  });
}

caf::result<json_page> list_injuries(worker_ptr self, const injuries_query& q) {
  std::optional<injuries_cursor> after;
  if (!q.cursor.empty() && !(after = decode_injuries_cursor(q.cursor)))
    return make_error(query_errc::malformed_cursor, "cursor: malformed");
  auto limit = clamp_limit(q.limit);
  return run(self, sql::list_injuries, [&](pqxx::transaction_base& tx) {
    std::optional<std::string> team;
    std::optional<std::string> player;
    if (after) {
      team = after->team;
      player = after->player_id;
    }
    auto row = tx.exec_prepared1(sql::list_injuries.name, q.team, q.status, limit, team, player);
    std::optional<std::string> next;
    if (row[1].as<bool>())
      next = encode_cursor(injuries_cursor{row[2].as<std::string>(), row[3].as<std::string>()});
    return json_page{R"({"injuries":)" + row[0].as<std::string>() + R"(,"next_cursor":)" +
                         json_string_or_null(next) + "}",
                     true};
  });
}

query_actor::behavior_type query_worker(worker_ptr self, std::shared_ptr<pg::pool> pool) {
  self->state.pool = std::move(pool);
  self->state.log = log::component("query");
  return {
      [self](const games_query& q) { return list_games(self, q); },
      [self](get_atom, const std::string& id) { return get_game(self, id); },
      [self](const plays_query& q) { return list_plays(self, q); },
      [self](const injuries_query& q) { return list_injuries(self, q); },
  };
}

// -- the round-robin front -------------------------------------------------------

struct query_front_state {
  static inline const char* name = "query";
  std::vector<query_actor> workers;
  std::size_t next = 0;

  const query_actor& pick() { return workers[next++ % workers.size()]; }
};

using front_ptr = query_actor::stateful_pointer<query_front_state>;

query_actor::behavior_type query_front(front_ptr self, std::shared_ptr<pg::pool> pool, int n) {
  // Linked both ways: a worker that dies takes the front down (the
  // supervisor restarts the group), and stopping the front stops them.
  for (int i = 0; i < std::max(n, 1); ++i)
    self->state.workers.push_back(self->spawn<caf::detached + caf::linked>(query_worker, pool));
  // delegate: the worker answers the original requester directly.
  return {
      [self](games_query& q) { return self->delegate(self->state.pick(), std::move(q)); },
      [self](get_atom a, std::string& id) {
        return self->delegate(self->state.pick(), a, std::move(id));
      },
      [self](plays_query& q) { return self->delegate(self->state.pick(), std::move(q)); },
      [self](injuries_query& q) { return self->delegate(self->state.pick(), std::move(q)); },
  };
}

} // namespace

query_actor spawn_query_actors(caf::actor_system& sys, std::shared_ptr<pg::pool> pool, int n) {
  return sys.spawn(query_front, std::move(pool), n);
}

} // namespace playclock
