#include <catch2/catch.hpp>

#include <string>
#include <thread>

#include <caf/actor_cast.hpp>
#include <pqxx/pqxx>

#include "tests/actors/alert_fixture.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;
using alerts::alert_type;
using alerts::channel;

namespace {

// Store, hub and the log notifier: what every router test needs.
struct router_env {
  explicit router_env(const std::string& url,
                      std::vector<config::tenant_setting> tenants = {{"acme", "Acme", 100, ""}})
      : f{url, std::move(tenants)} {
    f.start_store();
    f.start_hub();
    f.start_notifier(f.notifier(channel::log));
  }

  // Starts the router and waits until it has subscribed and loaded.
  alert_router_actor router() {
    auto r = f.start_router();
    ready(r);
    return r;
  }

  // A reply means the router's init ran: its subscriptions are in the hub's
  // mailbox before anything published after this (events that arrive before
  // its bootstrap wait for it).
  void ready(const alert_router_actor& r) { f.ask<std::int64_t>(r, get_atom::value); }

  long alerts(const std::string& where = "true") {
    return f.count("SELECT count(*) FROM alerts WHERE " + where);
  }

  test::alerts_fixture f;
};

// Inserts into alerts wait behind it while it is held, so the router's
// writes in flight pile up where they can be counted (inserts_waiting).
struct alerts_lock {
  explicit alerts_lock(const std::string& url) : conn{url}, tx{conn} {
    tx.exec("LOCK TABLE alerts IN SHARE MODE");
  }
  void commit() { tx.commit(); }
  pqxx::connection conn;
  pqxx::work tx;
};

const std::string inserts_waiting =
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
    " AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO alerts (alert_id%'";

} // namespace

TEST_CASE("a score event becomes an alert that the log notifier delivers", "[alerts][router]") {
  test::test_database db;
  if (!db.available())
    return;
  router_env env{db.url()};
  env.f.add_rule(test::make_rule(alert_type::score, channel::log, "ops"));
  auto router = env.router();
  env.f.publish("games", test::make_score("g1", "KC", 17, 21));
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts WHERE status = 'sent'", 1));
  CHECK(env.f.value("SELECT message FROM alerts") ==
        "Chiefs 21 @ Bills 17 - Chiefs score 7 points! Q3 8:24");
  CHECK(env.f.value("SELECT alert_key FROM alerts") == "g1:KC");
  CHECK(env.f.value("SELECT string_agg(status, ',' ORDER BY at, id) FROM alert_history") ==
        "pending,sent");
  CHECK(env.f.ask<std::int64_t>(router, get_atom::value) == 1);
}

TEST_CASE("a second score of the same team within the cooldown is suppressed", "[alerts][router]") {
  test::test_database db;
  if (!db.available())
    return;
  router_env env{db.url()};
  env.f.add_rule(test::make_rule(alert_type::score, channel::log, "ops", 300));
  env.router();
  env.f.publish("games", test::make_score("g1", "KC", 0, 7));
  env.f.publish("games", test::make_score("g1", "KC", 0, 14));
  // The other team's score has its own key: not in cooldown.
  env.f.publish("games", test::make_score("g1", "BUF", 7, 14));
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts", 3));
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts WHERE status = 'sent'", 2));
  CHECK(env.alerts("status = 'suppressed' AND reason = 'cooldown' AND alert_key = 'g1:KC'") == 1);
  // A suppression is recorded once, in its alerts row, and never sent.
  CHECK(env.f.count("SELECT count(*) FROM alert_history h JOIN alerts a USING (alert_id)"
                    " WHERE a.status = 'suppressed'") == 0);
}

TEST_CASE("the daily limit suppresses normal alerts and high priority bypasses it",
          "[alerts][router]") {
  test::test_database db;
  if (!db.available())
    return;
  router_env env{db.url(), {{"acme", "Acme", 2, ""}}};
  env.f.add_rule(test::make_rule(alert_type::score, channel::log, "normal", 0));
  env.router();
  for (int i = 1; i <= 3; ++i)
    env.f.publish("games", test::make_score("g1", "KC", 0, 7 * i));
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts", 3));
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts WHERE status = 'sent'", 2));
  CHECK(env.alerts("status = 'suppressed' AND reason = 'daily_limit'") == 1);

  // A high-priority rule added through the router takes effect at once.
  auto router = env.f.names->get_as<alert_router_actor>("node/alert_router");
  auto high = env.f.ask<alerts::rule>(
      router, rules_atom::value,
      test::make_rule(alert_type::score, channel::log, "urgent", 0, alerts::priority::high));
  CHECK(high.id > 0);
  env.f.publish("games", test::make_score("g1", "KC", 0, 28));
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts", 5));
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts WHERE status = 'sent'", 3));
  CHECK(env.alerts("status = 'sent' AND target = 'urgent' AND priority = 'high'") == 1);
  CHECK(env.alerts("status = 'suppressed' AND reason = 'daily_limit'") == 2);
}

