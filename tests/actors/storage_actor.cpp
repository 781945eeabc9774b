#include <catch2/catch.hpp>

#include <thread>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/exit_reason.hpp>
#include <caf/scoped_actor.hpp>
#include <pqxx/pqxx>

#include "actors/storage_actor.hpp"
#include "adapters/metrics/registry.hpp"
#include "adapters/pg/migrations.hpp"
#include "adapters/pg/pool.hpp"
#include "messages/games_registration.hpp"
#include "messages/registration.hpp"
#include "tests/support/pg_instance.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

struct storage_fixture {
  explicit storage_fixture(const std::string& url, int max_buffered = 100000,
                           int sync_log_days = 0) {
    add_message_types(cfg);
    add_games_message_types(cfg);
    sys = std::make_unique<caf::actor_system>(cfg);
    {
      pqxx::connection c{url};
      pg::migrate(c, pg::embedded_migrations());
    }
    pg::pool_options po;
    po.url = url;
    po.size = 2;
    po.connect_timeout_s = 2;
    storage_config sc;
    sc.pool = std::make_shared<pg::pool>(po);
    sc.node_name = "test";
    sc.batch_size = 100;
    sc.flush_interval = 50ms;
    sc.max_buffered = max_buffered;
    sc.sync_log_days = sync_log_days;
    sc.prune_interval = 100ms;
    sc.metrics = std::make_shared<metrics::registry>();
    metrics = sc.metrics;
    storage = spawn_storage_actor(*sys, sc);
    this->url = url;
  }

  ~storage_fixture() {
    caf::anon_send_exit(storage, caf::exit_reason::user_shutdown);
    sys->await_all_actors_done();
  }

  std::int32_t store(store_batch b) {
    caf::scoped_actor self{*sys};
    std::int32_t n = -1;
    self->request(storage, 10s, store_atom::value, std::move(b))
        .receive([&](std::int32_t x) { n = x; }, [&](caf::error& e) { FAIL(sys->render(e)); });
    return n;
  }

  std::int32_t flush() {
    caf::scoped_actor self{*sys};
    std::int32_t n = -1;
    self->request(storage, 10s, flush_atom::value)
        .receive([&](std::int32_t x) { n = x; }, [&](caf::error& e) { FAIL(sys->render(e)); });
    return n;
  }

  long count(const std::string& sql) {
    pqxx::connection c{url};
    pqxx::nontransaction tx{c};
    return tx.exec1(sql)[0].as<long>();
  }

  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::shared_ptr<metrics::registry> metrics;
  storage_actor storage;
  std::string url;
};

sports::game game(int home_score) {
  sports::game g;
  g.id = "401547417";
  g.state = sports::game_state::in;
  g.home = {"1", "ATL", "Atlanta Falcons"};
  g.away = {"9", "GB", "Green Bay Packers"};
  g.home_score = home_score;
  g.start_time = "2023-09-17T17:00Z";
  return g;
}

stored_play play(int seq, int yards, std::string who = "GB-QB1") {
  stored_play sp;
  sp.game_id = "401547417";
  sp.play.id = "p" + std::to_string(seq);
  sp.play.sequence = seq;
  sp.play.period = 1;
  sp.play.clock = "10:00";
  sp.play.team = "GB";
  sp.play.type = "Pass Reception";
  sp.play.yards = yards;
  sp.play.players.push_back({who, "J.Love", "passer"});
  sp.tags = {"big_play"};
  sp.offense = {"GB", 1, static_cast<double>(yards), 1.0};
  return sp;
}

store_batch batch_with_plays(int home_score, std::vector<int> seqs) {
  store_batch b;
  b.games.push_back(game(home_score));
  for (int s : seqs)
    b.plays.push_back(play(s, 10 * s));
  return b;
}

} // namespace

TEST_CASE("storage writes a batch once even when it is sent twice", "[storage]") {
  test::test_database db;
  if (!db.available())
    return;
  storage_fixture f{db.url()};
  f.store(batch_with_plays(3, {1, 2}));
  f.store(batch_with_plays(7, {1, 2, 3}));
  f.flush();
  CHECK(f.count("SELECT count(*) FROM games") == 1);
  CHECK(f.count("SELECT home_score FROM games") == 7);
  CHECK(f.count("SELECT count(*) FROM plays") == 3);
  CHECK(f.count("SELECT count(*) FROM plays WHERE 'big_play' = ANY(tags)") == 3);
  // Box-score numbers come from the stored plays, so they do not double.
  CHECK(f.count("SELECT value::bigint FROM player_stats WHERE stat = 'passer_yards'") == 60);
  CHECK_THAT(f.metrics->serialize(), Catch::Contains("playclock_storage_rows_total"));
}

TEST_CASE("player statistics add each new play once, across writes", "[storage]") {
  test::test_database db;
  if (!db.available())
    return;
  storage_fixture f{db.url()};
  f.store(batch_with_plays(3, {1, 2}));
  f.flush();
  CHECK(f.count("SELECT value::bigint FROM player_stats WHERE stat = 'passer_yards'") == 30);
  // A later poll re-sends the first two plays with a new one, and a play with
  // two players (a rusher and a tackler, whose plays are counted).
  auto b = batch_with_plays(7, {1, 2, 3});
  auto run = play(4, 12, "GB-RB1");
  run.play.players = {{"GB-RB1", "A.Jones", "rusher"}, {"CHI-LB1", "T.Edmunds", "tackler"}};
  b.plays.push_back(run);
  f.store(b);
  f.flush();
  f.store(batch_with_plays(7, {2, 3}));
  f.flush();
  CHECK(f.count("SELECT value::bigint FROM player_stats WHERE stat = 'passer_yards'") == 60);
  CHECK(f.count("SELECT value::bigint FROM player_stats WHERE stat = 'rusher_yards'") == 12);
  CHECK(f.count("SELECT value::bigint FROM player_stats WHERE player_id = 'CHI-LB1'"
                " AND stat = 'tackler_plays'") == 1);
  CHECK(f.count("SELECT count(*) FROM player_stats") == 3);
  // The same numbers as a recount of the stored plays.
  CHECK(f.count("SELECT sum(yards) FROM plays WHERE stats->'players'->0->>'role' = 'passer'") ==
        60);
}

