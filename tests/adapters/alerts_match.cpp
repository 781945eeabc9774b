// matches(): type, teams, games, markets and min_impact filters.
#include <catch2/catch.hpp>

#include "adapters/alerts/match.hpp"

using namespace playclock::alerts;

namespace {

rule rule_of(alert_type t) {
  rule r;
  r.id = 1;
  r.tenant = "acme";
  r.type = t;
  return r;
}

candidate spike(std::optional<impact> level) {
  candidate c;
  c.type = alert_type::price_spike;
  c.key = "KXNFLGAME-25SEP07KCBUF-KC";
  c.ticker = c.key;
  c.game_id = "401547417";
  c.teams = {"BUF", "KC"};
  c.level = level;
  return c;
}

} // namespace

TEST_CASE("a rule without filters matches every candidate of its type only", "[alerts]") {
  auto c = spike(impact::low);
  CHECK(matches(rule_of(alert_type::price_spike), c));
  for (auto t : all_alert_types())
    if (t != alert_type::price_spike)
      CHECK_FALSE(matches(rule_of(t), c));
}

TEST_CASE("a teams filter matches when any of the candidate's teams is listed", "[alerts]") {
  auto r = rule_of(alert_type::price_spike);
  auto c = spike(impact::low);
  r.only.teams = {"KC"};
  CHECK(matches(r, c));
  r.only.teams = {"SF", "BUF"};
  CHECK(matches(r, c));
  r.only.teams = {"SF", "DAL"};
  CHECK_FALSE(matches(r, c));
  r.only.teams = {"kc"};
  CHECK(matches(r, c)); // abbreviations compare case-insensitively
  c.teams.clear();
  CHECK_FALSE(matches(r, c));
}

TEST_CASE("a games filter matches the candidate's game id exactly", "[alerts]") {
  auto r = rule_of(alert_type::price_spike);
  auto c = spike(impact::low);
  r.only.games = {"1", "401547417"};
  CHECK(matches(r, c));
  r.only.games = {"40154741"};
  CHECK_FALSE(matches(r, c));
  c.game_id.clear();
  CHECK_FALSE(matches(r, c));
}

TEST_CASE("a markets filter matches the candidate's ticker", "[alerts]") {
  auto r = rule_of(alert_type::price_spike);
  auto c = spike(impact::low);
  r.only.markets = {"KXNFLGAME-25SEP07KCBUF-KC"};
  CHECK(matches(r, c));
  r.only.markets = {"kxnflgame-25sep07kcbuf-kc"};
  CHECK(matches(r, c));
  r.only.markets = {"KXNFLGAME-25SEP07KCBUF-BUF"};
  CHECK_FALSE(matches(r, c));
  c.ticker.clear();
  r.only.markets = {"KXNFLGAME-25SEP07KCBUF-KC"};
  CHECK_FALSE(matches(r, c));
}

TEST_CASE("min_impact lets through candidates at or above the level", "[alerts]") {
  auto r = rule_of(alert_type::price_spike);
  r.only.min_impact = impact::medium;
  CHECK_FALSE(matches(r, spike(impact::low)));
  CHECK(matches(r, spike(impact::medium)));
  CHECK(matches(r, spike(impact::high)));
  CHECK(matches(r, spike(impact::extreme)));
  r.only.min_impact = impact::extreme;
  CHECK_FALSE(matches(r, spike(impact::high)));
  CHECK(matches(r, spike(impact::extreme)));
}

TEST_CASE("a candidate without a level never passes a rule with min_impact", "[alerts]") {
  auto r = rule_of(alert_type::price_spike);
  CHECK(matches(r, spike(std::nullopt)));
  r.only.min_impact = impact::low;
  CHECK_FALSE(matches(r, spike(std::nullopt)));
}

TEST_CASE("every filter of a rule must pass", "[alerts]") {
  auto r = rule_of(alert_type::price_spike);
  r.only.teams = {"KC"};
  r.only.games = {"401547417"};
  r.only.markets = {"KXNFLGAME-25SEP07KCBUF-KC"};
  r.only.min_impact = impact::high;
  CHECK(matches(r, spike(impact::high)));
  CHECK_FALSE(matches(r, spike(impact::medium)));
  auto c = spike(impact::high);
  c.game_id = "other";
  CHECK_FALSE(matches(r, c));
  c = spike(impact::high);
  c.teams = {"SF"};
  CHECK_FALSE(matches(r, c));
}
