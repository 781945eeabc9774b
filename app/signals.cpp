#include "app/signals.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <thread>

#include <spdlog/spdlog.h>

#include "adapters/log/thread_name.hpp"

namespace playclock::app {

namespace {

sigset_t shutdown_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

} // namespace

void block_shutdown_signals() {
  auto set = shutdown_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int wait_for_shutdown_signal() {
  auto set = shutdown_set();
  int sig = 0;
  while (sigwait(&set, &sig) != 0) {
  }
  return sig;
}

std::optional<int> wait_for_shutdown_signal(std::chrono::milliseconds timeout) {
  auto set = shutdown_set();
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(timeout);
  timespec ts{static_cast<time_t>(secs.count()),
              static_cast<long>((timeout - secs).count()) * 1000000L};
  for (;;) {
    int sig = sigtimedwait(&set, nullptr, &ts);
    if (sig > 0)
      return sig;
    if (errno == EAGAIN)
      return std::nullopt;
    // EINTR: another signal interrupted the wait; wait again.
  }
}

void exit_on_second_signal() {
  std::thread{[] {
    log::name_this_thread("pc-signals");
    int sig = wait_for_shutdown_signal();
    spdlog::default_logger()->critical("second signal {} during shutdown: exiting now", sig);
    spdlog::default_logger()->flush();
    std::_Exit(130);
  }}.detach();
}

} // namespace playclock::app
