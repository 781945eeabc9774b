#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>

#include "actors/alerts/alert_metrics.hpp"
#include "adapters/notify/webhook.hpp"
#include "tests/actors/alert_fixture.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;
using namespace std::chrono_literals;
using alerts::channel;

namespace {

// The store, a webhook receiver and pending alerts handed to the notifier.
struct webhook_env {
  webhook_env(const std::string& url, std::vector<test::script_receiver::answer> script)
      : f{url}, hook{std::move(script)} {
    f.start_store();
  }

  notifier_actor notifier(int max_attempts = 3, std::chrono::milliseconds timeout = 2000ms) {
    auto nc = f.notifier(channel::webhook);
    nc.retry.max_attempts = max_attempts;
    nc.webhook.timeout = timeout;
    nc.metrics = make_alert_metrics(*f.metrics);
    return f.start_notifier(nc);
  }

  // Stores a pending alert and returns its delivery.
  alert_delivery pending(const std::string& id) {
    auto d = test::make_decision(id, "pending", channel::webhook, hook.url());
    f.ask<std::vector<std::string>>(f.store, store_atom::value,
                                    make_decision_batch(std::vector<alert_decision>{d}));
    return alert_delivery{d.alert, d.detected_at_ms, 0};
  }

  std::string status(const std::string& id) {
    return f.value("SELECT status || '|' || attempts || '|' || reason FROM alerts"
                   " WHERE alert_id = '" +
                   id + "'");
  }

  std::string history(const std::string& id) {
    return f.value("SELECT string_agg(status, ',' ORDER BY at, id) FROM alert_history"
                   " WHERE alert_id = '" +
                   id + "'");
  }

  bool wait_status(const std::string& id, const std::string& status,
                   std::chrono::milliseconds timeout = 10s) {
    return f.wait_count("SELECT count(*) FROM alerts WHERE alert_id = '" + id + "' AND status = '" +
                            status + "'",
                        1, timeout);
  }

  test::alerts_fixture f;
  test::script_receiver hook;
};

} // namespace

TEST_CASE("a webhook answered 200 is delivered once, signed, and recorded as sent",
          "[alerts][notifier]") {
  test::test_database db;
  if (!db.available())
    return;
  webhook_env env{db.url(), {{200, "{}", {}}}};
  auto n = env.notifier();
  auto d = env.pending("a1");
  caf::anon_send(n, send_atom::value, d);
  caf::anon_send(n, send_atom::value, d); // handed over twice: queued once
  REQUIRE(env.wait_status("a1", "sent"));
  std::this_thread::sleep_for(700ms); // a sweep has run meanwhile, too
  auto reqs = env.hook.requests();
  REQUIRE(reqs.size() == 1);
  CHECK(reqs[0].header("idempotency-key").value_or("") == "a1");
  CHECK(notify::verify_webhook_signature(
      "test-secret", reqs[0].header("x-playclock-timestamp").value_or(""), reqs[0].body,
      reqs[0].header("x-playclock-signature").value_or("")));
  CHECK(env.status("a1") == "sent|1|");
  CHECK(env.history("a1") == "pending,sent");
  CHECK(env.f.value("SELECT sent_at >= detected_at FROM alerts") == "t");
  auto metrics = env.f.metrics->serialize();
  CHECK_THAT(metrics,
             Catch::Contains(
                 R"(playclock_notifier_deliveries_total{channel="webhook",outcome="sent"} 1)"));
  CHECK_THAT(metrics,
             Catch::Contains(R"(playclock_alert_delivery_seconds_count{channel="webhook"} 1)"));
  CHECK(env.f.ask<std::int32_t>(n, get_atom::value) == 0);
}

