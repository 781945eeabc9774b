// Labelled states from simulated games (see engine_samples.hpp).
#include "adapters/winprob/engine_samples.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "adapters/sim/engine.hpp"
#include "adapters/sim/rng.hpp"
#include "adapters/winprob/from_game.hpp"

namespace playclock::winprob {

namespace {

constexpr int max_steps = 5000; // a game has about 180

// A standard normal draw (Box-Muller).
double normal(sim::rng& r) {
  const double u = 1.0 - r.uniform(); // (0, 1]
  const double v = r.uniform();
  return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
}

double rating(sim::rng& r, double sd) {
  return std::min(std::max(sd * normal(r), -1.5), 1.5);
}

sim::game_options options_for(const matchup& m, std::uint64_t seed, std::uint64_t index,
                              int season) {
  sim::game_options o;
  o.home = m.home;
  o.away = m.away;
  o.seed = sim::mix_seed(seed ^ 0x5a17, index);
  o.game_id = "wp" + std::to_string(index);
  o.season = season;
  o.overtime =
      season >= 2025 ? sim::overtime_rule::both_possess : sim::overtime_rule::modified_sudden_death;
  return o;
}

} // namespace

double rating_gap(const matchup& m) {
  return (m.home.offense - m.away.defense) - (m.away.offense - m.home.defense);
}

matchup random_matchup(std::uint64_t seed, std::uint64_t index, double rating_sd) {
  const auto& teams = sim::nfl_teams();
  const int n = static_cast<int>(teams.size());
  sim::rng r(sim::mix_seed(seed, index));
  int home = r.between(0, n - 1);
  int away = r.between(0, n - 2);
  away += away >= home ? 1 : 0;
  matchup m{teams[static_cast<std::size_t>(home)], teams[static_cast<std::size_t>(away)]};
  m.home.offense = rating(r, rating_sd);
  m.home.defense = rating(r, rating_sd);
  m.away.offense = rating(r, rating_sd);
  m.away.defense = rating(r, rating_sd);
  return m;
}

spread_calibration calibrate_spread(int games, std::uint64_t seed, double rating_sd) {
  if (games < 2)
    throw std::invalid_argument("winprob::calibrate_spread: needs at least 2 games");
  // A separate stream from engine_samples' games with the same seed.
  const std::uint64_t stream = sim::mix_seed(seed, 0xca11b8a7e);
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  std::vector<std::pair<double, double>> points;
  for (int i = 0; i < games; ++i) {
    const auto idx = static_cast<std::uint64_t>(i);
    const matchup m = random_matchup(stream, idx, rating_sd);
    const auto summary = sim::simulate_game(options_for(m, stream, idx, 2025));
    const double x = rating_gap(m);
    const double y = summary.header->home_score - summary.header->away_score;
    points.emplace_back(x, y);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const double n = games;
  spread_calibration c;
  c.games = games;
  c.points_per_rating = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  c.intercept = (sy - c.points_per_rating * sx) / n;
  double ss = 0;
  for (const auto& [x, y] : points) {
    const double e = y - (c.intercept + c.points_per_rating * x);
    ss += e * e;
  }
  c.margin_sd = std::sqrt(ss / (n - 2));
  return c;
}

std::vector<sample> engine_samples(const engine_sample_options& o) {
  if (o.games < 0 || o.last_season < o.first_season)
    throw std::invalid_argument("winprob::engine_samples: bad options");
  std::vector<sample> out;
  std::vector<game_state> states;
  for (int i = 0; i < o.games; ++i) {
    const auto idx = static_cast<std::uint64_t>(i);
    const matchup m = random_matchup(o.seed, idx, o.rating_sd);
    const double spread = o.spread.intercept + o.spread.points_per_rating * rating_gap(m);
    sim::rng season_pick(sim::mix_seed(o.seed ^ 0x5ea5, idx));
    const int season = season_pick.between(o.first_season, o.last_season);
    sim::game_engine e(options_for(m, o.seed, idx, season));
    states.clear();
    states.push_back(from_game(e.state(), spread));
    for (int step = 0; !e.finished(); ++step) {
      if (step == max_steps)
        throw std::runtime_error("winprob::engine_samples: simulated game did not finish");
      e.step();
      if (!e.finished())
        states.push_back(from_game(e.state(), spread));
    }
    const auto& end = e.state();
    const bool tie = end.home_score == end.away_score;
    for (const auto& s : states) {
      if (tie) {
        out.push_back(sample{s, true, 0.5});
        out.push_back(sample{s, false, 0.5});
      } else {
        out.push_back(sample{s, end.home_score > end.away_score, 1.0});
      }
    }
  }
  return out;
}

} // namespace playclock::winprob
