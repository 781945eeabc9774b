// Log loss, Brier score and calibration (10 equal-width bins) of predicted
// probabilities against outcomes.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "adapters/winprob/model.hpp"

namespace playclock::winprob {

namespace {

constexpr int bin_count = 10;
// Log loss of a 0 or 1 prediction that is wrong would be infinite.
constexpr double p_floor = 1e-15;

// Accumulates weighted predictions; p must be in [0, 1].
class scorer {
 public:
  scorer() {
    for (int k = 0; k < bin_count; ++k) {
      bins_[k].lower = k / 10.0;
      bins_[k].upper = (k + 1) / 10.0;
    }
  }

  void add(double p, bool y, double w) {
    const double q = std::min(std::max(p, p_floor), 1 - p_floor);
    loss_ += w * -std::log(y ? q : 1 - q);
    brier_ += w * (p - (y ? 1 : 0)) * (p - (y ? 1 : 0));
    const int k = std::min(bin_count - 1, static_cast<int>(p * bin_count));
    bins_[k].predicted_mean += w * p;
    bins_[k].observed_rate += y ? w : 0;
    bins_[k].count += 1;
    bin_weight_[k] += w;
    total_ += w;
    ++n_;
  }

  evaluation result() const {
    evaluation e;
    e.samples = n_;
    e.bins.assign(bins_, bins_ + bin_count);
    if (!(total_ > 0))
      return e;
    e.log_loss = loss_ / total_;
    e.brier = brier_ / total_;
    for (int k = 0; k < bin_count; ++k) {
      auto& b = e.bins[static_cast<std::size_t>(k)];
      if (!(bin_weight_[k] > 0))
        continue;
      b.predicted_mean /= bin_weight_[k];
      b.observed_rate /= bin_weight_[k];
      e.calibration_error += bin_weight_[k] / total_ * std::abs(b.predicted_mean - b.observed_rate);
    }
    return e;
  }

 private:
  calibration_bin bins_[bin_count];
  double bin_weight_[bin_count] = {};
  double loss_ = 0, brier_ = 0, total_ = 0;
  std::size_t n_ = 0;
};

} // namespace

evaluation evaluate(const coefficients& c, const std::vector<sample>& data) {
  scorer s;
  for (const auto& smp : data) {
    if (!(smp.weight >= 0) || !std::isfinite(smp.weight))
      throw std::invalid_argument("winprob::evaluate: sample weights must be finite and >= 0");
    s.add(home_win_probability(c, smp.state), smp.home_won, smp.weight);
  }
  return s.result();
}

evaluation evaluate_probabilities(const std::vector<double>& p, const std::vector<bool>& outcome) {
  if (p.size() != outcome.size())
    throw std::invalid_argument("winprob::evaluate_probabilities: " + std::to_string(p.size()) +
                                " probabilities for " + std::to_string(outcome.size()) +
                                " outcomes");
  scorer s;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!(p[i] >= 0 && p[i] <= 1))
      throw std::invalid_argument("winprob::evaluate_probabilities: probability " +
                                  std::to_string(i) + " is not in [0, 1]");
    s.add(p[i], outcome[i], 1.0);
  }
  return s.result();
}

} // namespace playclock::winprob
