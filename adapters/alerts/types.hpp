#pragma once
// The alerts domain: rules tenants subscribe to, the candidates the router
// builds from events, and the alerts it decides to send. Plain C++, no CAF.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace playclock::alerts {

enum class alert_type { score, big_play, turnover, injury, price_spike, correlation, edge };
/// "score", "big_play", "turnover", "injury", "price_spike", "correlation", "edge".
const char* to_string(alert_type t);
std::optional<alert_type> parse_alert_type(std::string_view s);
/// Every type, in the order above (for docs and validation messages).
const std::vector<alert_type>& all_alert_types();

enum class channel { telegram, webhook, log };
/// "telegram", "webhook", "log".
const char* to_string(channel c);
std::optional<channel> parse_channel(std::string_view s);

enum class priority { normal, high };
/// "normal", "high".
const char* to_string(priority p);
std::optional<priority> parse_priority(std::string_view s);

/// How much a market moved after a play, in percentage points of the yes
/// price: extreme > 20, high 10-20, medium 5-10, low < 5.
enum class impact { low, medium, high, extreme };
const char* to_string(impact i);
std::optional<impact> parse_impact(std::string_view s);
/// The level of a move of `points` percentage points (sign ignored): |p| > 20
/// extreme, 10 < |p| <= 20 high, 5 < |p| <= 10 medium, else low (a value on a
/// boundary takes the lower level; NaN is low).
impact impact_of(double points);

/// Which happenings a rule wants; an empty list means any.
struct filters {
  /// Team abbreviations ("KC"); match if the happening involves any of them.
  std::vector<std::string> teams;
  std::vector<std::string> games;
  /// Market tickers.
  std::vector<std::string> markets;
  /// Correlations and spikes below this level do not match.
  std::optional<impact> min_impact;
};

/// A tenant's subscription.
struct rule {
  std::int64_t id = 0;
  std::string tenant;
  alert_type type = alert_type::score;
  channel via = channel::log;
  /// Telegram chat id, webhook URL, or a label for the log channel.
  std::string target;
  filters only;
  /// Minimum time between two alerts of this rule for the same key.
  int cooldown_s = 300;
  /// high bypasses the tenant's daily limit.
  priority level = priority::normal;
};

/// Something that happened that rules may want, built by the router from an
/// event; formatted once, matched against every rule of its type.
struct candidate {
  alert_type type = alert_type::score;
  /// What cooldowns are keyed on within a rule: "<game>:<team>" for a score,
  /// "<game>" for plays, the ticker for markets, "<team>:<player>" for injuries.
  std::string key;
  /// Unique id of the happening (a play id, a snapshot time): with the rule it
  /// makes the alert's idempotency key, so a replayed event is a duplicate.
  std::string event_id;
  std::string game_id;
  /// Abbreviations of the teams involved.
  std::vector<std::string> teams;
  std::string ticker;
  /// For correlations, spikes and edges.
  std::optional<impact> level;
  /// Urgency of the happening itself (an extreme correlation is high).
  priority urgency = priority::normal;
  /// Readable text: "Chiefs 21 @ Bills 17 - Chiefs score 7 points! Q3 8:24".
  std::string message;
  /// The happening as a JSON object, for webhooks and the history.
  std::string payload_json;
};

/// An alert the router decided on for one rule.
struct alert {
  /// Idempotency key: stable for (rule, type, key, event id).
  std::string id;
  std::string tenant;
  std::int64_t rule_id = 0;
  alert_type type = alert_type::score;
  std::string key;
  priority level = priority::normal;
  channel via = channel::log;
  std::string target;
  std::string message;
  std::string payload_json;
  /// When the happening was detected, unix milliseconds (0 = unknown).
  std::int64_t detected_at_ms = 0;
};

} // namespace playclock::alerts
