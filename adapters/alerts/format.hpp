#pragma once
// Candidates from plain facts: the router turns its events into these facts
// and gets back a candidate with its key, event id, teams, level, readable
// message and JSON payload. Team abbreviations are shown as nicknames
// ("KC" -> "Chiefs") when the NFL table knows them, else as given.
//
// Shared conventions: the scoreline is "<away> <score> @ <home> <score>";
// the game time "Q1".."Q4" (period 5 and later "OT") then the clock, each part
// left out when unknown (period <= 0, empty clock); probabilities (0..1) are
// shown as whole percents and a move as the difference of the shown percents
// ("42% -> 55% (+13 pts)"), while the level uses the exact move.

#include <optional>
#include <string>
#include <vector>

#include "adapters/alerts/types.hpp"

namespace playclock::alerts {

/// The nickname of a team ("KC" -> "Chiefs", "sf" -> "49ers"; a few legacy
/// abbreviations such as "WAS", "LA", "JAC", "OAK" too); the abbreviation
/// itself when unknown.
std::string team_nickname(const std::string& abbreviation);

/// "Q3", "OT"; empty for period <= 0.
std::string period_label(int period);

struct score_fact {
  std::string game_id;
  /// Abbreviations.
  std::string home;
  std::string away;
  int home_score = 0;
  int away_score = 0;
  std::string scoring_team;
  int points = 0;
  int period = 0;
  std::string clock;
  std::string event_id;
};

/// "Chiefs 21 @ Bills 17 - Chiefs score 7 points! Q3 8:24"; key
/// "<game>:<scoring team>", teams {home, away}.
candidate score_candidate(const score_fact& f);

struct play_fact {
  std::string game_id;
  std::string home;
  std::string away;
  int home_score = 0;
  int away_score = 0;
  /// The team with the ball at the snap (for a turnover, the one losing it).
  std::string team;
  /// The play's text ("P.Mahomes pass deep right to T.Kelce").
  std::string description;
  /// Feed play type ("Pass Reception", "Interception Return"), if known.
  std::string play_type;
  int yards = 0;
  int period = 0;
  std::string clock;
  /// Unique within the game: the candidate's event id.
  std::string play_id;
  std::vector<std::string> tags;
};

/// "Bills 17 @ Chiefs 21 - Big play: Chiefs gain 45 yards (P.Mahomes pass deep
/// right to T.Kelce) Q2 3:10"; key "<game>".
candidate big_play_candidate(const play_fact& f);

/// What kind of turnover a play was: "interception", "fumble", "turnover on
/// downs", "blocked kick", "muffed punt", "safety"; empty if none is evident.
std::string turnover_kind(const play_fact& f);

/// "Bills 17 @ Chiefs 21 - Turnover: Bills lose the ball (interception) Q2
/// 3:10" (the description in the parentheses when the kind is not evident);
/// key "<game>".
candidate turnover_candidate(const play_fact& f);

struct injury_fact {
  std::string team;
  /// Feed id; the key uses it when given, else the name.
  std::string player_id;
  std::string player_name;
  std::string position;
  std::string status;
  std::string previous_status;
  std::string detail;
  std::string game_id;
  std::string event_id;
};

/// "Injury: Bills WR S.Diggs is Out (hamstring), was Questionable"; key
/// "<team>:<player id or name>".
candidate injury_candidate(const injury_fact& f);

struct spike_fact {
  std::string ticker;
  /// The market's title ("Chiefs win"), if known.
  std::string title;
  std::string game_id;
  std::vector<std::string> teams;
  /// Yes probabilities, 0..1.
  double before = 0;
  double after = 0;
  double seconds_between = 0;
  std::string event_id;
};

/// "Market KXNFLGAME-25SEP07KCBUF-KC (Chiefs win): 42% -> 55% (+13 pts) in 5 s";
/// level impact_of(the move in points); key the ticker.
candidate spike_candidate(const spike_fact& f);

struct correlation_fact {
  std::string game_id;
  std::string home;
  std::string away;
  /// The team that made the play and what it was ("touchdown"), if known.
  std::string team;
  std::string play_kind;
  std::string play_description;
  std::string ticker;
  /// Yes probabilities, 0..1, around the play.
  double before = 0;
  double after = 0;
  /// The correlator's move in points ((after - before) * 100 when not
  /// given) and level (impact_of(the move) when not given).
  std::optional<double> change_points;
  std::optional<impact> level;
  std::string play_id;
};

/// "Chiefs touchdown (P.Mahomes pass to T.Kelce) moved KXNFLGAME-...-KC 42% ->
/// 61% (+19 pts, high impact)"; urgency high when extreme; key the ticker,
/// event id the play id.
candidate correlation_candidate(const correlation_fact& f);

struct edge_fact {
  std::string ticker;
  std::string game_id;
  std::vector<std::string> teams;
  /// Yes probabilities, 0..1.
  double market_probability = 0;
  double model_probability = 0;
  std::string model_version;
  std::string event_id;
};

/// "Edge: KXNFLGAME-...-KC trades at 40% but the model says 58% (+18 pts)";
/// level impact_of(model - market in points); key the ticker.
candidate edge_candidate(const edge_fact& f);

} // namespace playclock::alerts
