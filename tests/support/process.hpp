#pragma once
// Child processes for integration tests: the node binary, PostgreSQL tools.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace playclock::test {

/// A program started with fork/execve, its stdout and stderr going to a log
/// file in a temporary directory of its own. The child leads a new process
/// group; the destructor kills that group (SIGKILL) if the child still runs,
/// reaps it and removes the directory.
class child_process {
 public:
  /// Starts `program` with `args` (argv[1..]) and the parent's environment plus
  /// `env` (which wins). A `program` without '/' is looked up in PATH. Runs in
  /// `working_dir` if given. Throws std::system_error if it cannot be executed.
  child_process(const std::string& program, const std::vector<std::string>& args,
                const std::map<std::string, std::string>& env = {},
                const std::optional<std::filesystem::path>& working_dir = std::nullopt);
  ~child_process();
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  /// Process id of the child.
  pid_t pid() const noexcept { return pid_; }

  /// Whether the child has not exited yet (reaps it if it has).
  bool running();

  /// Sends `signo` to the child (not to its group). No effect once it exited.
  void signal(int signo);

  /// Waits at most `timeout` for the child to exit: its exit code, or 128 +
  /// the signal that killed it; nullopt if it still runs.
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);

  /// Everything the child wrote to stdout and stderr so far.
  std::string output() const;

  /// The file that collects stdout and stderr.
  const std::filesystem::path& log_path() const noexcept { return log_; }

 private:
  bool try_reap();

  std::filesystem::path dir_;
  std::filesystem::path log_;
  pid_t pid_ = -1;
  std::optional<int> status_;
};

/// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0 and
/// read back). Another process may take it before you do: use it at once.
std::uint16_t free_port();

/// What run_command returns.
struct command_result {
  /// Exit code, or 128 + the signal that killed the program.
  int exit_code = -1;
  /// stdout and stderr together.
  std::string output;
};

/// Runs a program to completion as child_process does (without extra
/// environment); throws std::runtime_error if it runs longer than `timeout`.
command_result run_command(const std::string& program, const std::vector<std::string>& args,
                           std::chrono::milliseconds timeout = std::chrono::seconds{60});

} // namespace playclock::test
