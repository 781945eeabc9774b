#pragma once
// This process's threads as the kernel sees them (/proc/self/task): their
// names (pthread_setname_np) and nice values, for tests of thread naming and
// priorities.

#include <string>
#include <vector>

namespace playclock::test {

struct thread_entry {
  std::string name;
  int nice = 0;
};

/// Every thread of this process, in /proc's order.
std::vector<thread_entry> process_threads();

/// The nice values of this process's threads called `name`.
std::vector<int> nice_of_threads(const std::string& name);

/// Whether a thread of this process is called `name`.
bool has_thread(const std::string& name);

} // namespace playclock::test