TEST_CASE("storage writes injuries, weather and sync-log rows", "[storage]") {
  test::test_database db;
  if (!db.available())
    return;
  storage_fixture f{db.url()};
  store_batch b;
  b.games.push_back(game(0));
  b.injuries.push_back({"ATL", "4426502", "Drake London", "WR", "Questionable", "Knee", ""});
  b.injury_games.push_back("401547417");
  b.weather.push_back(weather_entry{"401547417", {1700000000, 21.5, 3.0, 0.0, 40, "clear sky"}});
  b.sync.push_back(sync_entry{"espn.scoreboard", 1700000000000, 12.0, "ok", 16, ""});
  f.store(b);
  b.injuries[0].status = "Out";
  b.sync.clear();
  f.store(b);
  f.flush();
  CHECK(f.count("SELECT count(*) FROM injuries WHERE status = 'Out'") == 1);
  CHECK(f.count("SELECT count(*) FROM injuries") == 1);
  CHECK(f.count("SELECT count(*) FROM weather") == 1);
  CHECK(f.count("SELECT count(*) FROM sync_log WHERE source = 'espn.scoreboard' AND items = 16") ==
        1);
}

TEST_CASE("sync_log rows older than storage.sync_log_days are deleted on a timer", "[storage]") {
  test::test_database db;
  if (!db.available())
    return;
  storage_fixture f{db.url(), 100000, 2};
  {
    pqxx::connection c{db.url()};
    pqxx::work tx{c};
    // 25,000 old rows (more than one delete chunk) and two recent ones.
    tx.exec("INSERT INTO sync_log (source, started_at, duration_ms, status)"
            " SELECT 'scoreboard', now() - interval '3 days' - i * interval '1 second', 1, 'ok'"
            " FROM generate_series(1, 25000) i");
    tx.exec("INSERT INTO sync_log (source, started_at, duration_ms, status) VALUES"
            " ('scoreboard', now() - interval '1 day', 1, 'ok'), ('markets', now(), 1, 'ok')");
    tx.commit();
  }
  for (int i = 0; i < 100 && f.count("SELECT count(*) FROM sync_log") != 2; ++i)
    std::this_thread::sleep_for(100ms);
  CHECK(f.count("SELECT count(*) FROM sync_log") == 2);
  CHECK(f.count("SELECT count(*) FROM sync_log WHERE started_at < now() - interval '2 days'") == 0);
  CHECK_THAT(f.metrics->serialize(),
             Catch::Contains("playclock_storage_pruned_rows_total{table=\"sync_log\"} 25000"));
}

TEST_CASE("storage flushes what it holds when it is shut down", "[storage]") {
  test::test_database db;
  if (!db.available())
    return;
  auto f = std::make_unique<storage_fixture>(db.url());
  auto url = f->url;
  f->store(batch_with_plays(3, {1, 2, 3, 4}));
  f.reset(); // user_shutdown, then waits for the actor to finish
  pqxx::connection c{url};
  pqxx::nontransaction tx{c};
  CHECK(tx.exec1("SELECT count(*) FROM plays")[0].as<int>() == 4);
}

TEST_CASE("a restarted game actor's load sees rows still in the buffer", "[storage]") {
  test::test_database db;
  if (!db.available())
    return;
  storage_fixture f{db.url()};
  f.store(batch_with_plays(3, {5, 6}));
  caf::scoped_actor self{*f.sys};
  game_record rec;
  self->request(f.storage, 10s, load_atom::value, std::string{"401547417"})
      .receive([&](game_record& r) { rec = std::move(r); },
               [&](caf::error& e) { FAIL(f.sys->render(e)); });
  CHECK(rec.found);
  CHECK(rec.game.home.abbreviation == "ATL");
  CHECK(rec.play_ids.size() == 2);
  CHECK(rec.recent_plays.size() == 2);
  CHECK(rec.recent_plays.back().sequence == 6);
}

TEST_CASE("rows accepted while PostgreSQL is down are written once it is back", "[storage]") {
  test::pg_instance pg;
  if (!pg.available())
    return;
  storage_fixture f{pg.url(), 150};
  pg.stop();
  // Accepted (buffered) although nothing can be written now.
  CHECK(f.store(batch_with_plays(3, {1, 2})) == 3);
  // Over max_buffered: the reply waits until a flush makes room.
  store_batch big = batch_with_plays(3, {});
  for (int i = 10; i < 170; ++i)
    big.plays.push_back(play(i, 1));
  caf::scoped_actor self{*f.sys};
  bool held_back = false;
  self->request(f.storage, 1s, store_atom::value, big)
      .receive([](std::int32_t) {},
               [&](caf::error& e) { held_back = e == caf::sec::request_timeout; });
  CHECK(held_back);
  pg.start();
  f.flush();
  CHECK(f.count("SELECT count(*) FROM plays") == 162);
  CHECK_THAT(f.metrics->serialize(),
             Catch::Contains("playclock_storage_backpressure_waits_total 1"));
}
