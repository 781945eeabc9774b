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
#include <spdlog/spdlog.h>

#include "actors/query/markets_sql.hpp"
#include "actors/query/query_sql.hpp"
#include "actors/storage/db_call.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "adapters/pg/pool.hpp"

namespace playclock {

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
  } catch (const std::exception& e) {
    return db::to_error(e, log, std::string{q.name});
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

caf::result<json_page> list_markets(worker_ptr self, const market_list_query& q) {
  std::optional<markets_cursor> after;
  if (!q.cursor.empty() && !(after = decode_markets_cursor(q.cursor)))
    return make_error(query_errc::malformed_cursor, "cursor: malformed");
  return run(self, sql::list_markets,
             [&](pqxx::transaction_base& tx) { return sql::markets_page(tx, q, after); });
}

caf::result<json_page> get_market(worker_ptr self, const market_detail_query& q) {
  return run(self, sql::get_market,
             [&](pqxx::transaction_base& tx) { return sql::market_page(tx, q); });
}

caf::result<json_page> list_correlations(worker_ptr self, const correlations_query& q) {
  std::optional<correlations_cursor> after;
  if (!q.cursor.empty() && !(after = decode_correlations_cursor(q.cursor)))
    return make_error(query_errc::malformed_cursor, "cursor: malformed");
  return run(self, sql::correlations_statement(q),
             [&](pqxx::transaction_base& tx) { return sql::correlations_page(tx, q, after); });
}

query_actor::behavior_type query_worker(worker_ptr self, std::shared_ptr<pg::pool> pool) {
  log::name_this_thread("pc-query");
  self->state.pool = std::move(pool);
  self->state.log = log::component("query");
  return {
      [self](const games_query& q) { return list_games(self, q); },
      [self](get_atom, const std::string& id) { return get_game(self, id); },
      [self](const plays_query& q) { return list_plays(self, q); },
      [self](const injuries_query& q) { return list_injuries(self, q); },
      [self](const market_list_query& q) { return list_markets(self, q); },
      [self](const market_detail_query& q) { return get_market(self, q); },
      [self](const correlations_query& q) { return list_correlations(self, q); },
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
      [self](market_list_query& q) { return self->delegate(self->state.pick(), std::move(q)); },
      [self](market_detail_query& q) { return self->delegate(self->state.pick(), std::move(q)); },
      [self](correlations_query& q) { return self->delegate(self->state.pick(), std::move(q)); },
  };
}

} // namespace

query_actor spawn_query_actors(caf::actor_system& sys, std::shared_ptr<pg::pool> pool, int n) {
  return sys.spawn(query_front, std::move(pool), n);
}

} // namespace playclock
