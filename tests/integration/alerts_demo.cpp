// The issue's "done when", end to end: a real node on the simulated league
// and its markets, a tenant with webhook rules, and a real webhook receiver
// (playclock-sink) that refuses every alert once and rate-limits some
// requests. Score and correlation alerts arrive, cooldowns and the daily
// limit suppress the rest (and the alerts API says why), and the failing
// target loses no alert and gets none twice.

#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include <pqxx/pqxx>

#include "adapters/http/client.hpp"
#include "tests/integration/node_process.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

struct sink {
  explicit sink(std::vector<std::string> args) {
    port = test::free_port();
    args.insert(args.begin(), {"--listen", "127.0.0.1:" + std::to_string(port), "--quiet"});
    proc = std::make_unique<test::child_process>(PLAYCLOCK_SINK_PATH, args);
    REQUIRE(test::wait_until(
        [&] {
          return proc->output().find("listening on") != std::string::npos || !proc->running();
        },
        10s));
    REQUIRE(proc->running());
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port) + "/hook"; }
  std::string received() const {
    http::client_request req;
    req.url = "http://127.0.0.1:" + std::to_string(port) + "/received";
    auto got = http::fetch(req);
    REQUIRE(std::holds_alternative<http::client_response>(got));
    return std::get<http::client_response>(got).body;
  }
  std::uint16_t port = 0;
  std::unique_ptr<test::child_process> proc;
};

long count(const std::string& url, const std::string& sql) {
  pqxx::connection c{url};
  pqxx::nontransaction tx{c};
  return tx.exec1(sql)[0].as<long>();
}

} // namespace

TEST_CASE("a tenant's webhook gets score and correlation alerts; the rest is suppressed with a "
          "reason; a failing target loses none and gets none twice",
          "[integration][alerts]") {
  test::test_database db;
  if (!db.available())
    return;
  sink target{{"--fail-first", "1", "--rate-limit-every", "7"}};
  test::node_process node{
      db.url(),
      {{"PLAYCLOCK_TENANTS",
        R"([{"id":"acme","daily_alert_limit":12,"token":"acme-token-for-tests"}])"},
       {"PLAYCLOCK_SOURCES__SIMULATED__PREGAME_S", "1"},
       {"PLAYCLOCK_SOURCES__SIMULATED__SPEED", "200"},
       {"PLAYCLOCK_SOURCES__ESPN__SCOREBOARD_INTERVAL_S", "1"},
       {"PLAYCLOCK_SOURCES__KALSHI__INTERVAL_S", "1"},
       {"PLAYCLOCK_CORRELATION__DELAY_MS", "1500"},
       {"PLAYCLOCK_ALERTS__BACKOFF_INITIAL_MS", "50"},
       {"PLAYCLOCK_ALERTS__BACKOFF_MAX_MS", "1000"}}};
  REQUIRE(node.wait_ready());
  node.use_token("acme-token-for-tests");
  auto score = node.request("POST", "/api/tenants/acme/alert-rules",
                            R"({"type":"score","channel":"webhook","target":")" + target.url() +
                                R"(","cooldown_s":3600})");
  REQUIRE(score);
  REQUIRE(score->status == 201);
  auto corr = node.request("POST", "/api/tenants/acme/alert-rules",
                           R"({"type":"correlation","channel":"webhook","target":")" +
                               target.url() + R"(","cooldown_s":0})");
  REQUIRE(corr);
  REQUIRE(corr->status == 201);

  const auto& url = db.url();
  auto sent_of = [&](const char* type) {
    return count(url, std::string{"SELECT count(*) FROM alerts WHERE tenant_id = 'acme' AND "
                                  "status = 'sent' AND alert_type = '"} +
                          type + "'");
  };
  // Both kinds arrive, then the day's limit of 12 is reached and the rest is
  // suppressed; games score again within the hour: cooldowns suppress too.
  REQUIRE(test::wait_until(
      [&] {
        return sent_of("score") > 0 && sent_of("correlation") > 0 &&
               count(url, "SELECT count(*) FROM alerts WHERE reason = 'daily_limit'") > 0 &&
               count(url, "SELECT count(*) FROM alerts WHERE reason = 'cooldown'") > 0;
      },
      150s, 500ms));
  // Everything decided to go out went out: nothing stays pending or failed.
  REQUIRE(test::wait_until(
      [&] { return count(url, "SELECT count(*) FROM alerts WHERE status = 'pending'") == 0; }, 30s,
      200ms));
  CHECK(count(url, "SELECT count(*) FROM alerts WHERE status = 'failed'") == 0);
  auto sent = count(url, "SELECT count(*) FROM alerts WHERE status = 'sent'");
  CHECK(sent == 12);
  // Each was refused once before it was accepted, and the history shows it.
  CHECK(count(url, "SELECT count(*) FROM alerts WHERE status = 'sent' AND attempts < 2") == 0);
  CHECK(count(url, "SELECT count(DISTINCT h.alert_id) FROM alert_history h JOIN alerts a USING "
                   "(alert_id) WHERE a.status = 'sent' AND h.status = 'retry'") == sent);

  // The receiver saw each alert accepted exactly once.
  auto got = target.received();
  INFO(got);
  CHECK(got.find("\"duplicates\":0") != std::string::npos);
  CHECK(got.find("\"alerts\":" + std::to_string(sent) + ",") != std::string::npos);

  // The alerts API says why the others were held back.
  auto limited = node.get("/api/tenants/acme/alerts?status=suppressed&limit=500");
  REQUIRE(limited);
  REQUIRE(limited->status == 200);
  CHECK(limited->body.find(R"("reason" : "daily_limit")") != std::string::npos);
  CHECK(limited->body.find(R"("reason" : "cooldown")") != std::string::npos);
  auto delivered = node.get("/api/tenants/acme/alerts?status=sent&limit=1");
  REQUIRE(delivered);
  CHECK(delivered->body.find(R"("status" : "sent")") != std::string::npos);
  auto metrics = node.get("/metrics");
  REQUIRE(metrics);
  CHECK(test::metric_value(
            metrics->body,
            R"(playclock_notifier_deliveries_total{channel="webhook",outcome="sent"})") ==
        static_cast<double>(sent));
}
