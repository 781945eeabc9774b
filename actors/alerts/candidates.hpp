#pragma once
// What the alert router makes of an event: zero or more candidates (plain
// C++, no actor), each matched against the rules of its type.
//
// - score_changed: a score candidate when the score went up (event id the
//   new score, so a replayed event is a duplicate); a correction down is
//   not an alert.
// - play_added: big_play for the tag big_play, turnover for turnover (a
//   play may be both); event id the play id.
// - injury_reported: only a change *into* a serious status (Out, Doubtful,
//   Injured Reserve / IR, compared case-insensitively) from a different one;
//   Questionable or a return to Active is no alert.
// - price_moved: price_spike; correlation_measured: correlation;
//   edge_detected: edge. Event ids are the observation times.

#include <vector>

#include "adapters/alerts/types.hpp"
#include "messages/games.hpp"
#include "messages/markets.hpp"

namespace playclock::alert_candidates {

std::vector<alerts::candidate> of(const score_changed& e);
std::vector<alerts::candidate> of(const play_added& e);
std::vector<alerts::candidate> of(const injury_reported& e);
std::vector<alerts::candidate> of(const price_moved& e);
std::vector<alerts::candidate> of(const correlation_measured& e);
std::vector<alerts::candidate> of(const edge_detected& e);

/// True for Out, Doubtful, Injured Reserve and IR (any case).
bool serious_injury_status(const std::string& status);

} // namespace playclock::alert_candidates
