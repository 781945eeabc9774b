#pragma once
// The built-in simulated league: N concurrent games of the NFL game engine on
// an accelerated clock. When every game of a round is final, the next round is
// scheduled, so a node can run on it for months. Each game has prediction
// markets (see simulated_markets.hpp) priced from its plays. Thread-safe; time
// comes from an injected clock so tests can run it at any pace. Plain C++.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "adapters/league/simulated_markets.hpp"
#include "adapters/markets/page.hpp"
#include "adapters/markets/types.hpp"
#include "adapters/sports/types.hpp"

namespace playclock::sim {
class game_engine;
} // namespace playclock::sim

namespace playclock::league {

struct league_options {
  /// Games per round.
  int games = 16;
  /// Game clock speed-up over wall time.
  double speed = 60;
  std::uint64_t seed = 1;
  /// Wall time between a round being scheduled and its kick-off.
  std::chrono::milliseconds pregame{std::chrono::seconds{20}};
  int season = 2025;
  /// Wall time between a play and the markets' prices adopting it; each
  /// play's own delay is 80-120% of this (deterministic).
  std::chrono::milliseconds market_lag{std::chrono::seconds{3}};
  /// Bound of the markets' price noise, in probability (0: model prices).
  double market_noise = 0.015;
  /// Wall time from a game's end to its markets settling, and from settled
  /// to finalized.
  std::chrono::milliseconds market_settle{std::chrono::seconds{10}};
  /// The UTC time at the league's start (kick-off times, play wallclocks,
  /// market tickers and times); empty: the time it is created.
  std::optional<std::chrono::system_clock::time_point> wall_start;
};

class simulated_league {
 public:
  using clock_fn = std::function<std::chrono::steady_clock::time_point()>;

  explicit simulated_league(league_options opts, clock_fn now = nullptr);
  ~simulated_league();
  simulated_league(const simulated_league&) = delete;
  simulated_league& operator=(const simulated_league&) = delete;

  /// Every game of the current round as of now (advances them first).
  std::vector<sports::game> scoreboard();

  /// The current round's games plus the next round's (scheduled, state pre).
  std::vector<sports::game> schedule();

  /// Play-by-play so far, scoring play ids and injuries of one game of the
  /// current round; nullopt for an unknown id.
  std::optional<sports::game_summary> summary(const std::string& game_id);

  /// One page of the markets (Kalshi's GET /markets semantics: status
  /// "open"/"closed"/"settled"/"unopened", series and event filters, limit 0
  /// = 100, at most 1000, opaque cursor); an error for a bad status or cursor.
  std::variant<markets::markets_page, market_query_error> markets(const markets::markets_query& q);

  /// One market by ticker (this round's and the two before); nullopt if
  /// unknown.
  std::optional<markets::market> market(const std::string& ticker);

  /// A market's order book; nullopt if unknown.
  std::optional<markets::orderbook> orderbook(const std::string& ticker);

  /// A deterministic synthetic 5 day / 3 hour forecast for a place.
  std::vector<sports::forecast> forecast(double lat, double lon);

  /// Round number of the current round (0 first).
  int round() const;

  const league_options& options() const { return opts_; }

 private:
  struct live_game;

  void advance(std::chrono::steady_clock::time_point now);
  void advance_game(live_game& g, std::chrono::steady_clock::time_point now);
  void advance_market_game(const std::string& ticker, std::chrono::steady_clock::time_point now);
  void start_round(int round, std::chrono::steady_clock::time_point kickoff);
  std::vector<sports::game> plan_round(int round) const;

  league_options opts_;
  clock_fn now_;
  std::chrono::system_clock::time_point wall_origin_;
  std::chrono::steady_clock::time_point origin_;
  mutable std::mutex mtx_;
  int round_ = 0;
  std::chrono::steady_clock::time_point kickoff_;
  std::vector<std::unique_ptr<live_game>> games_;
  std::unique_ptr<simulated_markets> markets_;
};

} // namespace playclock::league
