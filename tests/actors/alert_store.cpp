#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include "tests/actors/alert_fixture.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;
using namespace std::chrono_literals;
using alerts::alert_type;
using alerts::channel;

namespace {

rapidjson::Document parse(const json_page& page) {
  rapidjson::Document doc;
  doc.Parse(page.body.c_str());
  INFO(page.body);
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  return doc;
}

std::string str(const rapidjson::Value& doc, const char* pointer) {
  auto* v = rapidjson::Pointer(pointer).Get(doc);
  return v != nullptr && v->IsString() ? v->GetString() : "<absent>";
}

std::vector<std::string> sorted(std::vector<std::string> xs) {
  std::sort(xs.begin(), xs.end());
  return xs;
}

} // namespace

TEST_CASE("the alert store inserts each decision once and replies with the new ids",
          "[alerts][store]") {
  test::test_database db;
  if (!db.available())
    return;
  test::alerts_fixture f{db.url()};
  auto store = f.start_store();
  std::vector<alert_decision> ds{test::make_decision("a1", "pending"),
                                 test::make_decision("a2", "suppressed"),
                                 test::make_decision("a1", "pending")};
  auto fresh = f.ask<std::vector<std::string>>(store, store_atom::value, make_decision_batch(ds));
  CHECK(sorted(fresh) == std::vector<std::string>{"a1", "a2"});
  CHECK(f.count("SELECT count(*) FROM alerts") == 2);
  CHECK(f.value("SELECT status || '/' || reason FROM alerts WHERE alert_id = 'a2'") ==
        "suppressed/cooldown");
  CHECK(f.value("SELECT detected_at IS NOT NULL FROM alerts WHERE alert_id = 'a1'") == "t");
  // Only the alert to send has a history row; a suppression is final.
  CHECK(f.value("SELECT string_agg(alert_id || ':' || status, ',') FROM alert_history") ==
        "a1:pending");

  ds.push_back(test::make_decision("a3", "pending"));
  fresh = f.ask<std::vector<std::string>>(store, store_atom::value, make_decision_batch(ds));
  CHECK(fresh == std::vector<std::string>{"a3"});
  CHECK(f.count("SELECT count(*) FROM alerts") == 3);
  CHECK(f.count("SELECT count(*) FROM alert_history") == 2);
}

TEST_CASE("the alert store keeps any text of a decision byte for byte", "[alerts][store]") {
  test::test_database db;
  if (!db.available())
    return;
  test::alerts_fixture f{db.url()};
  auto store = f.start_store();
  // COPY's own escapes (tab, newline, backslash, \N) must not leak into rows.
  const std::string hostile = "tab\there\nnew line \\ back\\N \"quoted\" \xc3\xa9 'q' \\.";
  auto d = test::make_decision("odd\tid", "suppressed");
  d.alert.message = hostile;
  d.alert.target = "\\N";
  d.alert.key = "k\r\n";
  d.reason = "cool\tdown";
  d.alert.payload_json = "not json";
  auto fresh = f.ask<std::vector<std::string>>(store, store_atom::value,
                                               make_decision_batch(std::vector<alert_decision>{d}));
  CHECK(fresh == std::vector<std::string>{"odd\tid"});
  CHECK(f.value("SELECT message FROM alerts") == hostile);
  CHECK(f.value("SELECT target || '|' || alert_key || '|' || reason FROM alerts") ==
        "\\N|k\r\n|cool\tdown");
  // A payload that is not a JSON object is stored as {} rather than failing the batch.
  CHECK(f.value("SELECT payload::text FROM alerts") == "{}");
}

TEST_CASE("only payloads that are one JSON object are stored; others become {}",
          "[alerts][store]") {
  test::test_database db;
  if (!db.available())
    return;
  test::alerts_fixture f{db.url()};
  auto store = f.start_store();
  const std::vector<std::pair<std::string, std::string>> cases{
      {" {\"a\": [1, {\"b\": \"\\u00e9\"}], \"c\": null} ", R"({"a": [1, {"b": "é"}], "c": null})"},
      {"[1, 2]", "{}"},
      {"{\"a\": 1} {\"b\": 2}", "{}"},
      {"{\"a\": ", "{}"},
      {"", "{}"},
      {"{\"a\": 1} trailing", "{}"},
  };
  std::vector<alert_decision> ds;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    auto d = test::make_decision("p" + std::to_string(i), "suppressed");
    d.alert.payload_json = cases[i].first;
    ds.push_back(d);
  }
  auto fresh = f.ask<std::vector<std::string>>(store, store_atom::value, make_decision_batch(ds));
  CHECK(fresh.size() == cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO("payload " << i << ": " << cases[i].first);
    CHECK(f.value("SELECT payload::text FROM alerts WHERE alert_id = 'p" + std::to_string(i) +
                  "'") == cases[i].second);
  }
}

