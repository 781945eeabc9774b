// load(): stacks defaults, the profile overlay, the file and the environment.
#include "config/loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#include "config/layers.hpp"
#include "config/schema.hpp"

namespace playclock::config::embedded {
// Generated from config/profiles/*.json by config/CMakeLists.txt.
const std::vector<std::pair<const char*, const char*>>& profiles();
} // namespace playclock::config::embedded

namespace playclock::config {
namespace {

std::optional<std::string> read_file(const std::string& path, std::string& error) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    error = std::string{"cannot open config file: "} + std::strerror(errno);
    return std::nullopt;
  }
  std::string text;
  char buffer[8192];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
    text.append(buffer, n);
  }
  bool failed = std::ferror(f) != 0;
  int read_errno = errno;
  std::fclose(f);
  if (failed) {
    error = std::string{"cannot read config file: "} + std::strerror(read_errno);
    return std::nullopt;
  }
  return text;
}

const char* embedded_profile(const std::string& name) {
  auto file = name + ".json";
  for (const auto& [file_name, contents] : embedded::profiles()) {
    if (file == file_name) {
      return contents;
    }
  }
  return nullptr;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : ", ") + item;
  }
  return out;
}

/// The profile to apply, or nothing if the chosen name is invalid. Only a bad
/// --profile is reported here; bad env or file values are reported by their layer.
std::optional<std::string> choose_profile(const load_options& opts,
                                          const std::optional<std::string>& file_text,
                                          std::vector<config_error>& errors) {
  const auto& allowed = find_key("profile")->allowed;
  auto known = [&](const std::string& name) {
    return std::find(allowed.begin(), allowed.end(), name) != allowed.end();
  };
  std::optional<std::string> chosen;
  if (!opts.profile.empty()) {
    if (!known(opts.profile)) {
      errors.push_back({"profile", "unknown profile \"" + opts.profile +
                                       "\" (from --profile); must be one of " + join(allowed)});
      return std::nullopt;
    }
    return opts.profile;
  }
  if (auto it = opts.env.find("PLAYCLOCK_PROFILE"); it != opts.env.end()) {
    chosen = it->second;
  } else if (file_text) {
    chosen = peek_string(*file_text, "profile");
  }
  if (!chosen) {
    return settings{}.profile;
  }
  return known(*chosen) ? chosen : std::nullopt;
}

void append(std::vector<config_error>& to, std::vector<config_error> from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

} // namespace

load_result load(const load_options& opts) {
  load_result r;
  r.sources.emplace_back("defaults");

  std::optional<std::string> file_text;
  if (!opts.file.empty()) {
    std::string error;
    file_text = read_file(opts.file, error);
    if (!file_text) {
      r.errors.push_back({opts.file, error});
    }
  }

  auto profile = choose_profile(opts, file_text, r.errors);
  if (profile) {
    if (const char* overlay = embedded_profile(*profile)) {
      auto errors = apply_document(overlay, "profiles/" + *profile + ".json", keys(), r.values);
      for (auto& e : errors) {
        e.message += " (profile " + *profile + ")";
      }
      append(r.errors, std::move(errors));
      r.sources.push_back("profile " + *profile);
    } else {
      r.errors.push_back({"profile", "no built-in overlay for profile \"" + *profile + "\""});
    }
  }

  if (file_text) {
    auto errors = apply_document(*file_text, opts.file, keys(), r.values);
    // A document-level error (invalid JSON, not an object) means nothing applied.
    bool applied = std::none_of(errors.begin(), errors.end(),
                                [&](const auto& e) { return e.path == opts.file; });
    append(r.errors, std::move(errors));
    if (applied) {
      r.sources.push_back("file " + opts.file);
    }
  }

  append(r.errors, apply_environment(opts.env, keys(), r.values, r.sources));

  // The file and PLAYCLOCK_PROFILE may have written another (lower) choice.
  r.values.profile = profile.value_or(settings{}.profile);

  for (const auto& c : cross_checks()) {
    if (auto msg = c.check(r.values)) {
      r.errors.push_back({c.path, *msg});
    }
  }
  return r;
}

} // namespace playclock::config
