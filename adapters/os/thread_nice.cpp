#include "adapters/os/thread_nice.hpp"

#include <cerrno>
#include <cstring>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <spdlog/logger.h>

namespace playclock::os {

namespace {

// On Linux a nice value belongs to a thread: PRIO_PROCESS with a thread id
// sets that thread's alone.
id_t this_tid() {
  return static_cast<id_t>(syscall(SYS_gettid));
}

} // namespace

bool set_this_thread_nice(int nice) {
  return setpriority(PRIO_PROCESS, this_tid(), nice) == 0;
}

int this_thread_nice() {
  errno = 0;
  return getpriority(PRIO_PROCESS, this_tid());
}

void stand_aside(int nice, spdlog::logger& log) {
  if (nice > 0 && !set_this_thread_nice(nice))
    log.warn("cannot lower this thread's priority to nice {}: {}", nice, std::strerror(errno));
}

} // namespace playclock::os
