// The environment layer: PLAYCLOCK_* overrides and conventional aliases.
#include <algorithm>
#include <cctype>

#include <unistd.h>

#include "config/layers.hpp"
#include "config/loader.hpp"

namespace playclock::config {
namespace {

constexpr std::string_view prefix = "PLAYCLOCK_";

/// HTTP__LISTEN -> http.listen
std::string to_path(std::string_view rest) {
  std::string path;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest.compare(i, 2, "__") == 0) {
      path += '.';
      ++i;
    } else {
      path += static_cast<char>(std::tolower(static_cast<unsigned char>(rest[i])));
    }
  }
  return path;
}

const key_spec* lookup(const std::vector<key_spec>& schema, std::string_view path) {
  auto it =
      std::find_if(schema.begin(), schema.end(), [&](const auto& k) { return k.path == path; });
  return it == schema.end() ? nullptr : &*it;
}

void apply_variable(const key_spec& k, const std::string& name, const std::string& text,
                    settings& s, std::vector<config_error>& errors,
                    std::vector<std::string>& applied) {
  std::string error;
  auto v = parse_env_value(k, text, error);
  if (!v) {
    errors.push_back({name, error});
    return;
  }
  if (auto msg = check_value(k, *v)) {
    errors.push_back({name, *msg});
    return;
  }
  k.set(s, *v);
  applied.push_back("env " + name);
}

} // namespace

std::vector<config_error> apply_environment(const std::map<std::string, std::string>& env,
                                            const std::vector<key_spec>& schema, settings& s,
                                            std::vector<std::string>& applied) {
  std::vector<config_error> errors;
  for (const auto& [name, text] : env) {
    if (name.rfind(prefix, 0) != 0) {
      continue;
    }
    auto rest = std::string_view{name}.substr(prefix.size());
    auto path = to_path(rest);
    const auto* k = lookup(schema, path);
    // Without "__" only a top-level key (PLAYCLOCK_PROFILE) counts: tools own
    // the other names (PLAYCLOCK_TEST_DATABASE_URL, PLAYCLOCK_REALDATA_DIR).
    if (rest.find("__") == std::string_view::npos && !k) {
      continue;
    }
    if (!k) {
      errors.push_back({name, "unknown setting " + path});
      continue;
    }
    apply_variable(*k, name, text, s, errors, applied);
  }
  for (const auto& k : schema) {
    if (k.env_alias.empty()) {
      continue;
    }
    // An empty alias counts as unset (compose files often pass VAR= through).
    auto it = env.find(k.env_alias);
    if (it != env.end() && !it->second.empty()) {
      apply_variable(k, it->first, it->second, s, errors, applied);
    }
  }
  return errors;
}

std::map<std::string, std::string> environment_map() {
  std::map<std::string, std::string> env;
  for (char** entry = ::environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text{*entry};
    auto eq = text.find('=');
    if (eq != std::string_view::npos) {
      env.emplace(std::string{text.substr(0, eq)}, std::string{text.substr(eq + 1)});
    }
  }
  return env;
}

} // namespace playclock::config
