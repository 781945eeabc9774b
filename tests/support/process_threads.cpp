#include "tests/support/process_threads.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/syscall.h>
#include <unistd.h>

namespace playclock::test {

std::vector<thread_entry> process_threads() {
  std::vector<thread_entry> out;
  for (const auto& task : std::filesystem::directory_iterator{"/proc/self/task"}) {
    std::ifstream comm{task.path() / "comm"};
    thread_entry t;
    if (!std::getline(comm, t.name))
      continue; // the thread ended meanwhile
    std::ifstream stat{task.path() / "stat"};
    std::string line;
    std::getline(stat, line);
    // After the name in parentheses: state is field 3, nice field 19.
    auto close = line.rfind(')');
    if (close == std::string::npos || close + 2 > line.size())
      continue;
    std::istringstream rest{line.substr(close + 2)};
    std::string field;
    for (int i = 3; i <= 19 && rest >> field; ++i)
      if (i == 19)
        t.nice = std::stoi(field);
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<int> nice_of_threads(const std::string& name) {
  std::vector<int> out;
  for (const auto& t : process_threads())
    if (t.name == name)
      out.push_back(t.nice);
  return out;
}

bool has_thread(const std::string& name) {
  auto all = process_threads();
  return std::any_of(all.begin(), all.end(), [&](const thread_entry& t) { return t.name == name; });
}

long this_thread_id() {
  return static_cast<long>(syscall(SYS_gettid));
}

long voluntary_switches(long tid) {
  std::ifstream status{"/proc/self/task/" + std::to_string(tid) + "/status"};
  const std::string key = "voluntary_ctxt_switches:";
  for (std::string line; std::getline(status, line);)
    if (line.rfind(key, 0) == 0)
      return std::stol(line.substr(key.size()));
  return -1;
}

} // namespace playclock::test
