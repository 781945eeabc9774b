// Training data from the game engine: well-formed, labelled, deterministic;
// and the built-in coefficients fit games they were not trained on.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "adapters/winprob/engine_samples.hpp"
#include "adapters/winprob/model.hpp"

using namespace playclock::winprob;

TEST_CASE("winprob engine samples are labelled scoreboard states, the same every run",
          "[winprob]") {
  engine_sample_options o;
  o.games = 6;
  o.seed = 77;
  o.spread = spread_calibration{6.0, 0.0, 12.0, 0};
  const auto a = engine_samples(o);
  REQUIRE(a.size() > 6 * 100);
  int pregame = 0;
  for (const auto& s : a) {
    CHECK_FALSE(s.state.final);
    CHECK(s.state.period >= 1);
    CHECK(s.state.clock_seconds >= 0);
    CHECK(s.state.clock_seconds <= 900);
    CHECK(s.state.home_score >= 0);
    CHECK(s.state.away_score >= 0);
    CHECK((s.weight == 1.0 || s.weight == 0.5));
    CHECK(std::abs(s.state.home_spread) < 40);
    if (s.state.period == 1 && s.state.clock_seconds == 900 && s.state.possession == 0)
      ++pregame;
  }
  CHECK(pregame >= 6); // every game starts with its pre-game state
  const auto b = engine_samples(o);
  REQUIRE(b.size() == a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(b[i].home_won == a[i].home_won);
    CHECK(b[i].state.home_score == a[i].state.home_score);
    CHECK(b[i].state.clock_seconds == a[i].state.clock_seconds);
  }
  // The spread follows the rating gap.
  const auto m = random_matchup(77, 0, o.rating_sd);
  CHECK(a.front().state.home_spread == Approx(6.0 * rating_gap(m)));
}

TEST_CASE("winprob spread calibration finds that better teams win by more", "[winprob]") {
  const auto c = calibrate_spread(300, 9, 0.45);
  CHECK(c.games == 300);
  CHECK(c.points_per_rating > 2);
  CHECK(c.points_per_rating < 12);
  CHECK(c.margin_sd > 8);
  CHECK(c.margin_sd < 18);
  CHECK_THROWS_AS(calibrate_spread(1, 9, 0.45), std::invalid_argument);
}

TEST_CASE("winprob builtin coefficients predict simulated games they never saw", "[winprob]") {
  // bench/wp_fit's holdout (2,000 games): log loss 0.4397, ECE 0.016; these
  // 400: 0.479, Brier 0.161, ECE 0.034.
  engine_sample_options o;
  o.games = 400;
  o.seed = 424242;
  o.spread = spread_calibration{5.915408, 0.151449, 11.8, 0};
  const auto data = engine_samples(o);
  const auto e = evaluate(builtin(), data);
  INFO("log loss " << e.log_loss << " Brier " << e.brier << " ECE " << e.calibration_error);
  CHECK(e.log_loss < 0.52);
  CHECK(e.brier < 0.175);
  CHECK(e.calibration_error < 0.06);
  // Far better than knowing only the spread.
  coefficients spread_only = builtin();
  for (std::size_t i = 0; i < spread_only.weights.size(); ++i)
    if (feature_names()[i] != "bias" && feature_names()[i].rfind("spread", 0) != 0)
      spread_only.weights[i] = 0;
  CHECK(evaluate(spread_only, data).log_loss > e.log_loss + 0.1);
}
