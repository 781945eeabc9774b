#pragma once
// Submitting a job to a test node and waiting for its end, for the job
// type tests.

#include <chrono>
#include <string>

#include "tests/integration/node_process.hpp"

namespace playclock::test {

/// POSTs `body` to `path` (a job route or shortcut) as `token`, REQUIREs a
/// 202, and waits until the job is completed or failed; the job's JSON.
std::string run_job(node_process& node, const std::string& token, const std::string& path,
                    const std::string& body,
                    std::chrono::milliseconds timeout = std::chrono::seconds{30});

} // namespace playclock::test
