#pragma once
// Whether a rule wants a candidate.

#include "adapters/alerts/types.hpp"

namespace playclock::alerts {

/// True when the candidate is of the rule's type and passes every filter the
/// rule sets (an empty list means any):
/// - teams: any of the candidate's teams is listed;
/// - games: the candidate's game id is listed;
/// - markets: the candidate's ticker is listed;
/// - min_impact: the candidate has a level and it is at least min_impact (a
///   candidate without a level never passes a rule that sets min_impact).
/// Team abbreviations and tickers compare ASCII case-insensitively, game ids
/// exactly.
bool matches(const rule& r, const candidate& c);

} // namespace playclock::alerts
