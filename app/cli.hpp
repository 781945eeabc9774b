#pragma once
// Command line of playclockd. CAF's own option parser is not used: it wants
// --key=value only and exits on unknown options.

#include <optional>
#include <string>
#include <vector>

namespace playclock::app {

struct cli {
  enum class mode { run, check_config, print_config, describe_config, version, help };
  mode what = mode::run;
  /// --config FILE (or the FILE of --check-config FILE).
  std::string config_file;
  /// --profile NAME.
  std::string profile;
};

/// Parses argv; on a bad command line returns nullopt and sets `error`.
std::optional<cli> parse_cli(const std::vector<std::string>& args, std::string& error);

/// The --help text.
std::string usage();

} // namespace playclock::app
