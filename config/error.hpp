#pragma once
// The one error type of the config library: a path and what is wrong there.

#include <string>

namespace playclock::config {

/// One problem found while loading or checking the configuration.
struct config_error {
  /// Where: a key path ("http.listen"), an environment variable
  /// ("PLAYCLOCK_HTTP__LISTEN") or a file name.
  std::string path;
  /// What is wrong, never containing a secret's value.
  std::string message;

  /// "path: message" (just the message if there is no path).
  std::string to_string() const { return path.empty() ? message : path + ": " + message; }
};

} // namespace playclock::config
