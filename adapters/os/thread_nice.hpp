#pragma once
// The CPU priority (nice value) of one thread. Threads that only move bulk
// (a poll's responses parsed) stand aside for the process's other threads
// (the alert path) when the cores are busy. Nice orders threads within one
// scheduling group only (with autogroups, one session): not against a
// PostgreSQL started in a session of its own. Raising nice needs no
// privilege; threads a thread creates inherit its value.

namespace spdlog {
class logger;
} // namespace spdlog

namespace playclock::os {

/// Sets the calling thread's nice value (0-19 without privilege); false if
/// the kernel refused it (the thread keeps its priority).
bool set_this_thread_nice(int nice);

/// The calling thread's nice value.
int this_thread_nice();

/// For a bulk thread at its start: sets its nice value if above 0, and logs
/// a refusal on `log` (the thread then keeps its priority).
void stand_aside(int nice, spdlog::logger& log);

} // namespace playclock::os
