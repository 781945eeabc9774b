#pragma once
// Loading the configuration of a node. Precedence, lowest first:
//   built-in defaults <- profile overlay (embedded profiles/<name>.json)
//   <- the config file <- PLAYCLOCK_* variables <- DATABASE_URL.
// The profile is --profile, else PLAYCLOCK_PROFILE, else the file's "profile",
// else "development".

#include <map>
#include <string>
#include <vector>

#include "config/error.hpp"
#include "config/settings.hpp"

namespace playclock::config {

/// What to load.
struct load_options {
  /// Config file (JSON); empty = none.
  std::string file;
  /// From --profile; empty = not given.
  std::string profile;
  /// The process environment (environment_map()); tests pass their own.
  std::map<std::string, std::string> env;
};

/// The loaded settings and everything wrong with the inputs.
struct load_result {
  /// Defaults, overridden by every valid value found.
  settings values;
  /// Every problem found, in the order found; empty = ok.
  std::vector<config_error> errors;
  /// What was applied, in order: "defaults", "profile development",
  /// "file /etc/playclock.json", "env PLAYCLOCK_HTTP__LISTEN", "env DATABASE_URL".
  std::vector<std::string> sources;

  bool ok() const { return errors.empty(); }
};

/// Loads the settings; never throws on bad input, reports it in `errors`.
load_result load(const load_options& opts);

/// The process environment (::environ) as a map.
std::map<std::string, std::string> environment_map();

/// Pretty JSON of every key, nested by path. With `redact_secrets` secret values
/// are "***" (URLs: only the password part).
std::string render_json(const settings& s, bool redact_secrets = true);

/// postgresql://user:secret@host/db -> postgresql://user:***@host/db; also
/// replaces the value of password=... parameters.
std::string redact_url(const std::string& url);

} // namespace playclock::config
