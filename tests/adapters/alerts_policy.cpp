// alert_policy: duplicates, cooldowns, daily limits, restore after restart,
// forget_rule and bounded memory; alert ids.
#include <catch2/catch.hpp>

#include <deque>
#include <set>

#include "adapters/alerts/alert_id.hpp"
#include "adapters/alerts/policy.hpp"

using namespace playclock::alerts;
using std::chrono::seconds;

namespace {

using time_point = alert_policy::time_point;

// 2025-09-07 00:00:00 UTC.
constexpr std::int64_t day0 = 1757203200;

time_point at(std::int64_t unix_seconds) {
  return time_point{seconds{unix_seconds}};
}

rule score_rule(std::int64_t id, const std::string& tenant = "acme", int cooldown_s = 300) {
  rule r;
  r.id = id;
  r.tenant = tenant;
  r.type = alert_type::score;
  r.via = channel::telegram;
  r.target = "-100123";
  r.cooldown_s = cooldown_s;
  return r;
}

candidate score(const std::string& key, const std::string& event_id) {
  candidate c;
  c.type = alert_type::score;
  c.key = key;
  c.event_id = event_id;
  c.message = "Chiefs 21 @ Bills 17 - Chiefs score 7 points! Q3 8:24";
  c.payload_json = R"({"type":"score"})";
  return c;
}

bool sent(const decision& d) {
  return d.what == decision::kind::send && d.reason.empty();
}

std::string suppressed(const decision& d) {
  return d.what == decision::kind::suppress ? d.reason : "(sent)";
}

} // namespace

TEST_CASE("alert ids are stable 32-digit hex SHA-256 prefixes", "[alerts]") {
  // Pinned: computed independently (Python hashlib) from the documented encoding.
  CHECK(make_alert_id(42, alert_type::score, "401547417:KC", "play-77") ==
        "fc14e058a5e0feb17621f33221c99cb1");
  CHECK(make_alert_id(-1, alert_type::edge, "", "") == "0960c9505e323fdda0607e7fca606c0e");
  CHECK(make_alert_id(42, alert_type::score, "401547417:KC", "play-77") ==
        make_alert_id(42, alert_type::score, "401547417:KC", "play-77"));
}

