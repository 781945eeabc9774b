#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>

#include <caf/send.hpp>

#include "tests/actors/alert_fixture.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;
using namespace std::chrono_literals;
using alerts::channel;

namespace {

// The store, a local Bot API and pending alerts handed to the notifier.
struct telegram_env {
  telegram_env(const std::string& url, std::vector<test::script_receiver::answer> script)
      : f{url}, api{std::move(script)} {
    f.start_store();
  }

  notifier_actor notifier(std::string token = "123456:ABC-test", double per_chat_per_s = 0) {
    auto nc = f.notifier(channel::telegram);
    nc.telegram.base_url = api.url("");
    nc.telegram.token = std::move(token);
    nc.rate_per_s = 30;
    nc.burst = 30;
    nc.per_target_per_s = per_chat_per_s;
    return f.start_notifier(nc);
  }

  alert_delivery pending(const std::string& id, const std::string& chat = "-100123") {
    auto d = test::make_decision(id, "pending", channel::telegram, chat);
    f.ask<std::vector<std::string>>(f.store, store_atom::value,
                                    make_decision_batch(std::vector<alert_decision>{d}));
    return alert_delivery{d.alert, d.detected_at_ms, 0};
  }

  std::string status(const std::string& id) {
    return f.value("SELECT status || '|' || attempts || '|' || reason FROM alerts"
                   " WHERE alert_id = '" +
                   id + "'");
  }

  bool wait_done(long n) {
    return f.wait_count("SELECT count(*) FROM alerts WHERE status <> 'pending'", n);
  }

  test::alerts_fixture f;
  test::script_receiver api;
};

const std::string ok = R"({"ok":true,"result":{"message_id":1}})";

} // namespace

TEST_CASE("a telegram alert goes to sendMessage in MarkdownV2 and is recorded as sent",
          "[alerts][notifier]") {
  test::test_database db;
  if (!db.available())
    return;
  telegram_env env{db.url(), {{200, ok, {}}}};
  auto n = env.notifier();
  caf::anon_send(n, send_atom::value, env.pending("t1"));
  REQUIRE(env.wait_done(1));
  CHECK(env.status("t1") == "sent|1|");
  auto reqs = env.api.requests();
  REQUIRE(reqs.size() == 1);
  CHECK(reqs[0].path == "/bot123456:ABC-test/sendMessage");
  CHECK_THAT(reqs[0].body, Catch::Contains(R"("chat_id":-100123)"));
  CHECK_THAT(reqs[0].body, Catch::Contains("MarkdownV2"));
  CHECK_THAT(reqs[0].body, Catch::Contains("message of t1"));
}

TEST_CASE("telegram's chat not found fails at once with the API's description",
          "[alerts][notifier]") {
  test::test_database db;
  if (!db.available())
    return;
  telegram_env env{
      db.url(),
      {{400, R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})", {}}}};
  auto n = env.notifier();
  caf::anon_send(n, send_atom::value, env.pending("t1"));
  REQUIRE(env.wait_done(1));
  CHECK(env.status("t1") == "failed|1|rejected: telegram: 400 Bad Request: chat not found");
  CHECK(env.api.total() == 1);
}

TEST_CASE("telegram's 429 retry_after is honoured", "[alerts][notifier]") {
  test::test_database db;
  if (!db.available())
    return;
  telegram_env env{
      db.url(),
      {{429,
        R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}})",
        {}},
       {200, ok, {}}}};
  auto n = env.notifier();
  auto start = std::chrono::steady_clock::now();
  caf::anon_send(n, send_atom::value, env.pending("t1"));
  REQUIRE(env.wait_done(1));
  CHECK(std::chrono::steady_clock::now() - start >= 1s);
  CHECK(env.status("t1") == "sent|2|");
  CHECK(env.api.total() == 2);
}

TEST_CASE("telegram without a token fails as not configured", "[alerts][notifier]") {
  test::test_database db;
  if (!db.available())
    return;
  telegram_env env{db.url(), {{200, ok, {}}}};
  auto n = env.notifier("");
  caf::anon_send(n, send_atom::value, env.pending("t1"));
  REQUIRE(env.wait_done(1));
  CHECK(env.status("t1") == "failed|1|telegram token not configured");
  CHECK(env.api.total() == 0);
}

TEST_CASE("telegram messages to one chat are paced by the per-chat limit", "[alerts][notifier]") {
  test::test_database db;
  if (!db.available())
    return;
  telegram_env env{db.url(), {{200, ok, {}}}};
  auto n = env.notifier("123456:ABC-test", 4);
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 3; ++i)
    caf::anon_send(n, send_atom::value, env.pending("c" + std::to_string(i)));
  // Another chat is not held back by the first one's pace.
  caf::anon_send(n, send_atom::value, env.pending("other", "-100999"));
  REQUIRE(env.wait_done(4));
  // Three to one chat at 4/s: the third goes 0.5 s after the first.
  CHECK(std::chrono::steady_clock::now() - start >= 450ms);
  CHECK(env.api.total() == 4);
}
