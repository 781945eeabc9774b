// Fits the win-probability model on simulated games and prints the
// coefficients as C++ for adapters/winprob/builtin.cpp (docs/WINPROB.md).
//
//   wp_fit [games=20000] [seed=2025] [calibration_games=10000] [holdout_games=2000] [l2=0.001]
//
// 1. calibration_games random matchups measure the spread: the engine's
//    expected home margin per point of rating gap (least squares).
// 2. `games` random matchups, every scoreboard state labelled with the
//    result, are the training set; fit() runs on it.
// 3. holdout_games more (another seed) score the fit: log loss, Brier,
//    calibration, against a spread-only baseline.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "adapters/winprob/engine_samples.hpp"
#include "adapters/winprob/model.hpp"

using namespace playclock::winprob;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

void print_evaluation(const char* label, const evaluation& e, bool bins = false) {
  std::fprintf(stderr, "%-28s samples %zu  log loss %.4f  Brier %.4f  ECE %.4f\n", label, e.samples,
               e.log_loss, e.brier, e.calibration_error);
  if (bins)
    for (const auto& b : e.bins)
      std::fprintf(stderr, "  %.1f-%.1f  predicted %.3f  observed %.3f  states %zu\n", b.lower,
                   b.upper, b.predicted_mean, b.observed_rate, b.count);
}

} // namespace

int main(int argc, char** argv) {
  const int games = argc > 1 ? std::atoi(argv[1]) : 20000;
  const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 2025;
  const int calibration_games = argc > 3 ? std::atoi(argv[3]) : 10000;
  const int holdout_games = argc > 4 ? std::atoi(argv[4]) : 2000;
  fit_options fo;
  fo.l2 = argc > 5 ? std::atof(argv[5]) : 1e-3;
  if (games < 1 || calibration_games < 2 || holdout_games < 0) {
    std::fprintf(stderr,
                 "usage: %s [games=20000] [seed=2025] [calibration_games=10000] "
                 "[holdout_games=2000] [l2=0.001]\n",
                 argv[0]);
    return 2;
  }
  try {
    auto t0 = std::chrono::steady_clock::now();
    engine_sample_options o;
    o.games = games;
    o.seed = seed;
    o.spread = calibrate_spread(calibration_games, seed, o.rating_sd);
    std::fprintf(stderr, "spread: %.3f points per rating point %+.3f (margin sd %.2f, %d games)\n",
                 o.spread.points_per_rating, o.spread.intercept, o.spread.margin_sd,
                 o.spread.games);
    const auto train = engine_samples(o);
    std::fprintf(stderr, "training: %d games, %zu states (%.1f s)\n", games, train.size(),
                 seconds_since(t0));
    t0 = std::chrono::steady_clock::now();
    const auto c = fit(train, fo, 1, "nfl_wp");
    std::fprintf(stderr, "fit: %.1f s\n", seconds_since(t0));
    print_evaluation("training", evaluate(c, train));
    if (holdout_games > 0) {
      engine_sample_options h = o;
      h.games = holdout_games;
      h.seed = seed + 1000003;
      const auto test = engine_samples(h);
      print_evaluation("holdout (other seed)", evaluate(c, test), true);
      // What the spread alone knows: the same model with only bias and spread weights.
      coefficients spread_only = c;
      const auto& names = feature_names();
      for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] != "bias" && names[i].rfind("spread", 0) != 0)
          spread_only.weights[i] = 0;
      print_evaluation("holdout, spread terms only", evaluate(spread_only, test));
    }
    std::printf("\n// wp_fit %d %llu %d %d %g\n", games, static_cast<unsigned long long>(seed),
                calibration_games, holdout_games, fo.l2);
    std::printf("// spread = %.6f * rating_gap %+.6f (margin sd %.3f)\n",
                o.spread.points_per_rating, o.spread.intercept, o.spread.margin_sd);
    std::printf("static const double weights[] = {\n");
    for (std::size_t i = 0; i < c.weights.size(); ++i)
      std::printf("    %.17g, // %s\n", c.weights[i], feature_names()[i].c_str());
    std::printf("};\n");
    std::printf("\n%s\n", to_json(c).c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "wp_fit: %s\n", e.what());
    return 1;
  }
  return 0;
}
