#pragma once
// Names the calling thread, so `top -H`, `ps -L` and `perf` show which of a
// node's threads (event hub, router, a delivery worker, ...) is busy rather
// than a row of identical "caf.actor" threads.

#include <string>

namespace playclock::log {

/// Sets the calling thread's name (Linux keeps the first 15 characters).
void name_this_thread(const std::string& name);

/// The calling thread's name ("" if it cannot be read).
std::string this_thread_name();

} // namespace playclock::log
