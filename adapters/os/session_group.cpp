#include "adapters/os/session_group.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace playclock::os {

namespace {

constexpr const char* group_file = "/proc/self/autogroup";

} // namespace

session_group this_session_group() {
  session_group g;
  std::ifstream enabled{"/proc/sys/kernel/sched_autogroup_enabled"};
  int on = 0;
  g.autogroups = enabled >> on && on == 1;
  // "/autogroup-123 nice 5"
  std::ifstream in{group_file};
  std::string name;
  std::string word;
  int nice = 0;
  if (in >> name >> word >> nice && word == "nice")
    g.nice = nice;
  return g;
}

std::optional<std::string> set_session_group_nice(int nice) {
  if (nice < -20 || nice > 19)
    return "nice must be between -20 and 19";
  std::ofstream out{group_file};
  if (!out)
    return std::string{"cannot open "} + group_file + ": " + std::strerror(errno);
  out << nice << std::flush;
  if (!out)
    return std::string{"the kernel refused it: "} + std::strerror(errno);
  out.close();
  auto now = this_session_group().nice;
  if (!now || *now != nice)
    return "it did not take (the group's nice is " + (now ? std::to_string(*now) : "unknown") + ")";
  return std::nullopt;
}

} // namespace playclock::os