TEST_CASE("a webhook answered 429 with Retry-After is retried after it and delivered once",
          "[alerts][notifier]") {
  test::test_database db;
  if (!db.available())
    return;
  webhook_env env{db.url(),
                  {{429, R"({"error":"slow down"})", {{"Retry-After", "1"}}}, {200, "{}", {}}}};
  auto n = env.notifier();
  auto start = std::chrono::steady_clock::now();
  caf::anon_send(n, send_atom::value, env.pending("a1"));
  REQUIRE(env.wait_status("a1", "sent"));
  CHECK(std::chrono::steady_clock::now() - start >= 1s);
  std::this_thread::sleep_for(300ms);
  CHECK(env.hook.per_key() == std::map<std::string, int>{{"a1", 2}});
  CHECK(env.status("a1") == "sent|2|");
  CHECK(env.history("a1") == "pending,retry,sent");
  CHECK_THAT(env.f.value("SELECT detail FROM alert_history WHERE status = 'retry'"),
             Catch::Contains("429"));
  CHECK_THAT(env.f.metrics->serialize(),
             Catch::Contains(R"(playclock_notifier_retries_total{channel="webhook"} 1)"));
}

TEST_CASE("a webhook that always fails with 500 is dead-lettered after max_attempts",
          "[alerts][notifier]") {
  test::test_database db;
  if (!db.available())
    return;
  webhook_env env{db.url(), {{500, "boom", {}}}};
  auto n = env.notifier(3);
  caf::anon_send(n, send_atom::value, env.pending("a1"));
  REQUIRE(env.wait_status("a1", "failed"));
  CHECK(env.hook.total() == 3);
  CHECK_THAT(env.status("a1"),
             Catch::StartsWith("failed|3|dead letter after 3 attempts: webhook: HTTP 500"));
  CHECK(env.history("a1") == "pending,retry,retry,failed");
}

TEST_CASE("a webhook answered 400 fails at once without a retry", "[alerts][notifier]") {
  test::test_database db;
  if (!db.available())
    return;
  webhook_env env{db.url(), {{400, R"({"error":"bad"})", {}}}};
  auto n = env.notifier();
  caf::anon_send(n, send_atom::value, env.pending("a1"));
  REQUIRE(env.wait_status("a1", "failed"));
  std::this_thread::sleep_for(300ms);
  CHECK(env.hook.total() == 1);
  CHECK_THAT(env.status("a1"), Catch::StartsWith("failed|1|rejected: webhook: HTTP 400"));
  CHECK(env.history("a1") == "pending,failed");
}

TEST_CASE("a webhook that never answers times out and is retried, then dead-lettered",
          "[alerts][notifier]") {
  test::test_database db;
  if (!db.available())
    return;
  webhook_env env{db.url(), {{200, "{}", {}}}};
  env.hook.hang(true);
  auto n = env.notifier(2, 300ms);
  caf::anon_send(n, send_atom::value, env.pending("a1"));
  REQUIRE(env.wait_status("a1", "failed"));
  CHECK(env.hook.total() == 2);
  CHECK_THAT(env.status("a1"), Catch::StartsWith("failed|2|dead letter after 2 attempts:"));
  CHECK_THAT(env.status("a1"), Catch::Contains("timeout"));
}

TEST_CASE("a restarted notifier delivers the pending alerts and never resends sent ones",
          "[alerts][notifier]") {
  test::test_database db;
  if (!db.available())
    return;
  webhook_env env{db.url(), {{200, "{}", {}}}};
  for (auto id : {"p1", "p2", "p3", "s1", "r1"})
    env.pending(id);
  env.f.exec("UPDATE alerts SET status = 'sent', sent_at = now() WHERE alert_id = 's1'");
  // r1 failed twice before the restart: one attempt is left of three.
  env.f.exec("UPDATE alerts SET attempts = 2 WHERE alert_id = 'r1'");
  auto n = env.notifier(3);
  REQUIRE(env.f.wait_count("SELECT count(*) FROM alerts WHERE status = 'sent'", 5));
  CHECK(env.status("r1") == "sent|3|");

  env.f.kill(caf::actor_cast<caf::actor>(n), "node/notifiers/webhook");
  env.notifier(3);
  std::this_thread::sleep_for(1200ms); // the start load and two sweeps
  CHECK(env.hook.per_key() ==
        std::map<std::string, int>{{"p1", 1}, {"p2", 1}, {"p3", 1}, {"r1", 1}});
}
