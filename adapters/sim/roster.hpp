#pragma once
// Game-day rosters for simulated teams: the players the engine names in play
// texts and records as participants, plus a team's style (pass tendency,
// kicker's leg). A pure function of the team, so a player keeps his name and
// id across games and box scores add up over a season.

#include <array>
#include <string>

#include "adapters/sports/types.hpp"

namespace playclock::sim {

/// One player.
struct player {
  /// Numeric-looking id, unique across the 32 teams ("9009003").
  std::string id;
  /// As play texts write it: "J.Love".
  std::string name;
  /// "QB", "RB", "WR", "TE", "K", "P", "LS", "OL", "DL", "LB", "CB", "S".
  std::string position;
};

/// The players a team uses, by position, and its style.
struct roster {
  player qb;
  std::array<player, 2> rb;
  std::array<player, 3> wr;
  player te;
  player k;
  player p;
  /// Long snapper ("Center-" in kick texts).
  player ls;
  std::array<player, 5> ol;
  std::array<player, 4> dl;
  std::array<player, 3> lb;
  /// Two cornerbacks, then two safeties.
  std::array<player, 4> db;
  /// Added to the pass probability of every call (about -0.05..+0.05).
  double pass_tendency = 0;
  /// Kicker's leg, about -1..+1: shifts field-goal accuracy and range.
  double kicker_leg = 0;
};

/// The roster of a team: deterministic in its id and abbreviation.
roster make_roster(const sports::team& t);

/// The player as a play participant in `role` ("passer", "tackler", ...).
sports::participant as_participant(const player& p, const char* role);

} // namespace playclock::sim
