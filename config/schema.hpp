#pragma once
// The schema: one entry per setting (path, kind, default, checks, docs and access
// to its field in `settings`). The loader, the JSON dump and the docs are all
// driven by this table, so a new setting is a field in settings.hpp plus one
// entry in schema.cpp.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config/error.hpp"
#include "config/settings.hpp"

namespace playclock::config {

/// How a key's value is written in a file or the environment, and checked.
enum class value_kind {
  string,      ///< any string
  integer,     ///< signed integer within [min, max]
  size,        ///< unsigned integer (bytes, counts, seeds) within [min, max]
  number,      ///< finite floating-point number within [min, max]; integers accepted
  boolean,     ///< true or false (env: also 1/0/yes/no)
  enumeration, ///< one of `allowed`
  address,     ///< host:port with a port in 1-65535
  string_list, ///< JSON array of strings (env: JSON array or comma-separated)
  json,        ///< any JSON value, checked and stored by the key's own function
};

/// Name of a kind for messages and docs ("integer", "host:port", ...).
std::string_view to_string(value_kind k);

/// How a secret key is shown in logs, dumps and docs.
enum class secrecy {
  none,         ///< not secret
  whole,        ///< replaced by "***"
  url_password, ///< a URL whose password part is replaced by "***"
  json_tokens,  ///< JSON whose "token" members are replaced by "***"
};

/// A key's value in kind-neutral form. integer -> int64, size -> uint64,
/// number -> double, boolean -> bool, string/enumeration/address -> string,
/// string_list -> vector, json -> compact JSON text in the string.
using setting_value =
    std::variant<bool, std::int64_t, std::uint64_t, std::string, std::vector<std::string>, double>;

/// Checks a value beyond its kind's built-in checks; returns the message
/// ("must start with postgresql://") or nothing if the value is fine.
using value_check = std::function<std::optional<std::string>(const setting_value&)>;

/// One setting.
struct key_spec {
  /// Dotted JSON path: "http.listen", "profile".
  std::string path;
  value_kind kind = value_kind::string;
  /// One line for the docs.
  std::string doc;
  secrecy secret = secrecy::none;
  /// Inclusive bounds of integer, size and number kinds; unset = unbounded.
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
  /// Allowed values of an enumeration.
  std::vector<std::string> allowed;
  /// A second environment variable that overrides the key last ("DATABASE_URL").
  std::string env_alias;
  /// Extra check run after the kind's own checks; may be empty.
  value_check check;
  /// Reads the field.
  std::function<setting_value(const settings&)> get;
  /// Writes the field; only called with a value that passed check_value.
  std::function<void(settings&, const setting_value&)> set;
  /// The value of a default-constructed `settings`.
  setting_value default_value;

  /// PLAYCLOCK_ + the path upper-cased, dots as "__": PLAYCLOCK_HTTP__LISTEN.
  std::string env_name() const;
  bool is_secret() const { return secret != secrecy::none; }
};

/// A check spanning several keys, run on the merged settings.
struct cross_check {
  /// The key the error is reported at.
  std::string path;
  /// Returns the message if the settings violate the rule.
  std::function<std::optional<std::string>(const settings&)> check;
};

/// Every setting, in documentation order.
const std::vector<key_spec>& keys();

/// The cross-field rules.
const std::vector<cross_check>& cross_checks();

/// The key at `path`, or nullptr.
const key_spec* find_key(std::string_view path);

/// Checks a value of the key's kind against its constraints; returns the
/// message without the path ("must be between 1 and 64"), never echoing a secret.
std::optional<std::string> check_value(const key_spec& k, const setting_value& v);

/// Every key's constraints plus the cross-field rules applied to `s`.
std::vector<config_error> validate(const settings& s);

/// The bounds of a numeric key as text: "between 1 and 64", ">= 1024", "> 0";
/// empty if unbounded.
std::string range_text(const key_spec& k);

/// A number as docs and messages show it: integral values without a fraction
/// ("60"), others in the shortest form that reads back exactly ("0.25").
std::string number_text(double v);

/// Parses "host:port" (IPv6 hosts in brackets); returns the message if invalid.
std::optional<std::string> check_address(std::string_view text);

} // namespace playclock::config
