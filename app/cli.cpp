#include "app/cli.hpp"

namespace playclock::app {

std::string usage() {
  return "usage: playclockd [--config FILE] [--profile NAME]\n"
         "       playclockd --check-config FILE [--profile NAME]\n"
         "       playclockd --print-config [--config FILE] [--profile NAME]\n"
         "       playclockd --describe-config\n"
         "       playclockd --version | --help\n"
         "\n"
         "  --config FILE        JSON config file (unknown keys are errors)\n"
         "  --profile NAME       development, testing or production (built-in overlays)\n"
         "  --check-config FILE  validate FILE with the environment applied; print every\n"
         "                       error as 'path: message' and exit 1 if there is one\n"
         "  --print-config       print the effective configuration, secrets redacted\n"
         "  --describe-config    print every setting as a Markdown table\n"
         "\n"
         "Environment: PLAYCLOCK_<PATH> overrides a setting (dots become double\n"
         "underscores: PLAYCLOCK_HTTP__LISTEN=127.0.0.1:9090); DATABASE_URL overrides\n"
         "database.url.\n";
}

std::optional<cli> parse_cli(const std::vector<std::string>& args, std::string& error) {
  cli result;
  bool mode_set = false;
  auto set_mode = [&](cli::mode m, const std::string& flag) {
    if (mode_set && result.what != m) {
      error = flag + " cannot be combined with another mode";
      return false;
    }
    result.what = m;
    mode_set = true;
    return true;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto arg = args[i];
    std::string value;
    bool has_inline_value = false;
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_inline_value = true;
    }
    auto take_value = [&](const std::string& flag) -> std::optional<std::string> {
      if (has_inline_value)
        return value;
      if (i + 1 >= args.size()) {
        error = flag + " needs a value";
        return std::nullopt;
      }
      return args[++i];
    };
    if (arg == "--config" || arg == "-c") {
      auto v = take_value(arg);
      if (!v)
        return std::nullopt;
      result.config_file = *v;
    } else if (arg == "--profile") {
      auto v = take_value(arg);
      if (!v)
        return std::nullopt;
      result.profile = *v;
    } else if (arg == "--check-config") {
      auto v = take_value(arg);
      if (!v || !set_mode(cli::mode::check_config, arg))
        return std::nullopt;
      result.config_file = *v;
    } else if (arg == "--print-config") {
      if (!set_mode(cli::mode::print_config, arg))
        return std::nullopt;
    } else if (arg == "--describe-config") {
      if (!set_mode(cli::mode::describe_config, arg))
        return std::nullopt;
    } else if (arg == "--version") {
      if (!set_mode(cli::mode::version, arg))
        return std::nullopt;
    } else if (arg == "--help" || arg == "-h") {
      if (!set_mode(cli::mode::help, arg))
        return std::nullopt;
    } else {
      error = "unknown argument: " + args[i];
      return std::nullopt;
    }
  }
  return result;
}

} // namespace playclock::app
