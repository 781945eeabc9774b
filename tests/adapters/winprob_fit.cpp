// fit() recovers a known logistic model; evaluate() computes the metrics a
// hand calculation gives.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "adapters/winprob/features.hpp"
#include "adapters/winprob/model.hpp"

using namespace playclock::winprob;

namespace {

// splitmix64: the same draws on every platform.
struct draws {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  int between(int lo, int hi) { return lo + static_cast<int>(next() % (hi - lo + 1)); }
};

game_state random_state(draws& r) {
  game_state s;
  s.period = r.between(1, 5);
  s.clock_seconds = r.uniform() * (s.period == 5 ? 600 : 900);
  s.home_score = r.between(0, 35);
  s.away_score = r.between(0, 35);
  s.possession = r.between(-1, 1);
  s.down = r.between(0, 4);
  s.distance = r.between(1, 25);
  s.yards_to_endzone = r.between(1, 99);
  s.home_timeouts = r.between(0, 3);
  s.away_timeouts = r.between(0, 3);
  s.home_spread = r.uniform() * 20 - 10;
  return s;
}

double sigmoid(double z) {
  return 1 / (1 + std::exp(-z));
}

} // namespace

TEST_CASE("winprob fit recovers the weights of a known logistic model", "[winprob]") {
  // Moderate effects of every feature, as logit change per standard deviation.
  const std::vector<double> truth = {0.2,  0.02, 0.03, 0.05, 0.03,  0.2, 0.05, 0.1,
                                     -0.2, -0.1, -0.2, -0.1, -0.15, 0.2, 0.3,  0.4,
                                     -0.3, 0.5,  0.4,  0.3,  -0.2,  0.5};
  REQUIRE(truth.size() == feature_count);
  draws r{42};
  std::vector<sample> data;
  for (int i = 0; i < 300000; ++i) {
    sample s;
    s.state = random_state(r);
    const auto x = features(s.state);
    double z = 0;
    for (std::size_t j = 0; j < feature_count; ++j)
      z += truth[j] * x[j];
    s.home_won = r.uniform() < sigmoid(z);
    data.push_back(s);
  }
  fit_options o;
  o.l2 = 1e-7;
  const auto c = fit(data, o, 3, "synthetic");
  CHECK(c.name == "synthetic");
  CHECK(c.version == 3);
  REQUIRE(c.weights.size() == feature_count);

  // Each weight's error, measured as its effect on the logit over one
  // standard deviation of its feature, is small.
  std::vector<double> mean(feature_count, 0), sq(feature_count, 0);
  for (const auto& s : data) {
    const auto x = features(s.state);
    for (std::size_t j = 0; j < feature_count; ++j) {
      mean[j] += x[j] / data.size();
      sq[j] += x[j] * x[j] / data.size();
    }
  }
  for (std::size_t j = 1; j < feature_count; ++j) {
    const double sd = std::sqrt(sq[j] - mean[j] * mean[j]);
    INFO(feature_names()[j] << ": fitted " << c.weights[j] << " truth " << truth[j] << " sd "
                            << sd);
    CHECK(std::abs(c.weights[j] - truth[j]) * sd < 0.08);
  }
  // And the probabilities agree.
  double worst = 0, mean_error = 0;
  coefficients t{"truth", 1, truth};
  draws fresh{7};
  for (int i = 0; i < 2000; ++i) {
    const auto s = random_state(fresh);
    const double error = std::abs(home_win_probability(c, s) - home_win_probability(t, s));
    worst = std::max(worst, error);
    mean_error += error / 2000;
  }
  INFO("worst " << worst << " mean " << mean_error);
  CHECK(worst < 0.05);
  CHECK(mean_error < 0.01);

  // Deterministic: the same data, the same bits.
  CHECK(fit(data, o, 3, "synthetic").weights == c.weights);
}

TEST_CASE("winprob fit: a stronger penalty shrinks the weights", "[winprob]") {
  draws r{5};
  std::vector<sample> data;
  for (int i = 0; i < 3000; ++i) {
    sample s;
    s.state = random_state(r);
    s.home_won = s.state.home_score + r.between(-10, 10) > s.state.away_score;
    data.push_back(s);
  }
  fit_options loose, tight;
  loose.l2 = 1e-6;
  tight.l2 = 10;
  const auto a = fit(data, loose);
  const auto b = fit(data, tight);
  CHECK(std::abs(b.weights[2]) < std::abs(a.weights[2]));
  // Heavily penalised, the model is near the base rate everywhere.
  double rate = 0;
  for (const auto& s : data)
    rate += s.home_won ? 1.0 / data.size() : 0;
  CHECK(home_win_probability(b, data[0].state) == Approx(rate).margin(0.05));
}