TEST_CASE("delivery records update pending alerts and add one history row each",
          "[alerts][store]") {
  test::test_database db;
  if (!db.available())
    return;
  test::alerts_fixture f{db.url()};
  auto store = f.start_store();
  f.ask<std::vector<std::string>>(
      store, store_atom::value,
      make_decision_batch(std::vector<alert_decision>{test::make_decision("a1", "pending"),
                                                      test::make_decision("a2", "pending")}));
  auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  std::vector<delivery_record> rs{
      {"a1", "acme", "retry", "webhook: HTTP 429", 1, now_ms},
      {"a1", "acme", "sent", "", 2, now_ms + 1000},
      {"a2", "acme", "failed", "rejected: webhook: HTTP 400", 1, now_ms},
  };
  CHECK(f.ask<std::int32_t>(store, delivered_atom::value, rs) == 3);
  CHECK(f.value("SELECT status || '/' || attempts FROM alerts WHERE alert_id = 'a1'") == "sent/2");
  CHECK(f.value("SELECT sent_at IS NOT NULL FROM alerts WHERE alert_id = 'a1'") == "t");
  CHECK(f.value("SELECT status || '/' || reason FROM alerts WHERE alert_id = 'a2'") ==
        "failed/rejected: webhook: HTTP 400");
  CHECK(f.value("SELECT string_agg(status, ',' ORDER BY at, id) FROM alert_history"
                " WHERE alert_id = 'a1'") == "pending,retry,sent");

  SECTION("a record for an alert no longer pending changes nothing") {
    std::vector<delivery_record> late{{"a1", "acme", "failed", "late", 3, now_ms}};
    CHECK(f.ask<std::int32_t>(store, delivered_atom::value, late) == 0);
    CHECK(f.value("SELECT status FROM alerts WHERE alert_id = 'a1'") == "sent");
  }
  SECTION("a retry keeps the alert pending with its attempts") {
    f.ask<std::vector<std::string>>(
        store, store_atom::value,
        make_decision_batch(std::vector<alert_decision>{test::make_decision("a3", "pending")}));
    std::vector<delivery_record> retry{{"a3", "acme", "retry", "timeout", 1, now_ms}};
    CHECK(f.ask<std::int32_t>(store, delivered_atom::value, retry) == 1);
    CHECK(f.value("SELECT status || '/' || attempts FROM alerts WHERE alert_id = 'a3'") ==
          "pending/1");
  }
}

TEST_CASE("the bootstrap holds the rules, the last day's sent and pending alerts and the "
          "tenants' limits",
          "[alerts][store]") {
  test::test_database db;
  if (!db.available())
    return;
  test::alerts_fixture f{db.url(), {{"acme", "Acme", 7, ""}, {"beta", "", 100, ""}}};
  auto store = f.start_store();
  auto rule = f.add_rule(test::make_rule(alert_type::score, channel::log, "ops", 120));
  f.ask<std::vector<std::string>>(
      store, store_atom::value,
      make_decision_batch(std::vector<alert_decision>{
          test::make_decision("sent1", "pending"), test::make_decision("pend1", "pending"),
          test::make_decision("supp1", "suppressed"), test::make_decision("old1", "pending")}));
  f.exec("UPDATE alerts SET status = 'sent' WHERE alert_id = 'sent1'");
  f.exec("UPDATE alerts SET created_at = now() - interval '3 days' WHERE alert_id = 'old1'");
  auto b = f.ask<alert_bootstrap>(store, load_atom::value);
  REQUIRE(b.rules.size() == 1);
  CHECK(b.rules[0].id == rule.id);
  CHECK(b.rules[0].cooldown_s == 120);
  CHECK(b.rules[0].target == "ops");
  std::vector<std::string> recent;
  for (const auto& s : b.recent)
    recent.push_back(s.alert.id);
  CHECK(sorted(recent) == std::vector<std::string>{"pend1", "sent1"});
  CHECK(b.recent[0].sent_at_ms > 0);
  CHECK(b.tenants == std::vector<std::string>{"acme", "beta"});
  CHECK(b.daily_limits == std::vector<std::int32_t>{7, 100});
  CHECK(f.value("SELECT name FROM tenants WHERE tenant_id = 'acme'") == "Acme");
}

