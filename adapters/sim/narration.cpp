#include "adapters/sim/narration.hpp"

namespace playclock::sim {

std::string spot_text(const std::string& offense, const std::string& defense,
                      int yards_to_endzone) {
  if (yards_to_endzone == 50)
    return "50";
  if (yards_to_endzone > 50)
    return offense + " " + std::to_string(100 - yards_to_endzone);
  return defense + " " + std::to_string(yards_to_endzone);
}

std::string for_yards(int yards) {
  if (yards == 0)
    return "for no gain";
  return "for " + std::to_string(yards) + (yards == 1 ? " yard" : " yards");
}

namespace {

std::string tackled_by(const scrimmage_outcome& o) {
  if (o.tacklers.empty())
    return "";
  std::string s = " (" + o.tacklers[0]->name;
  for (std::size_t i = 1; i < o.tacklers.size(); ++i)
    s += "; " + o.tacklers[i]->name;
  return s + ")";
}

std::string prefix(const scrimmage_outcome& o, tempo pace) {
  bool hurry = pace == tempo::hurry;
  if (hurry && o.shotgun)
    return "(No Huddle, Shotgun) ";
  if (hurry)
    return "(No Huddle) ";
  return o.shotgun ? "(Shotgun) " : "";
}

// "to ATL 28 for 3 yards (X)." / "pushed ob at ..." / "for 6 yards, TOUCHDOWN."
std::string gain_text(const scrimmage_outcome& o, const snap_view& v) {
  if (o.touchdown)
    return " " + for_yards(o.yards) + ", TOUCHDOWN.";
  std::string where = spot_text(v.offense, v.defense, v.yards_to_endzone - o.yards);
  std::string how = o.out_of_bounds ? " ran ob at " : " to ";
  return how + where + " " + for_yards(o.yards) + tackled_by(o) + ".";
}

std::string fumble_text(const scrimmage_outcome& o, const snap_view& v) {
  int at = v.yards_to_endzone - o.yards;
  std::string spot = at >= 100 ? "End Zone" : spot_text(v.offense, v.defense, at);
  std::string forced = o.defender ? " (" + o.defender->name + ")" : "";
  if (!o.fumble_lost)
    return " FUMBLES" + forced + ", recovered by " + v.offense + "-" + o.recoverer->name + " at " +
           spot + ".";
  std::string s = " FUMBLES" + forced + ", RECOVERED by " + v.defense + "-" + o.recoverer->name +
                  " at " + spot + ".";
  if (o.return_touchdown)
    return s + " " + o.recoverer->name + " " + for_yards(o.return_yards) + ", TOUCHDOWN.";
  if (o.return_yards > 0)
    s += " " + o.recoverer->name + " to " +
         spot_text(v.defense, v.offense, o.defense_yards_to_endzone) + " " +
         for_yards(o.return_yards) + ".";
  return s;
}

std::string interception_text(const scrimmage_outcome& o, const snap_view& v) {
  std::string s = o.passer->name + " pass " + o.direction + " intended for " + o.carrier->name +
                  " INTERCEPTED by " + o.defender->name;
  int at = v.yards_to_endzone - o.air_yards;
  if (at <= 0)
    s += " in End Zone.";
  else
    s += " at " + spot_text(v.offense, v.defense, at) + ".";
  if (o.touchback)
    return s + " Touchback.";
  if (o.return_touchdown)
    return s + " " + o.defender->name + " " + for_yards(o.return_yards) + ", TOUCHDOWN.";
  return s + " " + o.defender->name + " to " +
         spot_text(v.defense, v.offense, o.defense_yards_to_endzone) + " " +
         for_yards(o.return_yards) + tackled_by(o) + ".";
}

} // namespace

std::string describe_snap(const scrimmage_outcome& o, const snap_view& v) {
  const std::string pre = prefix(o, v.pace);
  switch (o.kind) {
  case outcome_kind::kneel:
    return o.carrier->name + " kneels to " +
           spot_text(v.offense, v.defense, v.yards_to_endzone - o.yards) + " " +
           for_yards(o.yards) + ".";
  case outcome_kind::spike:
    return o.passer->name + " spiked the ball to stop the clock.";
  case outcome_kind::interception:
    return pre + interception_text(o, v);
  case outcome_kind::incomplete:
    return pre + o.passer->name + " pass incomplete " + o.direction + " to " + o.carrier->name +
           (o.defender ? " (" + o.defender->name + ")" : std::string()) + ".";
  case outcome_kind::sack: {
    std::string s = pre + o.carrier->name;
    if (o.safety)
      s += " sacked in End Zone " + for_yards(o.yards) + ", SAFETY (" + o.defender->name + ").";
    else
      s += " sacked at " + spot_text(v.offense, v.defense, v.yards_to_endzone - o.yards) + " " +
           for_yards(o.yards) + " (" + o.defender->name + ").";
    return o.fumble ? s + fumble_text(o, v) : s;
  }
  default:
    break;
  }
  std::string s = pre;
  if (o.kind == outcome_kind::complete)
    s += o.passer->name + " pass " + o.direction + " to " + o.carrier->name;
  else
    s += o.carrier->name + (o.kind == outcome_kind::scramble ? " scrambles " : " ") + o.direction;
  if (o.safety)
    s += " tackled in End Zone " + for_yards(o.yards) + ", SAFETY" + tackled_by(o) + ".";
  else
    s += gain_text(o, v);
  return o.fumble ? s + fumble_text(o, v) : s;
}

std::string describe_kickoff(const kick_result& k, int from, const std::string& kicking,
                             const std::string& receiving, const player& kicker,
                             const player* returner, const player* tackler, const player* keeper) {
  const std::string from_spot = kicking + " " + std::to_string(from);
  if (k.onside) {
    std::string s = kicker.name + " kicks onside " + std::to_string(k.kick_yards) + " yards from " +
                    from_spot + " to " + spot_text(kicking, receiving, 100 - from - k.kick_yards) +
                    ".";
    if (k.kept)
      return s + " RECOVERED by " + kicking + "-" + keeper->name + ".";
    return s + " " + returner->name + " to " + spot_text(receiving, kicking, k.yards_to_endzone) +
           " for no gain.";
  }
  std::string s =
      kicker.name + " kicks " + std::to_string(k.kick_yards) + " yards from " + from_spot;
  if (k.touchback)
    return s + " to end zone, Touchback.";
  std::string land = spot_text(receiving, kicking, 100 - k.landing);
  if (k.out_of_bounds)
    return s + " out of bounds at " + land + ".";
  s += " to " + land + ". " + returner->name;
  if (k.touchdown)
    return s + " " + for_yards(k.return_yards) + ", TOUCHDOWN.";
  return s + " to " + spot_text(receiving, kicking, k.yards_to_endzone) + " " +
         for_yards(k.return_yards) + " (" + tackler->name + ").";
}

std::string describe_punt(const punt_result& p, const std::string& kicking,
                          const std::string& receiving, const roster& kickers,
                          const player* returner, const player* cover) {
  std::string s = kickers.p.name + " punts " + std::to_string(p.gross) + " yards to ";
  const std::string center = ", Center-" + kickers.ls.name;
  if (p.how == punt_result::end::touchback)
    return s + "end zone" + center + ", Touchback.";
  s += spot_text(receiving, kicking, 100 - p.landing) + center;
  switch (p.how) {
  case punt_result::end::fair_catch:
    return s + ", fair catch by " + returner->name + ".";
  case punt_result::end::downed:
    return s + ", downed by " + kicking + "-" + cover->name + ".";
  case punt_result::end::out_of_bounds:
    return s + ", out of bounds.";
  default:
    break;
  }
  s += ". " + returner->name;
  if (p.touchdown)
    return s + " " + for_yards(p.return_yards) + ", TOUCHDOWN.";
  return s + " to " + spot_text(receiving, kicking, p.yards_to_endzone) + " " +
         for_yards(p.return_yards) + " (" + cover->name + ").";
}

std::string describe_field_goal(int distance, const field_goal_result& f, const roster& kickers) {
  std::string s = kickers.k.name + " " + std::to_string(distance) + " yard field goal is ";
  s += f.good ? "GOOD" : std::string("No Good, ") + f.miss;
  return s + ", Center-" + kickers.ls.name + ", Holder-" + kickers.p.name + ".";
}

std::string describe_extra_point(bool good, const roster& kickers) {
  return kickers.k.name + " extra point is " + (good ? "GOOD" : "No Good") + ", Center-" +
         kickers.ls.name + ", Holder-" + kickers.p.name + ".";
}

std::string describe_two_point(bool good, const player& passer, const player* receiver,
                               const player* rusher) {
  std::string s = "TWO-POINT CONVERSION ATTEMPT. ";
  if (receiver)
    s += passer.name + " pass to " + receiver->name + " is " + (good ? "complete" : "incomplete");
  else
    s += rusher->name + " rushes up the middle";
  return s + (good ? ". ATTEMPT SUCCEEDS." : ". ATTEMPT FAILS.");
}

std::string describe_foul(const foul& f, const std::string& team, const player* who, int yards,
                          const std::string& spot, bool no_play) {
  int n = yards < 0 ? -yards : yards;
  std::string s = "PENALTY on " + team + (who ? "-" + who->name : std::string()) + ", " + f.name +
                  ", " + std::to_string(n) + (n == 1 ? " yard" : " yards") + ", enforced at " +
                  spot;
  return s + (no_play ? " - No Play." : ".");
}

std::string describe_declined(const foul& f, const std::string& team, const player* who) {
  return "Penalty on " + team + (who ? "-" + who->name : std::string()) + ", " + f.name +
         ", declined.";
}

} // namespace playclock::sim
