// Scores win-probability models on real nflfastR play-by-play
// (docs/WINPROB.md, "Evaluation"): the built-in coefficients, nflfastR's own
// home_wp and vegas_home_wp, a model refitted on the real games by
// leave-one-game-out cross-validation, and the pre-game line alone, all on
// the same rows. Prints markdown tables: log loss, Brier, expected
// calibration error, 10-bin calibration, per game.
//
//   wp_eval [PBP_CSV] [--coefficients FILE.json] [--l2 X] [--rows OUT.csv]
//
// --coefficients adds a model from a to_json() file; --l2 is the refit's
// penalty; --rows writes every evaluated row with each model's probability.
//
// PBP_CSV defaults to $PLAYCLOCK_REALDATA_DIR (else the source tree's
// ../shared/realdata)/nflverse/nflfastR_pbp_2020_wk1_all16games_keycols.csv;
// if it is absent the tool says "skipped" and exits 0.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "adapters/pipeline/csv.hpp"
#include "adapters/winprob/model.hpp"
#include "adapters/winprob/nflfastr.hpp"

using namespace playclock::winprob;

namespace {

const char* const default_file = "nflverse/nflfastR_pbp_2020_wk1_all16games_keycols.csv";

std::string default_path() {
  const char* env = std::getenv("PLAYCLOCK_REALDATA_DIR");
  std::filesystem::path dir =
      env && *env ? std::filesystem::path(env)
                  : std::filesystem::path(PLAYCLOCK_SOURCE_DIR) / ".." / "shared" / "realdata";
  return (dir / default_file).lexically_normal().string();
}

struct model_result {
  std::string name;
  std::vector<double> p;
  evaluation e;
};

// The pre-game line alone: P(home margin > 0) with the margin normal around
// the spread, sd 13.45 (the usual NFL figure), for the whole game.
double line_only(double spread) {
  return 0.5 * std::erfc(-spread / (13.45 * std::sqrt(2.0)));
}

double mean_abs_diff(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    s += std::abs(a[i] - b[i]);
  return a.empty() ? 0 : s / static_cast<double>(a.size());
}

// `home_wp` and `vegas` are the models nflfastR's columns gave: the mean
// absolute difference to them is a second, less noisy view than 16 results.
void print_summary(const std::vector<model_result>& models, const model_result& home_wp,
                   const model_result& vegas) {
  std::printf("| model | rows | log loss | Brier | ECE | mean abs diff to home_wp | mean abs diff "
              "to vegas_home_wp |\n|---|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& m : models)
    std::printf("| %s | %zu | %.4f | %.4f | %.4f | %.3f | %.3f |\n", m.name.c_str(), m.e.samples,
                m.e.log_loss, m.e.brier, m.e.calibration_error, mean_abs_diff(m.p, home_wp.p),
                mean_abs_diff(m.p, vegas.p));
}

void print_bins(const std::vector<model_result>& models) {
  std::printf("\nCalibration (predicted mean / observed home-win rate / rows per bin):\n\n| bin |");
  for (const auto& m : models)
    std::printf(" %s |", m.name.c_str());
  std::printf("\n|---|");
  for (std::size_t i = 0; i < models.size(); ++i)
    std::printf("---|");
  std::printf("\n");
  for (std::size_t k = 0; k < 10; ++k) {
    const auto& b0 = models[0].e.bins[k];
    std::printf("| %.1f-%.1f |", b0.lower, b0.upper);
    for (const auto& m : models) {
      const auto& b = m.e.bins[k];
      if (b.count == 0)
        std::printf(" - |");
      else
        std::printf(" %.3f / %.3f / %zu |", b.predicted_mean, b.observed_rate, b.count);
    }
    std::printf("\n");
  }
}

std::optional<coefficients> load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "wp_eval: cannot open %s\n", path.c_str());
    return std::nullopt;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string error;
  auto c = from_json(buf.str(), &error);
  if (!c)
    std::fprintf(stderr, "wp_eval: %s: %s\n", path.c_str(), error.c_str());
  return c;
}

void write_rows(const std::string& path, const std::vector<pbp_row>& rows,
                const std::vector<model_result>& models) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f)
    throw std::runtime_error(path + ": cannot write");
  std::fprintf(f, "game_id,period,clock,home_score,away_score,possession,down,distance,"
                  "yards_to_endzone,home_timeouts,away_timeouts,home_spread,home_won");
  for (const auto& m : models)
    std::fprintf(f, ",\"%s\"", m.name.c_str());
  std::fprintf(f, "\n");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& s = rows[i].state;
    std::fprintf(f, "%s,%d,%.0f,%d,%d,%d,%d,%d,%d,%d,%d,%.1f,%d", rows[i].game_id.c_str(), s.period,
                 s.clock_seconds, s.home_score, s.away_score, s.possession, s.down, s.distance,
                 s.yards_to_endzone, s.home_timeouts, s.away_timeouts, s.home_spread,
                 rows[i].home_won ? 1 : 0);
    for (const auto& m : models)
      std::fprintf(f, ",%.4f", m.p[i]);
    std::fprintf(f, "\n");
  }
  std::fclose(f);
}

} // namespace

