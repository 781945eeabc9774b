#pragma once
// SIGTERM/SIGINT handling by sigwait: the signals are blocked in every thread
// (block before any thread starts) and main waits for them synchronously, so
// no work happens inside a signal handler.

#include <chrono>
#include <optional>

namespace playclock::app {

/// Blocks SIGTERM and SIGINT for this thread and the threads it starts later.
void block_shutdown_signals();

/// Waits for SIGTERM or SIGINT; returns the signal number.
int wait_for_shutdown_signal();

/// Like wait_for_shutdown_signal with a time limit; nullopt on time-out.
std::optional<int> wait_for_shutdown_signal(std::chrono::milliseconds timeout);

/// After the first signal: a second one ends the process at once (exit 130).
void exit_on_second_signal();

} // namespace playclock::app
