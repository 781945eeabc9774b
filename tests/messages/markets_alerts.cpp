#include <catch2/catch.hpp>

#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/message.hpp>

#include "messages/alerts.hpp"
#include "messages/markets.hpp"
#include "messages/registration.hpp"
#include "tests/messages/serialize_roundtrip.hpp"

using namespace playclock;

using test::roundtrip;

namespace {

markets::market quoted_market() {
  markets::market m;
  m.ticker = "KXNFLGAME-26JAN12HOUPIT-PIT";
  m.event_ticker = "KXNFLGAME-26JAN12HOUPIT";
  m.title = "Houston at Pittsburgh Winner?";
  m.yes_sub_title = "Pittsburgh";
  m.status = "active";
  m.yes_bid = 0.41;
  m.yes_ask = 0.43;
  m.last_price = 0.42;
  m.volume = 1234.5;
  m.close_time = "2026-01-13T04:15:00Z";
  return m;
}

} // namespace

TEST_CASE("a market keeps its quotes and its missing quotes across the wire", "[messages]") {
  auto m = quoted_market();
  auto copy = roundtrip(market_update{m, market_link{"401", "PIT", true}, 1700000000123});
  CHECK(copy.market.ticker == m.ticker);
  CHECK(copy.market.yes_bid == m.yes_bid);
  CHECK(copy.market.yes_ask == m.yes_ask);
  CHECK(copy.market.last_price == m.last_price);
  CHECK_FALSE(copy.market.no_bid.has_value());
  CHECK_FALSE(copy.market.previous_price.has_value());
  CHECK(copy.market.volume == 1234.5);
  CHECK(copy.link.team == "PIT");
  CHECK(copy.link.home);
  CHECK(copy.observed_at_ms == 1700000000123);
}

TEST_CASE("market events and correlations survive serialization", "[messages]") {
  correlation_measured c;
  c.game_id = "401";
  c.play_id = "p1";
  c.play_text = "TOUCHDOWN";
  c.tags = {"touchdown"};
  c.ticker = "T";
  c.link = {"401", "KC", false};
  c.before = 0.4;
  c.after = 0.62;
  c.points = 22;
  c.impact = "extreme";
  c.captured_at_ms = 1;
  c.measured_at_ms = 5001;
  auto cc = roundtrip(c);
  CHECK(cc.tags == c.tags);
  CHECK(cc.points == 22);
  CHECK(cc.measured_at_ms == 5001);
  CHECK(cc.link.team == "KC");

  auto pm = roundtrip(price_moved{"T", "title", {"401", "KC", true}, 0.4, 0.55, 15, 5, 99});
  CHECK(pm.points == 15);
  CHECK(pm.observed_at_ms == 99);
  auto ed = roundtrip(edge_detected{"T", {"401", "KC", true}, 0.4, 0.6, 20, "nfl_wp", 1, 7});
  CHECK(ed.model == "nfl_wp");
  CHECK(ed.model_probability == 0.6);
  auto batch = roundtrip(market_batch{{market_snapshot{quoted_market(), {}, 3}}, {c}});
  CHECK(batch.snapshots.at(0).market.yes_ask == 0.43);
  CHECK(batch.correlations.at(0).play_id == "p1");
}

TEST_CASE("rules and alerts survive serialization, optional filters included", "[messages]") {
  alerts::rule r;
  r.id = 7;
  r.tenant = "acme";
  r.type = alerts::alert_type::correlation;
  r.via = alerts::channel::webhook;
  r.target = "http://127.0.0.1:9/hook";
  r.only.teams = {"KC"};
  r.only.min_impact = alerts::impact::high;
  r.cooldown_s = 60;
  r.level = alerts::priority::high;
  auto rc = roundtrip(r);
  CHECK(rc.type == alerts::alert_type::correlation);
  CHECK(rc.via == alerts::channel::webhook);
  REQUIRE(rc.only.min_impact.has_value());
  CHECK(*rc.only.min_impact == alerts::impact::high);
  CHECK(rc.level == alerts::priority::high);
  r.only.min_impact.reset();
  CHECK_FALSE(roundtrip(r).only.min_impact.has_value());

  alert_decision d;
  d.alert.id = "abc";
  d.alert.tenant = "acme";
  d.alert.message = "Chiefs 21 @ Bills 17";
  d.alert.detected_at_ms = 42;
  d.status = "suppressed";
  d.reason = "cooldown";
  auto dc = roundtrip(std::vector<alert_decision>{d});
  CHECK(dc.at(0).alert.message == d.alert.message);
  CHECK(dc.at(0).alert.detected_at_ms == 42);
  CHECK(dc.at(0).reason == "cooldown");
  auto rec = roundtrip(delivery_record{"abc", "acme", "retry", "HTTP 500", 2, 9});
  CHECK(rec.attempts == 2);
}