TEST_CASE("a replayed event is not alerted twice, not even after a router restart",
          "[alerts][router]") {
  test::test_database db;
  if (!db.available())
    return;
  router_env env{db.url()};
  test::script_receiver hook{{{200, "{}", {}}}};
  env.f.start_notifier(env.f.notifier(channel::webhook));
  env.f.add_rule(test::make_rule(alert_type::score, channel::webhook, hook.url(), 0));
  auto router = env.router();
  auto ev = test::make_score("g1", "KC", 3, 7);
  env.f.publish("games", ev);
  env.f.publish("games", ev);
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts WHERE status = 'sent'", 1));
  env.f.kill(caf::actor_cast<caf::actor>(router), "node/alert_router");
  env.router();
  env.f.publish("games", ev);
  std::this_thread::sleep_for(500ms);
  CHECK(env.alerts() == 1);
  CHECK(hook.total() == 1);
}

TEST_CASE("a restarted router restores cooldowns from the database", "[alerts][router]") {
  test::test_database db;
  if (!db.available())
    return;
  router_env env{db.url()};
  env.f.add_rule(test::make_rule(alert_type::score, channel::log, "ops", 300));
  auto router = env.router();
  env.f.publish("games", test::make_score("g1", "KC", 0, 7));
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts WHERE status = 'sent'", 1));
  env.f.kill(caf::actor_cast<caf::actor>(router), "node/alert_router");
  env.router();
  env.f.publish("games", test::make_score("g1", "KC", 0, 14));
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts", 2));
  CHECK(env.alerts("status = 'suppressed' AND reason = 'cooldown'") == 1);
}

TEST_CASE("a deleted rule stops alerting and other events are ignored", "[alerts][router]") {
  test::test_database db;
  if (!db.available())
    return;
  router_env env{db.url()};
  auto router = env.router();
  auto rule = env.f.ask<alerts::rule>(router, rules_atom::value,
                                      test::make_rule(alert_type::score, channel::log, "ops", 0));
  env.f.publish("games", game_state_changed{"g1", sports::game_state::pre, sports::game_state::in});
  env.f.publish("markets", market_listed{"T1", "title", {}});
  env.f.publish("games", test::make_score("g1", "KC", 0, 7));
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts WHERE status = 'sent'", 1));
  CHECK(env.f.ask<bool>(router, delete_atom::value, std::string{"acme"}, rule.id));
  CHECK_FALSE(env.f.ask<bool>(router, delete_atom::value, std::string{"acme"}, rule.id));
  env.f.publish("games", test::make_score("g1", "KC", 0, 14));
  std::this_thread::sleep_for(300ms);
  CHECK(env.alerts() == 1);
  CHECK(env.f.ask<std::int64_t>(router, get_atom::value) == 1);
}

TEST_CASE("the router re-subscribes when the hub restarts", "[alerts][router]") {
  test::test_database db;
  if (!db.available())
    return;
  router_env env{db.url()};
  env.f.add_rule(test::make_rule(alert_type::score, channel::log, "ops", 0));
  env.router();
  env.f.kill(caf::actor_cast<caf::actor>(env.f.hub_), "node/events");
  env.f.start_hub();
  // The router checks the registry every tick (100 ms here).
  std::this_thread::sleep_for(400ms);
  env.f.publish("games", test::make_score("g1", "KC", 0, 7));
  CHECK(env.f.wait_count("SELECT count(*) FROM alerts WHERE status = 'sent'", 1));
}

