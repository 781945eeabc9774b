#pragma once
// The layers the loader stacks onto the defaults: JSON documents (a profile
// overlay, the config file) and the environment. Each takes the schema as a
// parameter so tests can exercise kinds no current setting uses. A value that
// fails its kind or checks is reported and not applied.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/error.hpp"
#include "config/schema.hpp"
#include "config/settings.hpp"

namespace playclock::config {

/// Applies a JSON document (the text of one object) onto `s`. Unknown keys,
/// wrong types and failed checks are errors at the key's full path; invalid JSON
/// or a non-object document is one error at `origin` (a file name).
std::vector<config_error> apply_document(std::string_view json, const std::string& origin,
                                         const std::vector<key_spec>& schema, settings& s);

/// The top-level string member `key` of a JSON document, if it parses and has one.
std::optional<std::string> peek_string(std::string_view json, std::string_view key);

/// Applies the environment onto `s`: first PLAYCLOCK_* overrides (names with "__",
/// or the name of a top-level key such as PLAYCLOCK_PROFILE) in name order, then
/// the keys' aliases (DATABASE_URL). Errors are at the variable's name. Appends
/// "env NAME" to `applied` for each variable applied.
std::vector<config_error> apply_environment(const std::map<std::string, std::string>& env,
                                            const std::vector<key_spec>& schema, settings& s,
                                            std::vector<std::string>& applied);

/// Converts an environment string to a value of the key's kind: integers and
/// numbers strictly (the whole text, finite, no spaces or '+'), booleans from
/// true/false/1/0/yes/no, lists from a JSON array or "a,b", json kinds by
/// parsing the text. On failure returns nothing and sets `error`.
std::optional<setting_value> parse_env_value(const key_spec& k, const std::string& text,
                                             std::string& error);

} // namespace playclock::config
