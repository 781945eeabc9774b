#pragma once
// This process's threads as the kernel sees them (/proc/self/task): their
// names (pthread_setname_np), nice values and wake-ups, for tests of thread
// naming, priorities and what wakes a thread.

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

/// The calling thread's kernel id.
long this_thread_id();

/// How often thread `tid` of this process gave up its core to wait (its
/// voluntary context switches): each wake-up of a sleeping thread adds one.
long voluntary_switches(long tid);

} // namespace playclock::test
