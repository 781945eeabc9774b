#pragma once
// The live-games domain, independent of any feed format: what the ESPN
// adapter parses into, what the simulated league produces, what game actors
// hold and storage writes. Plain structs, no CAF.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace playclock::sports {

/// Where a game stands (ESPN's status.type.state).
enum class game_state { pre, in, post };

/// "pre", "in", "post".
const char* to_string(game_state s);

/// Parses "pre", "in", "post"; nullopt otherwise.
std::optional<game_state> parse_game_state(const std::string& s);

struct team {
  /// Feed id of the team ("1" for ATL at ESPN).
  std::string id;
  /// "ATL".
  std::string abbreviation;
  /// "Atlanta Falcons".
  std::string name;
};

struct venue {
  std::string id;
  std::string name;
  std::string city;
  std::string state;
  /// Indoor (dome or closed roof): no weather polling.
  bool indoor = false;
};

/// Down and distance of a game in progress.
struct situation {
  int down = 0;
  int distance = 0;
  /// Yards from the possessing team to the opponent's end zone (1-99).
  int yards_to_endzone = 0;
  /// Abbreviation of the team with the ball; empty between possessions.
  std::string possession;
  bool red_zone = false;
  int home_timeouts = 3;
  int away_timeouts = 3;
  /// Id of the latest play (ESPN situation.lastPlay.id); a new one means new
  /// play-by-play even when nothing else on the scoreboard moved (a timeout).
  std::string last_play_id;
};

/// One game as a scoreboard shows it.
struct game {
  std::string id;
  int season = 0;
  /// 1 preseason, 2 regular season, 3 postseason.
  int season_type = 2;
  int week = 0;
  /// Kick-off, ISO 8601 UTC ("2023-09-17T17:00Z").
  std::string start_time;
  game_state state = game_state::pre;
  /// "11:50 - 2nd Quarter", "Final", "Sun, September 17th at 1:00 PM EDT".
  std::string status_detail;
  team home;
  team away;
  int home_score = 0;
  int away_score = 0;
  /// Quarter; 5+ is overtime; 0 before kick-off.
  int period = 0;
  /// "11:50".
  std::string clock;
  /// Seconds left in the period.
  double clock_seconds = 0;
  venue where;
  std::optional<situation> now;
};

/// A player involved in a play.
struct participant {
  std::string player_id;
  /// "J.Love".
  std::string name;
  /// passer, rusher, receiver, kicker, punter, returner, tackler, sacker,
  /// interceptor, fumbler, recoverer, penalized.
  std::string role;
};

/// One play of the play-by-play.
struct play {
  /// Feed id, unique within the game; the natural key with the game id.
  std::string id;
  /// Order within the game (ESPN sequenceNumber).
  std::int64_t sequence = 0;
  std::string drive_id;
  int period = 0;
  std::string clock;
  /// Abbreviation of the team with the ball at the snap.
  std::string team;
  /// Feed play type ("Pass Reception", "Rush", "Field Goal Good", ...).
  std::string type;
  std::string text;
  /// When the play happened, ISO 8601 UTC (ESPN wallclock); empty if the
  /// feed does not say.
  std::string wallclock;
  /// Yards gained (ESPN statYardage).
  int yards = 0;
  /// Situation at the snap; 0 where the feed gives none (kickoffs).
  int start_down = 0;
  int start_distance = 0;
  int start_yards_to_endzone = 0;
  /// Score after the play.
  int home_score = 0;
  int away_score = 0;
  bool scoring = false;
  /// Points this play scored (6, 3, 1, 2); 0 if none.
  int score_value = 0;
  /// Who was involved, when the feed says (the simulated league always does).
  std::vector<participant> players;
};

/// One drive, as the summary groups plays.
struct drive {
  std::string id;
  std::string team;
  /// "3 plays, 37 yards, 1:06".
  std::string description;
  /// "PUNT", "TD", "FG", ...
  std::string result;
  int yards = 0;
  bool scoring = false;
  std::vector<play> plays;
};

/// One player's injury report entry.
struct injury {
  /// Team abbreviation.
  std::string team;
  std::string player_id;
  std::string player_name;
  std::string position;
  /// "Out", "Questionable", "Doubtful", "Injured Reserve", "Active", ...
  std::string status;
  /// Body part or comment ("Knee", "Hamstring").
  std::string detail;
  /// When reported, ISO 8601 UTC; may be empty.
  std::string date;
};

/// What a summary (play-by-play) response holds.
struct game_summary {
  /// The game as the summary's header has it (state, score, teams).
  std::optional<game> header;
  std::vector<drive> drives;
  /// Ids of the scoring plays (ESPN scoringPlays).
  std::vector<std::string> scoring_play_ids;
  std::vector<injury> injuries;
  /// Every play of every drive, in sequence order.
  std::vector<play> all_plays() const;
};

/// One forecast slot (OpenWeatherMap 5 day / 3 hour format).
struct forecast {
  /// Start of the slot, unix seconds.
  std::int64_t time = 0;
  double temperature_c = 0;
  double wind_speed_ms = 0;
  /// Rain + snow in the slot's 3 hours.
  double precipitation_mm = 0;
  double humidity_pct = 0;
  /// "light rain".
  std::string description;
};

} // namespace playclock::sports
