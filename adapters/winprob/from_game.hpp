#pragma once
// The win-probability state of a scoreboard game (ESPN feed or simulator).

#include "adapters/sports/types.hpp"
#include "adapters/winprob/model.hpp"

namespace playclock::winprob {

/// Scores, period and clock of `g`; from its situation (if any) down,
/// distance, yards to the end zone, timeouts and possession (+1 when
/// situation.possession is the home abbreviation, -1 the away one, else 0).
/// Before kick-off (period 0) the state is 1st quarter 15:00; state post is
/// final.
game_state from_game(const sports::game& g, double home_spread);

} // namespace playclock::winprob
