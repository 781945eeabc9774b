#include "tests/support/process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <thread>

extern char** environ;

namespace playclock::test {
namespace {

std::system_error os_error(const std::string& what, int err = errno) {
  return std::system_error{err, std::generic_category(), what};
}

std::filesystem::path make_temp_dir() {
  auto pattern = (std::filesystem::temp_directory_path() / "pc_child_XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw os_error("mkdtemp " + pattern);
  return pattern;
}

// execve wants a path: look a bare name up in PATH, as a shell would.
std::string find_program(const std::string& program) {
  if (program.find('/') != std::string::npos)
    return program;
  const char* env_path = std::getenv("PATH");
  std::string path = env_path != nullptr ? env_path : "/usr/local/bin:/usr/bin:/bin";
  std::istringstream dirs{path};
  for (std::string dir; std::getline(dirs, dir, ':');) {
    auto candidate = (dir.empty() ? std::string{"."} : dir) + "/" + program;
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0)
      return candidate;
  }
  return program; // execve fails with ENOENT, reported by the constructor
}

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry{*e};
    auto name = entry.substr(0, entry.find('='));
    if (extra.count(std::string{name}) == 0)
      out.emplace_back(entry);
  }
  for (const auto& [name, value] : extra)
    out.push_back(name + "=" + value);
  return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings)
    out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

int decode_status(int status) {
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    return 128 + WTERMSIG(status);
  return -1;
}

// Reports errno through the pipe and ends the child. Async-signal-safe only.
[[noreturn]] void child_fail(int fd) {
  int err = errno;
  [[maybe_unused]] auto n = ::write(fd, &err, sizeof err);
  ::_exit(127);
}

} // namespace

child_process::child_process(const std::string& program, const std::vector<std::string>& args,
                             const std::map<std::string, std::string>& env,
                             const std::optional<std::filesystem::path>& working_dir)
    : dir_{make_temp_dir()}, log_{dir_ / "output.log"} {
  // Everything the child needs is prepared before fork: after it, the child
  // may only make async-signal-safe calls (other threads may hold locks).
  auto path = find_program(program);
  std::vector<std::string> argv_strings{program};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  auto env_strings = merged_environment(env);
  auto argv = c_strings(argv_strings);
  auto envp = c_strings(env_strings);
  std::string wd = working_dir ? working_dir->string() : std::string{};

  auto fail = [this](const std::string& what, int err) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    return os_error(what, err);
  };
  int out = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0)
    throw fail("open " + log_.string(), errno);
  int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  int report[2] = {-1, -1}; // exec failures travel back through this pipe
  if (in < 0 || ::pipe2(report, O_CLOEXEC) != 0) {
    int err = errno;
    ::close(out);
    if (in >= 0)
      ::close(in);
    throw fail("pipe", err);
  }

  pid_ = ::fork();
  if (pid_ == 0) {
    ::setpgid(0, 0);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    ::sigaction(SIGPIPE, &dfl, nullptr);
    if (::dup2(in, STDIN_FILENO) < 0 || ::dup2(out, STDOUT_FILENO) < 0 ||
        ::dup2(out, STDERR_FILENO) < 0)
      child_fail(report[1]);
    if (!wd.empty() && ::chdir(wd.c_str()) != 0)
      child_fail(report[1]);
    ::execve(path.c_str(), argv.data(), envp.data());
    child_fail(report[1]);
  }
  int fork_errno = errno;
  ::close(out);
  ::close(in);
  ::close(report[1]);
  if (pid_ < 0) {
    ::close(report[0]);
    throw fail("fork", fork_errno);
  }
  ::setpgid(pid_, pid_); // also here: no window in which signal() misses the group

  int child_errno = 0;
  ssize_t n = 0;
  do {
    n = ::read(report[0], &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  ::close(report[0]);
  if (n == static_cast<ssize_t>(sizeof child_errno)) {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    throw fail("cannot execute " + path + (wd.empty() ? "" : " in " + wd), child_errno);
  }
}

child_process::~child_process() {
  if (pid_ > 0 && !status_) {
    // The leader is not reaped yet, so its group id cannot have been reused.
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

bool child_process::try_reap() {
  if (status_)
    return true;
  int status = 0;
  pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    status_ = decode_status(status);
    return true;
  }
  if (r < 0 && errno != EINTR) { // ECHILD: somebody else reaped it
    status_ = -1;
    return true;
  }
  return false;
}

bool child_process::running() {
  return !try_reap();
}

void child_process::signal(int signo) {
  if (!try_reap() && ::kill(pid_, signo) != 0)
    throw os_error("kill " + std::to_string(pid_));
}

std::optional<int> child_process::wait_for_exit(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto step = std::chrono::milliseconds{1};
  while (!try_reap()) {
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline)
      return std::nullopt;
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(step, deadline - now));
    step = std::min(step * 2, std::chrono::milliseconds{20});
  }
  return status_;
}

std::string child_process::output() const {
  std::ifstream in{log_, std::ios::binary};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::uint16_t free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    throw os_error("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    int err = errno;
    ::close(fd);
    throw os_error("bind 127.0.0.1:0", err);
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

command_result run_command(const std::string& program, const std::vector<std::string>& args,
                           std::chrono::milliseconds timeout) {
  child_process child{program, args};
  auto code = child.wait_for_exit(timeout);
  if (!code)
    throw std::runtime_error(program + " did not finish within " + std::to_string(timeout.count()) +
                             " ms:\n" + child.output());
  return {*code, child.output()};
}

} // namespace playclock::test
