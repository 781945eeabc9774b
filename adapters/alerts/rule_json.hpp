#pragma once
// Rules as JSON: the HTTP body a tenant posts to create a rule (strictly
// validated, every error naming the field), the rule as the API shows it, and
// the filters as stored in a jsonb column.

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "adapters/alerts/types.hpp"

namespace playclock::alerts {

/// What is wrong with a rule body, and where.
struct rule_error {
  /// Path of the offending value: "type", "filters.teams[2]", "cooldown_s";
  /// empty when the body as a whole is wrong (not JSON, not an object).
  std::string field;
  /// "must be a string", "unknown field", ...
  std::string message;
};

/// "field: message" (just the message if there is no field).
std::string to_string(const rule_error& e);

/// Limits on a rule body.
inline constexpr std::size_t max_rule_body_bytes = 64 * 1024;
inline constexpr std::size_t max_filter_entries = 100;
inline constexpr int max_cooldown_s = 86400;
inline constexpr std::size_t max_log_target_chars = 200;
inline constexpr std::size_t max_webhook_url_bytes = 2048;

/// Parses the body of a rule-creating request for `tenant`:
///
///     {"type": "score", "channel": "telegram", "target": "-100123",
///      "filters": {"teams": ["KC"], "games": ["401547417"],
///                  "markets": ["KXNFLGAME-25SEP07BALBUF-BUF"], "min_impact": "medium"},
///      "cooldown_s": 300, "priority": "normal"}
///
/// type, channel and target are required; filters (and each of its keys),
/// cooldown_s (integer 0..86400, default 300) and priority ("normal" or
/// "high", default normal) are optional, and null means absent. Unknown or
/// repeated keys are rejected by name. The target is checked per channel:
/// webhook an http:// or https:// URL with a host (and at most a valid port);
/// telegram a chat id (an integer, possibly negative) or "@channelname" (5 to
/// 32 letters, digits or underscores, starting with a letter); log any text
/// of 1 to 200 characters without control characters. Filter lists hold at
/// most 100 non-empty strings; team abbreviations are 1 to 8 ASCII letters or
/// digits and are upper-cased; repeated entries are dropped. The result's id
/// is 0 (the store assigns one).
std::variant<rule, rule_error> parse_rule(std::string_view json_body, const std::string& tenant);

/// {"id", "tenant", "type", "channel", "target", "filters": {...},
/// "cooldown_s", "priority"}.
std::string rule_to_json(const rule& r);

/// {"teams": [...], "games": [...], "markets": [...]} plus "min_impact" when
/// set: the filters as stored (jsonb) and shown.
std::string filters_to_json(const filters& f);

/// Reads filters_to_json's output (or any filters object parse_rule would
/// accept); nullopt if it is not one.
std::optional<filters> filters_from_json(std::string_view json);

} // namespace playclock::alerts
