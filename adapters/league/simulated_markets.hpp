#pragma once
// Prediction markets on the simulated league's games, as Kalshi lists them:
// per game an event KXNFLGAME-<yyMMMdd><AWAY><HOME> with two binary markets
// "Will <team> win?" (<event>-<TEAM>). The home market's yes price follows
// the win-probability model (winprob::builtin()) of the game's state with a
// pre-game spread from the teams' ratings, plus bounded mean-reverting noise;
// the away market trades near 1 - home with noise of its own. Markets react
// to a play after a lag (each play its own, 80-120% of `lag`), so whoever
// sees the play on the scoreboard can read the price before and after.
//
// Life of a market: "active" from the round's scheduling through the game,
// "closed" when the game is final, "settled" with its result `settle` later,
// "finalized" `settle` after that. A round's markets are listed until the
// next round kicks off and answer by ticker for two more rounds.
//
// Tickers are unique among the kept rounds: past 16 games a round repeats
// matchups, and only the first game of a ticker gets markets; a later round
// reusing a ticker (the same matchup the same UTC day, which an accelerated
// league reaches after 62 rounds) replaces the older game's markets.
//
// Everything is a function of the league's seed and its clock: the same
// plays at the same times give the same prices, however often anyone looks.
// Not thread-safe: the league drives it under its own lock.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "adapters/markets/page.hpp"
#include "adapters/markets/types.hpp"
#include "adapters/sim/teams.hpp"
#include "adapters/sports/types.hpp"

namespace playclock::league {

/// The series of the game-winner markets.
inline constexpr const char* game_series = "KXNFLGAME";

/// Points the home team is expected to win by (positive: home favoured),
/// the engine's average margin for the two teams' ratings (the engine has
/// no home-field advantage).
double home_spread(const sim::team_profile& home, const sim::team_profile& away);

/// Kalshi's code of a team given ESPN's abbreviation: "JAX" -> "JAC", "WSH"
/// -> "WAS", "LAR" -> "LA", others unchanged.
std::string kalshi_team_code(const std::string& espn_abbreviation);

/// "KXNFLGAME-26JAN12HOUPIT" for a kick-off at "2026-01-12T17:00Z" (its UTC
/// date) and ESPN abbreviations; empty if `start_time` is not ISO 8601.
std::string game_event_ticker(const std::string& start_time, const std::string& away,
                              const std::string& home);

struct market_options {
  std::uint64_t seed = 1;
  /// Wall time between a play and the price adopting it.
  std::chrono::milliseconds lag{3000};
  /// Bound of the price noise, in probability (0: the model's prices).
  double noise = 0.015;
  /// Wall time from closed to settled, and from settled to finalized.
  std::chrono::milliseconds settle{10000};
};

/// A query the markets cannot answer (bad cursor or status): Kalshi's 400.
struct market_query_error {
  std::string message;
};

/// One game as the markets need it when its round is scheduled.
struct market_game {
  /// The game before kick-off (id, teams, start_time, state pre).
  sports::game game;
  double home_spread = 0;
};

class simulated_markets {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  /// `origin` on the league's clock is `wall_origin` in UTC.
  simulated_markets(market_options opts, time_point origin,
                    std::chrono::system_clock::time_point wall_origin);

  /// Round `round` is scheduled at `opened` to kick off at `kickoff` and
  /// expected to end about `expected_end`: its games' markets open (games in
  /// slot order). Forgets rounds older than round - 2.
  void open_round(int round, time_point opened, time_point kickoff, time_point expected_end,
                  const std::vector<market_game>& games);

  /// A play of `game_id` happened at `at`; `after` is the game's state after
  /// it (the last one is final: the markets close at `at`).
  void on_play(const std::string& game_id, time_point at, const sports::game& after,
               std::int64_t sequence);

  /// One page of the listed markets matching `q` (status "open", "closed",
  /// "settled" or "unopened"; series_ticker; event_ticker, comma-separated
  /// allowed; limit 0 = 100, at most 1000; cursor from a previous page),
  /// in round, game, away-then-home order.
  std::variant<markets::markets_page, market_query_error> list(const markets::markets_query& q,
                                                               time_point now) const;

  /// A market of a kept round by ticker.
  std::optional<markets::market> find(const std::string& ticker, time_point now) const;

  /// Its order book: a few levels of bids on each side around the price;
  /// empty sides once it closed.
  std::optional<markets::orderbook> book(const std::string& ticker, time_point now) const;

  /// The game a market (or event) ticker belongs to.
  std::optional<std::string> game_of(const std::string& ticker) const;

 private:
  struct price_event {
    /// When the price adopts it (non-decreasing along the game).
    time_point effective;
    /// P(home wins) after the play.
    double home_probability = 0;
    /// Sum of |change| of home_probability up to here (drives volume).
    double activity = 0;
  };
  struct game_book {
    int round = 0;
    int slot = 0;
    std::string game_id;
    std::string event_ticker;
    std::string title;
    sports::team home, away;
    /// Market tickers: away then home.
    std::string tickers[2];
    double home_spread = 0;
    time_point opened, kickoff, expected_end;
    /// Noise keys of the two markets.
    std::uint64_t keys[2] = {0, 0};
    std::vector<price_event> events;
    std::optional<time_point> closed;
    /// Final P(home wins): 1, 0 or 0.5 (tie).
    double final_home = 0.5;
  };
  struct quote {
    double price = 0;
    double bid = 0, ask = 0;
  };

  const game_book* book_of(const std::string& ticker, int* side) const;
  double model_price(const game_book& b, int side, time_point t) const;
  quote quote_at(const game_book& b, int side, time_point t) const;
  const char* status_at(const game_book& b, time_point t) const;
  markets::market make_market(const game_book& b, int side, time_point now) const;
  markets::orderbook make_book(const game_book& b, int side, time_point now) const;
  std::string wall_iso(time_point t) const;
  bool listed(const game_book& b, time_point now) const;

  market_options opts_;
  time_point origin_;
  std::chrono::system_clock::time_point wall_origin_;
  int round_ = -1;
  time_point kickoff_;
  /// Kept rounds' games in (round, slot) order.
  std::vector<game_book> books_;
  /// Game id and event ticker -> index in books_; market ticker -> index * 2
  /// + side (0 away, 1 home).
  std::unordered_map<std::string, std::size_t> by_game_;
  std::unordered_map<std::string, std::size_t> by_ticker_;
};

} // namespace playclock::league
