// node.session_group_nice: the nice value of the process's session group.
// Each check runs in a child that starts a session (hence a group) of its
// own, so the test runner's group is never touched.
#include <catch2/catch.hpp>

#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include "adapters/os/session_group.hpp"

using namespace playclock;

namespace {

// Runs `check` in a child process in a new session; its exit code.
template <class F>
int in_own_session(F check) {
  pid_t pid = fork();
  if (pid == 0) {
    if (setsid() < 0)
      _exit(90);
    _exit(check());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 99;
}

} // namespace

TEST_CASE("a session's group takes a higher nice value without privilege", "[os]") {
  if (!os::this_session_group().autogroups) {
    WARN("skipped: the kernel's autogroups are off (/proc/sys/kernel/sched_autogroup_enabled)");
    return;
  }
  CHECK(in_own_session([] {
          if (os::this_session_group().nice != 0)
            return 1; // a new session's group starts at 0
          if (os::set_session_group_nice(7))
            return 2;
          return os::this_session_group().nice == 7 ? 0 : 3;
        }) == 0);
}

TEST_CASE("session group nice values out of range are refused with a reason", "[os]") {
  CHECK(in_own_session([] {
          auto err = os::set_session_group_nice(20);
          return err && err->find("between -20 and 19") != std::string::npos ? 0 : 1;
        }) == 0);
  if (geteuid() != 0 && os::this_session_group().autogroups) {
    // Below 0 needs CAP_SYS_NICE.
    CHECK(in_own_session([] {
            auto err = os::set_session_group_nice(-5);
            return err && os::this_session_group().nice == 0 ? 0 : 1;
          }) == 0);
  }
}