TEST_CASE("rules are created, listed and deleted per tenant; an unknown tenant is not found",
          "[alerts][store]") {
  test::test_database db;
  if (!db.available())
    return;
  test::alerts_fixture f{db.url()};
  auto store = f.start_store();
  auto r = test::make_rule(alert_type::big_play, channel::webhook, "https://example.com/h", 60,
                           alerts::priority::high);
  r.only.teams = {"KC"};
  auto stored = f.add_rule(r);
  CHECK(stored.id > 0);
  CHECK(stored.tenant == "acme");

  auto doc = parse(f.ask<json_page>(store, rules_atom::value, std::string{"acme"}));
  REQUIRE(doc["rules"].Size() == 1);
  CHECK(doc["rules"][0]["id"].GetInt64() == stored.id);
  CHECK(str(doc, "/rules/0/type") == "big_play");
  CHECK(str(doc, "/rules/0/channel") == "webhook");
  CHECK(str(doc, "/rules/0/priority") == "high");
  CHECK(str(doc, "/rules/0/filters/teams/0") == "KC");
  CHECK(doc["rules"][0]["cooldown_s"].GetInt() == 60);

  auto unknown = r;
  unknown.tenant = "nobody";
  auto err = f.ask_error<alerts::rule>(store, rules_atom::value, unknown);
  CHECK(err.category() == query_error_category);
  CHECK(err.code() == static_cast<std::uint8_t>(query_errc::not_found));
  CHECK_FALSE(f.ask<json_page>(store, rules_atom::value, std::string{"nobody"}).found);

  CHECK_FALSE(f.ask<bool>(store, delete_atom::value, std::string{"other"}, stored.id));
  CHECK(f.ask<bool>(store, delete_atom::value, std::string{"acme"}, stored.id));
  CHECK_FALSE(f.ask<bool>(store, delete_atom::value, std::string{"acme"}, stored.id));
  CHECK(parse(f.ask<json_page>(store, rules_atom::value, std::string{"acme"}))["rules"].Size() ==
        0);
}

TEST_CASE("alerts come newest first with their history, filtered by status and paged",
          "[alerts][store]") {
  test::test_database db;
  if (!db.available())
    return;
  test::alerts_fixture f{db.url()};
  auto store = f.start_store();
  for (int i = 0; i < 5; ++i) {
    auto status = i % 2 == 0 ? "pending" : "suppressed";
    f.ask<std::vector<std::string>>(store, store_atom::value,
                                    make_decision_batch(std::vector<alert_decision>{
                                        test::make_decision("x" + std::to_string(i), status)}));
  }
  auto page = [&](const std::string& status, int limit, const std::string& cursor) {
    return parse(f.ask<json_page>(store, alerts_query{"acme", status, limit, cursor}));
  };
  auto doc = page("", 50, "");
  REQUIRE(doc["alerts"].Size() == 5);
  CHECK(str(doc, "/alerts/0/id") == "x4");
  CHECK(str(doc, "/alerts/4/id") == "x0");
  CHECK(doc["next_cursor"].IsNull());
  const auto& a = doc["alerts"][1];
  for (auto key :
       {"id", "rule_id", "type", "key", "priority", "channel", "target", "message", "status",
        "reason", "attempts", "created_at", "detected_at", "sent_at", "history"})
    CHECK(a.HasMember(key));
  CHECK(str(doc, "/alerts/1/status") == "suppressed");
  CHECK(str(doc, "/alerts/1/reason") == "cooldown");
  CHECK(str(doc, "/alerts/1/history/0/status") == "suppressed");
  CHECK(doc["alerts"][1]["sent_at"].IsNull());

  CHECK(page("suppressed", 50, "")["alerts"].Size() == 2);

  std::vector<std::string> seen;
  std::string cursor;
  for (int pages = 0; pages < 10; ++pages) {
    auto p = page("", 2, cursor);
    for (const auto& x : p["alerts"].GetArray())
      seen.emplace_back(x["id"].GetString());
    if (p["next_cursor"].IsNull())
      break;
    cursor = p["next_cursor"].GetString();
  }
  CHECK(seen == std::vector<std::string>{"x4", "x3", "x2", "x1", "x0"});

  CHECK_FALSE(f.ask<json_page>(store, alerts_query{"nobody", "", 50, ""}).found);
  auto err = f.ask_error<json_page>(store, alerts_query{"acme", "", 50, "garbage!"});
  CHECK(err.code() == static_cast<std::uint8_t>(query_errc::malformed_cursor));
}

TEST_CASE("a channel's pending alerts load oldest first with their attempts", "[alerts][store]") {
  test::test_database db;
  if (!db.available())
    return;
  test::alerts_fixture f{db.url()};
  auto store = f.start_store();
  f.ask<std::vector<std::string>>(
      store, store_atom::value,
      make_decision_batch(std::vector<alert_decision>{
          test::make_decision("w1", "pending", channel::webhook, "u"),
          test::make_decision("w2", "pending", channel::webhook, "u"),
          test::make_decision("l1", "pending", channel::log, "ops"),
          test::make_decision("w3", "suppressed", channel::webhook, "u")}));
  f.exec("UPDATE alerts SET created_at = now() - interval '1 minute', attempts = 2"
         " WHERE alert_id = 'w2'");
  f.exec("UPDATE alerts SET status = 'sent' WHERE alert_id = 'w1'");
  auto ds = f.ask<std::vector<alert_delivery>>(store, load_atom::value, std::string{"webhook"});
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].alert.id == "w2");
  CHECK(ds[0].attempts == 2);
  CHECK(ds[0].alert.message == "message of w2");
  CHECK(ds[0].alert.payload_json.find("score") != std::string::npos);
  CHECK(ds[0].detected_at_ms > 0);
}