TEST_CASE("alert ids differ in every component and cannot be shifted", "[alerts]") {
  auto base = make_alert_id(1, alert_type::score, "g:KC", "e1");
  CHECK(make_alert_id(2, alert_type::score, "g:KC", "e1") != base);
  CHECK(make_alert_id(1, alert_type::turnover, "g:KC", "e1") != base);
  CHECK(make_alert_id(1, alert_type::score, "g:BUF", "e1") != base);
  CHECK(make_alert_id(1, alert_type::score, "g:KC", "e2") != base);
  CHECK(make_alert_id(1, alert_type::score, "ab", "c") !=
        make_alert_id(1, alert_type::score, "a", "bc"));
  CHECK(make_alert_id(1, alert_type::score, "a,", "b") !=
        make_alert_id(1, alert_type::score, "a", ",b"));
  std::set<std::string> ids;
  for (int rule_id = 0; rule_id < 100; ++rule_id)
    for (int e = 0; e < 1000; ++e)
      ids.insert(make_alert_id(rule_id, alert_type::score, "g:KC", std::to_string(e)));
  CHECK(ids.size() == 100'000);
  for (char c : *ids.begin())
    CHECK(((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')));
}

TEST_CASE("alert id bytes decode hex ids and hash other text", "[alerts]") {
  auto bytes = alert_id_bytes("fc14e058a5e0feb17621f33221c99cb1");
  CHECK(bytes[0] == 0xfc);
  CHECK(bytes[15] == 0xb1);
  CHECK(alert_id_bytes("FC14E058A5E0FEB17621F33221C99CB1") == bytes);
  CHECK(alert_id_bytes("legacy-id-1") == alert_id_bytes("legacy-id-1"));
  CHECK(alert_id_bytes("legacy-id-1") != alert_id_bytes("legacy-id-2"));
  CHECK(alert_id_bytes("zz14e058a5e0feb17621f33221c99cb1") != bytes);
  CHECK(alert_id_digest(42, alert_type::score, "401547417:KC", "play-77") == bytes);
  CHECK(alert_id_hex(bytes) == "fc14e058a5e0feb17621f33221c99cb1");
}

TEST_CASE("a decision carries the alert built from the rule and the candidate", "[alerts]") {
  alert_policy policy;
  auto r = score_rule(7);
  auto c = score("g1:KC", "e1");
  auto d = policy.decide(r, c, at(day0));
  REQUIRE(sent(d));
  CHECK(d.a.id == make_alert_id(7, alert_type::score, "g1:KC", "e1"));
  CHECK(d.a.tenant == "acme");
  CHECK(d.a.rule_id == 7);
  CHECK(d.a.type == alert_type::score);
  CHECK(d.a.key == "g1:KC");
  CHECK(d.a.level == priority::normal);
  CHECK(d.a.via == channel::telegram);
  CHECK(d.a.target == "-100123");
  CHECK(d.a.message == c.message);
  CHECK(d.a.payload_json == c.payload_json);
}

TEST_CASE("an alert is high priority when the rule or the candidate is", "[alerts]") {
  auto r = score_rule(1);
  auto c = score("k", "e");
  CHECK(build_alert(r, c).level == priority::normal);
  c.urgency = priority::high;
  CHECK(build_alert(r, c).level == priority::high);
  c.urgency = priority::normal;
  r.level = priority::high;
  CHECK(build_alert(r, c).level == priority::high);
}

TEST_CASE("a cooldown suppresses the same key within the window and allows it after", "[alerts]") {
  alert_policy policy;
  auto r = score_rule(1);
  CHECK(sent(policy.decide(r, score("g1:KC", "e1"), at(day0))));
  CHECK(suppressed(policy.decide(r, score("g1:KC", "e2"), at(day0 + 1))) == "cooldown");
  CHECK(suppressed(policy.decide(r, score("g1:KC", "e3"), at(day0 + 299))) == "cooldown");
  CHECK(sent(policy.decide(r, score("g1:KC", "e4"), at(day0 + 300))));
  // The cooldown restarts at the last send, not at the suppressed ones.
  CHECK(suppressed(policy.decide(r, score("g1:KC", "e5"), at(day0 + 599))) == "cooldown");
  CHECK(sent(policy.decide(r, score("g1:KC", "e6"), at(day0 + 600))));
}

TEST_CASE("a cooldown leaves other keys, types and rules alone", "[alerts]") {
  alert_policy policy;
  auto r1 = score_rule(1);
  auto r2 = score_rule(2);
  CHECK(sent(policy.decide(r1, score("g1:KC", "e1"), at(day0))));
  CHECK(sent(policy.decide(r1, score("g1:BUF", "e2"), at(day0 + 1))));
  CHECK(sent(policy.decide(r1, score("g2:KC", "e3"), at(day0 + 2))));
  CHECK(sent(policy.decide(r2, score("g1:KC", "e1"), at(day0 + 3))));
  auto turnover = score("g1:KC", "e4");
  turnover.type = alert_type::turnover;
  CHECK(sent(policy.decide(r1, turnover, at(day0 + 4))));
  CHECK(suppressed(policy.decide(r1, score("g1:KC", "e5"), at(day0 + 5))) == "cooldown");
  CHECK(suppressed(policy.decide(r2, score("g1:KC", "e5"), at(day0 + 5))) == "cooldown");
}

TEST_CASE("a zero cooldown never suppresses", "[alerts]") {
  alert_policy policy;
  auto r = score_rule(1, "acme", 0);
  for (int i = 0; i < 20; ++i)
    CHECK(sent(policy.decide(r, score("g1:KC", "e" + std::to_string(i)), at(day0))));
  CHECK(policy.cooldown_entries() == 0);
}

TEST_CASE("the rule's current cooldown decides", "[alerts]") {
  alert_policy policy;
  auto r = score_rule(1, "acme", 600);
  CHECK(sent(policy.decide(r, score("k", "e1"), at(day0))));
  r.cooldown_s = 60;
  CHECK(sent(policy.decide(r, score("k", "e2"), at(day0 + 60))));
}

TEST_CASE("the daily limit suppresses the 101st normal alert of a tenant", "[alerts]") {
  alert_policy policy;
  auto r = score_rule(1, "acme", 0);
  for (int i = 0; i < 100; ++i) {
    INFO(i);
    REQUIRE(sent(policy.decide(r, score("k", "e" + std::to_string(i)), at(day0 + i))));
  }
  CHECK(policy.sent_today("acme", at(day0 + 100)) == 100);
  auto d = policy.decide(r, score("k", "e100"), at(day0 + 100));
  CHECK(suppressed(d) == "daily_limit");
  CHECK(d.a.id == make_alert_id(1, alert_type::score, "k", "e100"));
  CHECK(policy.sent_today("acme", at(day0 + 100)) == 100);
  // Other tenants have their own count.
  CHECK(sent(policy.decide(score_rule(2, "other", 0), score("k", "e100"), at(day0 + 101))));
  CHECK(policy.sent_today("other", at(day0 + 101)) == 1);
}

TEST_CASE("the daily limit is counted across the tenant's rules", "[alerts]") {
  alert_policy policy{3};
  CHECK(sent(policy.decide(score_rule(1), score("a", "e"), at(day0))));
  CHECK(sent(policy.decide(score_rule(2), score("a", "e"), at(day0))));
  CHECK(sent(policy.decide(score_rule(3), score("a", "e"), at(day0))));
  CHECK(suppressed(policy.decide(score_rule(4), score("a", "e"), at(day0))) == "daily_limit");
}

TEST_CASE("high priority bypasses the daily limit and does not count", "[alerts]") {
  alert_policy policy{2};
  auto normal = score_rule(1, "acme", 0);
  auto high = score_rule(2, "acme", 0);
  high.level = priority::high;
  CHECK(sent(policy.decide(normal, score("k", "e1"), at(day0))));
  CHECK(sent(policy.decide(normal, score("k", "e2"), at(day0))));
  CHECK(suppressed(policy.decide(normal, score("k", "e3"), at(day0))) == "daily_limit");
  for (int i = 0; i < 10; ++i)
    CHECK(sent(policy.decide(high, score("k", "h" + std::to_string(i)), at(day0))));
  auto urgent = score("k", "u1");
  urgent.urgency = priority::high;
  CHECK(sent(policy.decide(normal, urgent, at(day0))));
  CHECK(policy.sent_today("acme", at(day0)) == 2);
}

TEST_CASE("high priority still respects the cooldown", "[alerts]") {
  alert_policy policy;
  auto high = score_rule(1);
  high.level = priority::high;
  CHECK(sent(policy.decide(high, score("k", "e1"), at(day0))));
  CHECK(suppressed(policy.decide(high, score("k", "e2"), at(day0 + 10))) == "cooldown");
}

TEST_CASE("the daily limit resets at UTC midnight", "[alerts]") {
  alert_policy policy{1};
  auto r = score_rule(1, "acme", 0);
  CHECK(sent(policy.decide(r, score("k", "e1"), at(day0 + 3600))));
  CHECK(suppressed(policy.decide(r, score("k", "e2"), at(day0 + 86399))) == "daily_limit");
  CHECK(policy.sent_today("acme", at(day0 + 86400)) == 0);
  CHECK(sent(policy.decide(r, score("k", "e3"), at(day0 + 86400))));
  CHECK(suppressed(policy.decide(r, score("k", "e4"), at(day0 + 86401))) == "daily_limit");
}

TEST_CASE("tenant limits can be set, lifted and reset to the default", "[alerts]") {
  alert_policy policy{5};
  CHECK(policy.daily_limit("acme") == 5);
  policy.set_daily_limit("acme", 1);
  CHECK(policy.daily_limit("acme") == 1);
  CHECK(policy.daily_limit("other") == 5);
  auto r = score_rule(1, "acme", 0);
  CHECK(sent(policy.decide(r, score("k", "e1"), at(day0))));
  CHECK(suppressed(policy.decide(r, score("k", "e2"), at(day0))) == "daily_limit");
  policy.set_daily_limit("acme", -1);
  for (int i = 0; i < 20; ++i)
    CHECK(sent(policy.decide(r, score("k", "u" + std::to_string(i)), at(day0))));
  policy.set_daily_limit("acme", 0);
  CHECK(suppressed(policy.decide(r, score("k", "z"), at(day0 + 86400))) == "daily_limit");
  policy.clear_daily_limit("acme");
  CHECK(policy.daily_limit("acme") == 5);
  CHECK(sent(policy.decide(r, score("k", "y"), at(day0 + 86400))));
}

TEST_CASE("a suppressed alert starts no cooldown and uses no quota", "[alerts]") {
  alert_policy policy{0};
  auto r = score_rule(1);
  CHECK(suppressed(policy.decide(r, score("k", "e1"), at(day0))) == "daily_limit");
  CHECK(policy.cooldown_entries() == 0);
  policy.set_daily_limit("acme", 1);
  CHECK(sent(policy.decide(r, score("k", "e2"), at(day0 + 10))));
  CHECK(suppressed(policy.decide(r, score("k2", "e3"), at(day0 + 20))) == "daily_limit");
  // The daily_limit suppression of k2 did not arm k2's cooldown.
  policy.set_daily_limit("acme", 2);
  CHECK(sent(policy.decide(r, score("k2", "e4"), at(day0 + 30))));
}

TEST_CASE("a replayed event is suppressed as a duplicate", "[alerts]") {
  alert_policy policy;
  auto r = score_rule(1);
  CHECK(sent(policy.decide(r, score("k", "e1"), at(day0))));
  CHECK(suppressed(policy.decide(r, score("k", "e1"), at(day0 + 1))) == "duplicate");
  // Still a duplicate once the cooldown is over.
  CHECK(suppressed(policy.decide(r, score("k", "e1"), at(day0 + 3600))) == "duplicate");
  // A suppressed decision is remembered too.
  CHECK(suppressed(policy.decide(r, score("k", "e2"), at(day0 + 2))) == "cooldown");
  CHECK(suppressed(policy.decide(r, score("k", "e2"), at(day0 + 7200))) == "duplicate");
  // The same event for another rule is not a duplicate.
  CHECK(sent(policy.decide(score_rule(2), score("k", "e1"), at(day0 + 7200))));
}

TEST_CASE("the seen window is bounded by count and by age", "[alerts]") {
  alert_policy policy{-1, 3, std::chrono::hours{1}};
  auto r = score_rule(1, "acme", 0);
  CHECK(sent(policy.decide(r, score("k", "e0"), at(day0))));
  CHECK(sent(policy.decide(r, score("k", "e1"), at(day0))));
  CHECK(sent(policy.decide(r, score("k", "e2"), at(day0))));
  CHECK(suppressed(policy.decide(r, score("k", "e0"), at(day0))) == "duplicate");
  CHECK(sent(policy.decide(r, score("k", "e3"), at(day0))));
  CHECK(policy.seen_entries() == 3);
  CHECK(sent(policy.decide(r, score("k", "e0"), at(day0)))); // pushed out by e1..e3
  CHECK(suppressed(policy.decide(r, score("k", "e3"), at(day0 + 3599))) == "duplicate");
  CHECK(sent(policy.decide(r, score("k", "e3"), at(day0 + 3601)))); // aged out
}

TEST_CASE("restore_sent re-arms the cooldown after a restart", "[alerts]") {
  alert a;
  {
    alert_policy before;
    auto d = before.decide(score_rule(1), score("g1:KC", "e1"), at(day0));
    REQUIRE(sent(d));
    a = d.a;
  }
  alert_policy after;
  after.restore_sent(a, at(day0));
  auto r = score_rule(1);
  CHECK(suppressed(after.decide(r, score("g1:KC", "e1"), at(day0 + 60))) == "duplicate");
  CHECK(suppressed(after.decide(r, score("g1:KC", "e2"), at(day0 + 60))) == "cooldown");
  CHECK(sent(after.decide(r, score("g1:BUF", "e3"), at(day0 + 60))));
  CHECK(sent(after.decide(r, score("g1:KC", "e4"), at(day0 + 300))));
}

TEST_CASE("restore_sent counts toward the limit of the same UTC day only", "[alerts]") {
  alert_policy policy{2};
  auto r = score_rule(1, "acme", 0);
  auto yesterday = build_alert(r, score("k", "y1"));
  auto today1 = build_alert(r, score("k", "t1"));
  auto today2 = build_alert(r, score("k", "t2"));
  auto urgent = build_alert(r, score("k", "t3"));
  urgent.level = priority::high;
  policy.restore_sent(yesterday, at(day0 - 10));
  policy.restore_sent(today1, at(day0 + 10));
  policy.restore_sent(yesterday, at(day0 - 20)); // older than the day counted: ignored
  policy.restore_sent(urgent, at(day0 + 11));    // high: not counted
  CHECK(policy.sent_today("acme", at(day0 + 100)) == 1);
  policy.restore_sent(today2, at(day0 + 20));
  CHECK(policy.sent_today("acme", at(day0 + 100)) == 2);
  CHECK(suppressed(policy.decide(r, score("k", "n1"), at(day0 + 100))) == "daily_limit");
  CHECK(sent(policy.decide(r, score("k", "n1b"), at(day0 + 86400))));
}

TEST_CASE("restore_seen makes a replayed id a duplicate", "[alerts]") {
  alert_policy policy;
  auto r = score_rule(1);
  policy.restore_seen(make_alert_id(1, alert_type::score, "k", "e1"));
  policy.restore_seen(make_alert_id(1, alert_type::score, "k", "e2"), at(day0 - 100));
  CHECK(suppressed(policy.decide(r, score("k", "e1"), at(day0))) == "duplicate");
  CHECK(suppressed(policy.decide(r, score("k", "e2"), at(day0))) == "duplicate");
  CHECK(sent(policy.decide(r, score("k", "e3"), at(day0))));
  // Without a time the id counts as seen at the first decision: it ages out
  // a day later, like the others.
  CHECK(policy.seen_entries() == 3);
  policy.prune(at(day0 + 86400 + 1));
  CHECK(policy.seen_entries() == 0);
}

TEST_CASE("forget_rule drops the rule's cooldowns only", "[alerts]") {
  alert_policy policy;
  auto r1 = score_rule(1);
  auto r2 = score_rule(2);
  CHECK(sent(policy.decide(r1, score("a", "e1"), at(day0))));
  CHECK(sent(policy.decide(r1, score("b", "e1"), at(day0))));
  CHECK(sent(policy.decide(r2, score("a", "e1"), at(day0))));
  CHECK(policy.cooldown_entries() == 3);
  policy.forget_rule(1);
  CHECK(policy.cooldown_entries() == 1);
  CHECK(sent(policy.decide(r1, score("a", "e2"), at(day0 + 1))));
  CHECK(suppressed(policy.decide(r2, score("a", "e2"), at(day0 + 1))) == "cooldown");
  policy.forget_rule(99); // unknown: nothing happens
  CHECK(policy.cooldown_entries() == 2);
}

TEST_CASE("expired cooldowns and past days' counters are pruned", "[alerts]") {
  alert_policy policy;
  for (int i = 0; i < 50; ++i)
    CHECK(sent(policy.decide(score_rule(i, "t" + std::to_string(i % 5), 60), score("k", "e"),
                             at(day0 + 86000))));
  CHECK(policy.cooldown_entries() == 50);
  CHECK(policy.tenant_counters() == 5);
  policy.prune(at(day0 + 86059));
  CHECK(policy.cooldown_entries() == 50);
  CHECK(policy.tenant_counters() == 5);
  policy.prune(at(day0 + 86400));
  CHECK(policy.cooldown_entries() == 0);
  CHECK(policy.tenant_counters() == 0);
}

TEST_CASE("decisions prune expired cooldowns by themselves", "[alerts]") {
  alert_policy policy{-1};
  auto r = score_rule(1, "acme", 10);
  // 20,000 keys, each sent once, a second apart: at most ~10 are live.
  for (int i = 0; i < 20'000; ++i)
    REQUIRE(sent(policy.decide(r, score("k" + std::to_string(i), "e"), at(day0 + i))));
  CHECK(policy.cooldown_entries() < 4096 + 10);
  CHECK(policy.seen_entries() == 20'000);
}

TEST_CASE("the seen window forgets exactly the oldest ids", "[alerts]") {
  // Against a plain FIFO model: many inserts, replays and evictions.
  alert_policy policy{-1, 1000};
  auto r = score_rule(1, "acme", 0);
  std::deque<int> order;
  std::set<int> model;
  std::uint64_t x = 88172645463325252ULL;
  for (int i = 0; i < 50'000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    int event = static_cast<int>(x % 3000);
    auto d = policy.decide(r, score("k", std::to_string(event)), at(day0));
    bool expected_duplicate = model.count(event) != 0;
    if (!expected_duplicate) {
      model.insert(event);
      order.push_back(event);
      if (order.size() > 1000) {
        model.erase(order.front());
        order.pop_front();
      }
    }
    if (expected_duplicate != (suppressed(d) == "duplicate")) {
      FAIL("decision " << i << " for event " << event << ": " << suppressed(d));
    }
  }
  CHECK(policy.seen_entries() == 1000);
}
