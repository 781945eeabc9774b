// The test helpers for child processes, ports, polling and real data.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <system_error>

#include "tests/support/process.hpp"
#include "tests/support/realdata.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

TEST_CASE("child_process reports what a program printed and its exit code", "[support]") {
  test::child_process p{"/bin/sh", {"-c", "echo hi; echo oops >&2; exit 3"}};
  CHECK(p.pid() > 0);
  auto code = p.wait_for_exit(10s);
  REQUIRE(code);
  CHECK(*code == 3);
  CHECK_FALSE(p.running());
  CHECK(p.output() == "hi\noops\n");
}

TEST_CASE("child_process passes extra environment variables and the working directory",
          "[support]") {
  ::setenv("PC_SUPPORT_INHERITED", "parent", 1);
  test::child_process p{"sh",
                        {"-c", "echo \"$PC_SUPPORT_X $PC_SUPPORT_INHERITED $(pwd)\""},
                        {{"PC_SUPPORT_X", "extra"}, {"PC_SUPPORT_INHERITED", "override"}},
                        std::filesystem::path{"/"}};
  REQUIRE(p.wait_for_exit(10s) == 0);
  CHECK(p.output() == "extra override /\n");
  ::unsetenv("PC_SUPPORT_INHERITED");
}

TEST_CASE("a child killed by a signal reports 128 plus the signal", "[support]") {
  test::child_process p{"/bin/sleep", {"30"}};
  CHECK(p.running());
  CHECK_FALSE(p.wait_for_exit(50ms));
  p.signal(SIGTERM);
  auto code = p.wait_for_exit(10s);
  REQUIRE(code);
  CHECK(*code == 128 + SIGTERM);
}

TEST_CASE("the child_process destructor kills and reaps a running child", "[support]") {
  pid_t pid = 0;
  {
    test::child_process p{"/bin/sh", {"-c", "sleep 30; sleep 30"}};
    pid = p.pid();
    REQUIRE(p.running());
  }
  errno = 0;
  CHECK(::kill(pid, 0) == -1); // reaped: no such process any more
  CHECK(errno == ESRCH);
}

TEST_CASE("child_process throws when the program cannot be executed", "[support]") {
  CHECK_THROWS_AS((test::child_process{"/nonexistent/program", {}}), std::system_error);
  CHECK_THROWS_AS((test::child_process{"pc-no-such-program-anywhere", {}}), std::system_error);
  CHECK_THROWS_AS((test::child_process{"/bin/true", {}, {}, std::filesystem::path{"/nonexistent"}}),
                  std::system_error);
}

TEST_CASE("run_command returns the exit code and output", "[support]") {
  auto r = test::run_command("/bin/sh", {"-c", "printf out; exit 7"});
  CHECK(r.exit_code == 7);
  CHECK(r.output == "out");
  CHECK_THROWS_AS(test::run_command("/bin/sleep", {"5"}, 100ms), std::runtime_error);
}

TEST_CASE("free_port returns a port that can be bound on 127.0.0.1", "[support]") {
  auto port = test::free_port();
  CHECK(port > 0);
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  CHECK(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  ::close(fd);
}

TEST_CASE("wait_until returns as soon as the condition holds, or false at the timeout",
          "[support]") {
  int calls = 0;
  CHECK(test::wait_until([&] { return ++calls == 3; }, 5s, 1ms));
  CHECK(calls == 3);
  auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(test::wait_until([] { return false; }, 30ms, 5ms));
  CHECK(std::chrono::steady_clock::now() - start >= 30ms);
}

TEST_CASE("realdata_dir follows PLAYCLOCK_REALDATA_DIR", "[support]") {
  const char* old = std::getenv("PLAYCLOCK_REALDATA_DIR");
  std::string saved = old != nullptr ? old : "";
  ::setenv("PLAYCLOCK_REALDATA_DIR", "/nonexistent/realdata", 1);
  CHECK(test::realdata_expected_dir() == "/nonexistent/realdata");
  CHECK_FALSE(test::realdata_dir());
  ::setenv("PLAYCLOCK_REALDATA_DIR", "/", 1);
  CHECK(test::realdata_dir() == std::filesystem::path{"/"});
  if (old != nullptr)
    ::setenv("PLAYCLOCK_REALDATA_DIR", saved.c_str(), 1);
  else
    ::unsetenv("PLAYCLOCK_REALDATA_DIR");
  if (!test::realdata_dir())
    WARN("skipped: real data not found at " << test::realdata_expected_dir());
}
