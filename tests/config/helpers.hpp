#pragma once
// Small helpers shared by the config tests.

#include <string>
#include <vector>

#include "config/loader.hpp"
#include "tests/config/temp_file.hpp"

namespace playclock::config::test {

/// The errors of a load as "path: message" lines.
inline std::vector<std::string> messages(const load_result& r) {
  std::vector<std::string> out;
  for (const auto& e : r.errors) {
    out.push_back(e.to_string());
  }
  return out;
}

/// Loads `json` as the config file with the given environment.
inline load_result load_json(const std::string& json, std::map<std::string, std::string> env = {}) {
  temp_file file{json};
  return load({file.path(), "", std::move(env)});
}

/// Loads `json` and returns its errors with the temp file's name replaced by "FILE".
inline std::vector<std::string> errors_of(const std::string& json) {
  temp_file file{json};
  auto out = messages(load({file.path(), "", {}}));
  for (auto& line : out) {
    if (line.rfind(file.path(), 0) == 0) {
      line = "FILE" + line.substr(file.path().size());
    }
  }
  return out;
}

} // namespace playclock::config::test
