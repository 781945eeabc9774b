// Enum names, parsing and impact levels of the alerts domain.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "adapters/alerts/types.hpp"

using namespace playclock::alerts;

TEST_CASE("every alert type survives to_string and parse", "[alerts]") {
  const auto& all = all_alert_types();
  REQUIRE(all.size() == 7);
  const char* expected[] = {"score",       "big_play",    "turnover", "injury",
                            "price_spike", "correlation", "edge"};
  for (std::size_t i = 0; i < all.size(); ++i) {
    CHECK(std::string{to_string(all[i])} == expected[i]);
    CHECK(parse_alert_type(expected[i]) == all[i]);
  }
  CHECK_FALSE(parse_alert_type("Score"));
  CHECK_FALSE(parse_alert_type(""));
  CHECK_FALSE(parse_alert_type("scores"));
}

TEST_CASE("channels, priorities and impacts survive to_string and parse", "[alerts]") {
  for (auto c : {channel::telegram, channel::webhook, channel::log})
    CHECK(parse_channel(to_string(c)) == c);
  CHECK(std::string{to_string(channel::webhook)} == "webhook");
  CHECK_FALSE(parse_channel("email"));

  for (auto p : {priority::normal, priority::high})
    CHECK(parse_priority(to_string(p)) == p);
  CHECK(std::string{to_string(priority::high)} == "high");
  CHECK_FALSE(parse_priority("urgent"));

  for (auto i : {impact::low, impact::medium, impact::high, impact::extreme})
    CHECK(parse_impact(to_string(i)) == i);
  CHECK(std::string{to_string(impact::extreme)} == "extreme");
  CHECK_FALSE(parse_impact("huge"));
}

TEST_CASE("impact levels put each boundary in the lower level", "[alerts]") {
  CHECK(impact_of(0) == impact::low);
  CHECK(impact_of(5) == impact::low);
  CHECK(impact_of(5.01) == impact::medium);
  CHECK(impact_of(10) == impact::medium);
  CHECK(impact_of(10.5) == impact::high);
  CHECK(impact_of(20) == impact::high);
  CHECK(impact_of(20.01) == impact::extreme);
  CHECK(impact_of(100) == impact::extreme);
}

TEST_CASE("impact levels ignore the sign of the move", "[alerts]") {
  CHECK(impact_of(-4) == impact::low);
  CHECK(impact_of(-7) == impact::medium);
  CHECK(impact_of(-13) == impact::high);
  CHECK(impact_of(-25) == impact::extreme);
  CHECK(impact_of(std::nan("")) == impact::low);
  CHECK(impact_of(-std::numeric_limits<double>::infinity()) == impact::extreme);
}

TEST_CASE("impact levels are ordered from low to extreme", "[alerts]") {
  CHECK(impact::low < impact::medium);
  CHECK(impact::medium < impact::high);
  CHECK(impact::high < impact::extreme);
}