TEST_CASE("market and injury events become alerts of their types", "[alerts][router]") {
  test::test_database db;
  if (!db.available())
    return;
  router_env env{db.url()};
  env.f.add_rule(test::make_rule(alert_type::price_spike, channel::log, "ops", 0));
  env.f.add_rule(test::make_rule(alert_type::injury, channel::log, "ops", 0));
  env.f.add_rule(test::make_rule(alert_type::big_play, channel::log, "ops", 0));
  env.router();
  price_moved spike;
  spike.ticker = "KXNFLGAME-25SEP07KCBUF-KC";
  spike.link = {"g1", "KC", false};
  spike.before = 0.42;
  spike.after = 0.55;
  spike.points = 13;
  spike.observed_at_ms = 1'700'000'000'000;
  env.f.publish("markets", spike);
  injury_reported out;
  out.game_id = "g1";
  out.injury.team = "BUF";
  out.injury.player_id = "42";
  out.injury.player_name = "S.Diggs";
  out.injury.status = "Out";
  env.f.publish("games", out);
  auto questionable = out;
  questionable.injury.player_id = "43";
  questionable.injury.status = "Questionable";
  env.f.publish("games", questionable);
  play_added play;
  play.game_id = "g1";
  play.home = "BUF";
  play.away = "KC";
  play.play.id = "p1";
  play.play.team = "KC";
  play.play.yards = 45;
  play.play.text = "P.Mahomes pass deep right to T.Kelce";
  play.tags = {"big_play"};
  env.f.publish("games", play);
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts WHERE status = 'sent'", 3));
  CHECK(env.alerts("alert_type = 'price_spike' AND alert_key = 'KXNFLGAME-25SEP07KCBUF-KC'") == 1);
  CHECK(env.alerts("alert_type = 'injury' AND alert_key = 'BUF:42'") == 1);
  CHECK(env.alerts("alert_type = 'big_play'") == 1);
}

TEST_CASE("the router keeps as many decision writes in flight as it is allowed",
          "[alerts][router]") {
  test::test_database db;
  if (!db.available())
    return;
  // The store has two workers, so either limit could be exceeded.
  const std::size_t limit = GENERATE(1, 2);
  INFO("max_writes_in_flight " << limit);
  router_env env{db.url()};
  env.f.add_rule(test::make_rule(alert_type::score, channel::log, "ops", 0));
  alert_router_config cfg;
  cfg.flush_batch = 1; // every decision is a write of its own
  cfg.max_writes_in_flight = limit;
  env.ready(env.f.start_router(cfg));
  alerts_lock lock{db.url()};
  for (int i = 1; i <= 5; ++i)
    env.f.publish("games", test::make_score("g1", "KC", 0, 7 * i));
  REQUIRE(env.f.wait_count(inserts_waiting, static_cast<long>(limit)));
  std::this_thread::sleep_for(300ms); // one more would have started by now
  CHECK(env.f.count(inserts_waiting) == static_cast<long>(limit));
  lock.commit();
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts WHERE status = 'sent'", 5));
}

TEST_CASE("with no flush interval, decisions made during a write form the next batch",
          "[alerts][router]") {
  test::test_database db;
  if (!db.available())
    return;
  router_env env{db.url()};
  env.f.add_rule(test::make_rule(alert_type::score, channel::log, "ops", 0));
  alert_router_config cfg;
  cfg.flush_interval = 0ms; // no timer: only the write's reply starts the next
  cfg.max_writes_in_flight = 1;
  env.ready(env.f.start_router(cfg));
  alerts_lock lock{db.url()};
  env.f.publish("games", test::make_score("g1", "KC", 0, 7));
  REQUIRE(env.f.wait_count(inserts_waiting, 1));
  for (int i = 2; i <= 5; ++i)
    env.f.publish("games", test::make_score("g1", "KC", 0, 7 * i));
  std::this_thread::sleep_for(300ms);
  CHECK(env.f.count(inserts_waiting) == 1);
  lock.commit();
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts WHERE status = 'sent'", 5));
  // A statement's rows share its transaction's now(): two writes in all.
  CHECK(env.f.count("SELECT count(DISTINCT created_at) FROM alerts") == 2);
}

TEST_CASE("a decision waits for the flush interval only while a write is in flight",
          "[alerts][router]") {
  test::test_database db;
  if (!db.available())
    return;
  const auto interval = GENERATE(0min, 10min);
  INFO("flush_interval " << interval.count() << " min");
  router_env env{db.url()};
  env.f.add_rule(test::make_rule(alert_type::score, channel::log, "ops", 0));
  alert_router_config cfg;
  cfg.flush_interval = interval;
  cfg.max_writes_in_flight = 2;
  env.ready(env.f.start_router(cfg));
  alerts_lock lock{db.url()};
  // Nothing in flight: written at once, whatever the interval.
  env.f.publish("games", test::make_score("g1", "KC", 0, 7));
  REQUIRE(env.f.wait_count(inserts_waiting, 1));
  // One write in flight: the second free write is taken only with no interval.
  env.f.publish("games", test::make_score("g1", "KC", 0, 14));
  const long expected = interval.count() == 0 ? 2 : 1;
  if (expected == 2)
    REQUIRE(env.f.wait_count(inserts_waiting, 2));
  std::this_thread::sleep_for(300ms);
  CHECK(env.f.count(inserts_waiting) == expected);
  // The reply of the first write leaves none in flight: the second goes.
  lock.commit();
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts WHERE status = 'sent'", 2));
}
