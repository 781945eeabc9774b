#include "adapters/log/thread_name.hpp"

#include <pthread.h>

namespace playclock::log {

namespace {

// Linux allows 16 bytes including the terminating zero.
constexpr std::size_t max_name = 15;

} // namespace

void name_this_thread(const std::string& name) {
  pthread_setname_np(pthread_self(), name.substr(0, max_name).c_str());
}

std::string this_thread_name() {
  char buf[max_name + 1] = {};
  if (pthread_getname_np(pthread_self(), buf, sizeof buf) != 0)
    return {};
  return buf;
}

} // namespace playclock::log
