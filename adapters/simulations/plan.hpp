#pragma once
// A tenant's simulation (POST /api/tenants/{t}/simulations): what it plays
// and in which order. single_game: one game; regular_season: every pair of
// the teams once (round robin, home alternating); playoffs: a single
// elimination bracket of 2, 4, 8 or 16 teams seeded by rating, no ties.
// Plain C++; the games themselves come from the seeded sim::game_engine, so
// a simulation with the same request is the same, event by event.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adapters/sim/teams.hpp"

namespace playclock::simulations {

struct request {
  /// single_game, regular_season or playoffs.
  std::string kind = "single_game";
  /// Team abbreviations; empty = picked from the seed (2, 8 or 8 teams).
  std::vector<std::string> teams;
  std::uint64_t seed = 1;
  /// Most events (plays) to generate; 0 = until the simulation ends.
  int steps = 0;
  /// Events per second; 0 = as fast as the engine goes.
  double speed = 0;
};

/// `params_json` with a "seed" if it has none: derived from `idempotency_key`
/// when there is one (a retried submission is the same simulation), else
/// random.
std::string with_seed(const std::string& params_json, const std::string& idempotency_key);

/// Reads a request from the checked params JSON (jobs::check_params of type
/// "simulation"); absent fields keep their defaults.
request read_request(const std::string& params_json);

/// One game to play: the home team first.
struct fixture {
  sim::team_profile home;
  sim::team_profile away;
  /// regular_season: the round-robin round (1-based); playoffs: the round
  /// (1 = first round); single_game: 1.
  int round = 1;
  bool allow_tie = true;
  /// "g3-KC@BUF": the game's key in the simulation's events.
  std::string key;
};

/// The final score of a played fixture.
struct outcome {
  std::string home;
  std::string away;
  int home_score = 0;
  int away_score = 0;
  int round = 1;
  /// "" for a tie.
  std::string winner() const;
};

/// The games of a simulation, handed out one at a time (a playoff round
/// needs the winners of the previous one).
class plan {
 public:
  explicit plan(const request& r);

  /// The next game, given the outcomes so far (in the order played); nullopt
  /// when the simulation is over.
  std::optional<fixture> next(const std::vector<outcome>& played);

  /// Games in the whole simulation (playoffs: known up front too).
  int total_games() const { return total_; }
  const std::vector<sim::team_profile>& teams() const { return teams_; }

 private:
  request req_;
  std::vector<sim::team_profile> teams_;
  std::vector<std::pair<int, int>> round_robin_; // indexes into teams_, with rounds
  std::vector<int> rounds_;
  std::vector<std::string> alive_; // playoffs: teams still in, in bracket order
  std::size_t handed_ = 0;
  int total_ = 0;
};

/// The team profiles of the request (or picked from the seed), or why not.
std::optional<std::string> check_teams(const std::string& kind,
                                       const std::vector<std::string>& teams);

} // namespace playclock::simulations