TEST_CASE("winprob fit refuses empty or broken input", "[winprob]") {
  CHECK_THROWS_AS(fit({}), std::invalid_argument);
  std::vector<sample> zero{sample{game_state{}, true, 0.0}};
  CHECK_THROWS_AS(fit(zero), std::invalid_argument);
  std::vector<sample> negative{sample{game_state{}, true, -1.0}};
  CHECK_THROWS_AS(fit(negative), std::invalid_argument);
  std::vector<sample> nan{sample{game_state{}, true, std::nan("")}};
  CHECK_THROWS_AS(fit(nan), std::invalid_argument);
  std::vector<sample> one{sample{game_state{}, true, 1.0}, sample{game_state{}, false, 1.0}};
  fit_options bad;
  bad.l2 = -1;
  CHECK_THROWS_AS(fit(one, bad), std::invalid_argument);
  bad = fit_options{};
  bad.max_iterations = 0;
  CHECK_THROWS_AS(fit(one, bad), std::invalid_argument);
  // One state, one win and one loss: every weight but the bias stays 0 and
  // the probability is 0.5.
  const auto c = fit(one);
  CHECK(home_win_probability(c, game_state{}) == Approx(0.5).margin(1e-6));
}

TEST_CASE("winprob evaluate_probabilities matches a hand calculation", "[winprob]") {
  const auto e = evaluate_probabilities({0.9, 0.2, 0.6, 0.6}, {true, false, false, true});
  CHECK(e.samples == 4);
  // -(ln 0.9 + ln 0.8 + ln 0.4 + ln 0.6) / 4
  CHECK(e.log_loss == Approx(0.4389051).epsilon(1e-6));
  // (0.01 + 0.04 + 0.36 + 0.16) / 4
  CHECK(e.brier == Approx(0.1425));
  // Bins 0.9 (0.9 vs 1), 0.2 (0.2 vs 0), 0.6 (0.6 vs 0.5, two rows).
  CHECK(e.calibration_error == Approx(0.25 * 0.1 + 0.25 * 0.2 + 0.5 * 0.1));
  REQUIRE(e.bins.size() == 10);
  CHECK(e.bins[6].lower == Approx(0.6));
  CHECK(e.bins[6].upper == Approx(0.7));
  CHECK(e.bins[6].count == 2);
  CHECK(e.bins[6].predicted_mean == Approx(0.6));
  CHECK(e.bins[6].observed_rate == Approx(0.5));
  CHECK(e.bins[9].count == 1);
  CHECK(e.bins[2].count == 1);
  CHECK(e.bins[0].count == 0);
  CHECK(e.bins[0].lower == 0);
  CHECK(e.bins[9].upper == Approx(1.0));

  // 1.0 lands in the last bin; a certain wrong answer costs a lot but stays finite.
  const auto edge = evaluate_probabilities({1.0, 0.0}, {false, false});
  CHECK(edge.bins[9].count == 1);
  CHECK(edge.bins[0].count == 1);
  CHECK(std::isfinite(edge.log_loss));
  CHECK(edge.log_loss > 15);
  CHECK(edge.brier == Approx(0.5));

  const auto none = evaluate_probabilities({}, {});
  CHECK(none.samples == 0);
  CHECK(none.log_loss == 0);
  CHECK(none.bins.size() == 10);

  CHECK_THROWS_AS(evaluate_probabilities({0.5}, {true, false}), std::invalid_argument);
  CHECK_THROWS_AS(evaluate_probabilities({1.5}, {true}), std::invalid_argument);
  CHECK_THROWS_AS(evaluate_probabilities({std::nan("")}, {true}), std::invalid_argument);
}

TEST_CASE("winprob evaluate scores coefficients on weighted samples", "[winprob]") {
  coefficients c{"const", 1, std::vector<double>(feature_count, 0.0)};
  c.weights[0] = std::log(3.0); // p = 0.75 everywhere
  std::vector<sample> data(4);
  data[0].home_won = data[1].home_won = data[2].home_won = true;
  auto e = evaluate(c, data);
  CHECK(e.samples == 4);
  CHECK(e.log_loss == Approx(-(3 * std::log(0.75) + std::log(0.25)) / 4));
  CHECK(e.brier == Approx(0.1875));
  CHECK(e.calibration_error == Approx(0).margin(1e-12));
  CHECK(e.bins[7].count == 4);
  // The loss weighs three times as much: observed rate 3/6.
  data[3].weight = 3;
  e = evaluate(c, data);
  CHECK(e.bins[7].observed_rate == Approx(0.5));
  CHECK(e.calibration_error == Approx(0.25));
  CHECK(e.brier == Approx((3 * 0.0625 + 3 * 0.5625) / 6));
  // A final state is scored with its exact probability.
  data[3].state.final = true;
  data[3].state.away_score = 3;
  e = evaluate(c, data);
  CHECK(e.bins[0].count == 1);
  CHECK(e.bins[0].predicted_mean == 0);
}
