#pragma once
// NFL win probability: a logistic model over engineered features of the game
// state, from the home team's side. Plain C++ (no CAF): coefficients are
// data (name + version, JSON for the model_versions table), fit() refits
// them on labelled states, evaluate() scores any coefficients on any states.
//
//   auto p = winprob::home_win_probability(winprob::builtin(), state);
//
// docs/WINPROB.md describes the features, how the built-in coefficients were
// produced and how they score on real play-by-play.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace playclock::winprob {

/// The game at one moment, from the scoreboard. Out-of-range values are
/// clamped by features() (a negative clock is 0, down 7 is down 4, ...).
struct game_state {
  int home_score = 0, away_score = 0;
  /// 1-4, 5+ overtime.
  int period = 1;
  /// Seconds left in the period.
  double clock_seconds = 900;
  /// +1 home has the ball, -1 away, 0 unknown/between plays. Before a kickoff
  /// (down 0) the kicking team, as ESPN's scoreboard and the simulator show it.
  int possession = 0;
  /// Of the team with the ball (1-99); before a kickoff 65 (kicking from its
  /// own 35).
  int yards_to_endzone = 75;
  /// 0 down = none (kickoff/PAT).
  int down = 1, distance = 10;
  int home_timeouts = 3, away_timeouts = 3;
  /// Points the home team is favoured by before the game (nflverse
  /// spread_line sign convention: positive = home favoured).
  double home_spread = 0;
  /// Game over: probability is 1, 0 or 0.5 by the score.
  bool final = false;
};

/// Versioned coefficients: weights[i] pairs with feature_names()[i].
struct coefficients {
  std::string name = "nfl_wp";
  int version = 1;
  std::vector<double> weights;
};

/// Names of the features, in order; the first is the intercept ("bias").
const std::vector<std::string>& feature_names();

/// The feature vector of a state (size feature_names().size()); inputs are
/// clamped first, so every value is finite.
std::vector<double> features(const game_state&);

/// P(home wins), clamped to [0.001, 0.999] unless final (then 1, 0 or 0.5).
/// Never NaN, even for nonsense input. Weights of the wrong size give 0.5.
double home_win_probability(const coefficients&, const game_state&);

/// The compiled-in coefficients (version 1), fitted on simulated games
/// (bench/wp_fit, see builtin.cpp).
const coefficients& builtin();

/// {"name":..,"version":..,"features":[...],"weights":[...]}.
std::string to_json(const coefficients&);

/// Parses to_json()'s form. Rejects (nullopt, and a message in *error when
/// error is not null) malformed JSON, a missing or empty name, a version
/// that is not a positive integer, a feature list different from
/// feature_names(), a weight count different from it, non-finite weights.
std::optional<coefficients> from_json(std::string_view, std::string* error);

/// A labelled state.
struct sample {
  game_state state;
  bool home_won = false;
  /// A tie is two samples of weight 0.5, one won and one lost.
  double weight = 1;
};

struct fit_options {
  /// L2 penalty on the standardized weights (not the intercept), per unit of
  /// total sample weight.
  double l2 = 1e-3;
  int max_iterations = 100;
  /// Stop when the mean log loss (with penalty) improves by less than this.
  double tolerance = 1e-8;
};

/// L2-regularised logistic regression by Newton's method on standardized
/// features. Deterministic. Throws std::invalid_argument for no samples (or
/// total weight 0), a negative or non-finite weight or bad options.
coefficients fit(const std::vector<sample>&, const fit_options& = {}, int version = 1,
                 std::string name = "nfl_wp");

struct calibration_bin {
  double lower = 0, upper = 0, predicted_mean = 0, observed_rate = 0;
  std::size_t count = 0;
};

/// Mean log loss, Brier score, and the expected calibration error over 10
/// equal-width bins of the predicted probability (|predicted mean - observed
/// rate| weighted by the bin's share). Always 10 bins; empty ones have count
/// 0.
struct evaluation {
  std::size_t samples = 0;
  double log_loss = 0, brier = 0, calibration_error = 0;
  std::vector<calibration_bin> bins;
};

/// The metrics of `coefficients` on labelled states (weighted by
/// sample::weight).
evaluation evaluate(const coefficients&, const std::vector<sample>&);

/// The same metrics for any predictor: p[i] is P(outcome[i]). Throws
/// std::invalid_argument if the sizes differ.
evaluation evaluate_probabilities(const std::vector<double>& p, const std::vector<bool>& outcome);

} // namespace playclock::winprob