int main(int argc, char** argv) {
  std::string path;
  std::optional<coefficients> other;
  fit_options fo;
  std::string rows_out;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--coefficients") == 0 && i + 1 < argc) {
      other = load(argv[++i]);
      if (!other)
        return 1;
    } else if (std::strcmp(argv[i], "--l2") == 0 && i + 1 < argc) {
      fo.l2 = std::atof(argv[++i]);
    } else if (std::strcmp(argv[i], "--rows") == 0 && i + 1 < argc) {
      rows_out = argv[++i];
    } else if (argv[i][0] != '-' && path.empty()) {
      path = argv[i];
    } else {
      std::fprintf(stderr,
                   "usage: %s [PBP_CSV] [--coefficients FILE.json] [--l2 X] [--rows OUT.csv]\n",
                   argv[0]);
      return 2;
    }
  }
  if (path.empty())
    path = default_path();
  if (!std::filesystem::exists(path)) {
    std::printf("wp_eval: skipped: no play-by-play at %s\n", path.c_str());
    return 0;
  }
  try {
    const auto t = playclock::pipeline::read_csv(path);
    std::string error;
    const auto cols = pbp_columns::from_header(t.header, &error);
    if (!cols) {
      std::fprintf(stderr, "wp_eval: %s: %s\n", path.c_str(), error.c_str());
      return 1;
    }
    std::vector<pbp_row> rows;
    std::map<std::string, int> skipped;
    for (const auto& r : t.rows) {
      std::string why;
      auto row = read_pbp_row(*cols, r, &why);
      if (!row)
        ++skipped[why];
      else if (row->tie)
        ++skipped["tied game (no win/loss outcome)"];
      else if (!row->home_wp || !row->vegas_home_wp)
        ++skipped["no nflfastR home_wp or vegas_home_wp"];
      else
        rows.push_back(std::move(*row));
    }
    std::printf("%s\n\n%zu rows, %zu evaluated; skipped:\n", path.c_str(), t.rows.size(),
                rows.size());
    for (const auto& [why, n] : skipped)
      std::printf("- %s: %d\n", why.c_str(), n);
    std::printf("\n");
    if (rows.empty()) {
      std::fprintf(stderr, "wp_eval: no usable rows\n");
      return 1;
    }

    std::vector<bool> outcome;
    std::map<std::string, std::vector<std::size_t>> by_game;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      outcome.push_back(rows[i].home_won);
      by_game[rows[i].game_id].push_back(i);
    }
    std::vector<model_result> models;
    auto add = [&](std::string name, std::vector<double> p) {
      auto e = evaluate_probabilities(p, outcome);
      models.push_back({std::move(name), std::move(p), std::move(e)});
    };
    std::vector<double> p;
    for (const auto& r : rows)
      p.push_back(home_win_probability(builtin(), r.state));
    add("playclock builtin v" + std::to_string(builtin().version), p);
    if (other) {
      p.clear();
      for (const auto& r : rows)
        p.push_back(home_win_probability(*other, r.state));
      add(other->name + " v" + std::to_string(other->version), p);
    }
    p.clear();
    for (const auto& r : rows)
      p.push_back(*r.home_wp);
    add("nflfastR home_wp", p);
    p.clear();
    for (const auto& r : rows)
      p.push_back(*r.vegas_home_wp);
    add("nflfastR vegas_home_wp", p);
    // Leave one game out: fit on the other games' rows, predict this one's.
    p.assign(rows.size(), 0.5);
    for (const auto& [game, idx] : by_game) {
      std::vector<sample> train;
      for (const auto& [other_game, jdx] : by_game)
        if (other_game != game)
          for (auto j : jdx)
            train.push_back(sample{rows[j].state, rows[j].home_won, 1.0});
      const auto c = fit(train, fo);
      for (auto i : idx)
        p[i] = home_win_probability(c, rows[i].state);
    }
    char label[64];
    std::snprintf(label, sizeof label, "real-week refit (LOGO CV, l2 %g)", fo.l2);
    add(label, p);
    p.clear();
    for (const auto& r : rows)
      p.push_back(line_only(r.state.home_spread));
    add("pre-game line only", p);

    const std::size_t theirs = other ? 2 : 1; // index of nflfastR home_wp
    print_summary(models, models[theirs], models[theirs + 1]);
    print_bins(models);

    if (!rows_out.empty())
      write_rows(rows_out, rows, models);

    std::printf("\nPer game (log loss):\n\n| game | spread | result | rows |");
    for (const auto& m : models)
      std::printf(" %s |", m.name.c_str());
    std::printf("\n|---|---:|---:|---:|");
    for (std::size_t i = 0; i < models.size(); ++i)
      std::printf("---:|");
    std::printf("\n");
    for (const auto& [game, idx] : by_game) {
      std::printf("| %s | %+.1f | %s | %zu |", game.c_str(), rows[idx[0]].state.home_spread,
                  rows[idx[0]].home_won ? "home" : "away", idx.size());
      for (const auto& m : models) {
        std::vector<double> gp;
        std::vector<bool> go;
        for (auto i : idx) {
          gp.push_back(m.p[i]);
          go.push_back(outcome[i]);
        }
        std::printf(" %.3f |", evaluate_probabilities(gp, go).log_loss);
      }
      std::printf("\n");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "wp_eval: %s\n", e.what());
    return 1;
  }
  return 0;
}
