#pragma once
// Which game a Kalshi market is about. Kalshi's NFL tickers name the game:
// event "KXNFLGAME-26JAN12HOUPIT" is series, date (yy MMM dd, the US date of
// the game) and the away then home abbreviations run together; market
// "KXNFLGAME-26JAN12HOUPIT-PIT" adds the outcome ("yes" = PIT wins). Other
// series of the same game (KXNFLSPREAD, KXNFLTOTAL, player props) share the
// middle part. Kalshi spells some teams differently from ESPN (JAC, WAS, LA
// for ESPN's JAX, WSH, LAR): everything here speaks ESPN's abbreviations.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters/markets/types.hpp"
#include "adapters/sports/types.hpp"

namespace playclock::kalshi {

/// ESPN's abbreviation for a team code as Kalshi (or ESPN) writes it: "JAC"
/// -> "JAX", "WAS" -> "WSH", "LA" -> "LAR", "OAK" -> "LV", "PIT" -> "PIT".
/// Empty if it is not an NFL team.
std::string normalize_team(std::string_view code);

/// Every way to read `code` ("HOUPIT") as two different known teams of 2-3
/// letters, in ESPN abbreviations ({"HOU", "PIT"}); empty if none. No two
/// codes Kalshi or ESPN use run together ambiguously, so this has at most one
/// element for real tickers (a test keeps it so).
std::vector<std::pair<std::string, std::string>> split_teams(std::string_view code);

/// What a game ticker says.
struct game_ticker {
  /// "KXNFLGAME".
  std::string series;
  /// The date in the ticker, "2026-01-12".
  std::string date;
  /// ESPN abbreviations.
  std::string away;
  std::string home;
  /// The team "yes" is about when the market's last part is one ("PIT"),
  /// in ESPN's spelling; empty for an event ticker and for other outcomes.
  std::string outcome;
  /// Everything after the event part as written ("PIT", "TIE", "PIT7",
  /// "PITJSMITH81-20"); empty for an event ticker.
  std::string outcome_code;
};

/// Reads "SERIES-YYMMMDDAWAYHOME[-OUTCOME...]" (an event or market ticker);
/// nullopt when it is not one: no date, an impossible date, teams that do
/// not split into two known different teams exactly one way.
std::optional<game_ticker> parse_game_ticker(std::string_view ticker);

/// Days between two "YYYY-MM-DD" dates (b - a); nullopt if either is not a
/// valid date.
std::optional<long> days_between(std::string_view a, std::string_view b);

/// A configured override: markets whose ticker starts with `ticker_prefix`
/// belong to `game_id`, and "yes" is about `team` (may be empty: then the
/// ticker's outcome team, if any).
struct mapping_rule {
  std::string ticker_prefix;
  std::string game_id;
  std::string team;
};

/// A market's game.
struct game_match {
  std::string game_id;
  /// The abbreviation "yes" wins for, as the game spells it; empty for a
  /// market that is not about one team (totals, props, a tie).
  std::string team;
  /// `team` is the home team.
  bool home = false;
};

/// Maps market tickers to games: configured rules first (the longest
/// matching prefix wins), then the ticker's teams and date against the known
/// games.
class ticker_mapper {
 public:
  explicit ticker_mapper(std::vector<mapping_rule> rules = {});

  /// The market's game among `games`. A parsed ticker matches a game with the
  /// same two teams (either order: neutral sites) whose kick-off UTC date is
  /// the ticker's date or the day after (an evening game in the US starts
  /// after midnight UTC); the closest fit wins (same order, same day).
  /// nullopt for non-game tickers and games not in the list. A rule maps
  /// even when its game is not in `games` (then `home` is false).
  std::optional<game_match> map(const markets::market& m,
                                const std::vector<sports::game>& games) const;
  /// The same for a bare ticker.
  std::optional<game_match> map(std::string_view ticker,
                                const std::vector<sports::game>& games) const;

  const std::vector<mapping_rule>& rules() const { return rules_; }

 private:
  const mapping_rule* rule_for(std::string_view ticker) const;

  std::vector<mapping_rule> rules_;
};

} // namespace playclock::kalshi
