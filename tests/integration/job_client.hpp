#pragma once
// Submitting a job to a test node and waiting for its end, for the job
// type tests.

#include <chrono>
#include <map>
#include <string>

#include "tests/integration/node_process.hpp"

namespace playclock::test {

/// The admin's and two tenants' tokens the job tests use.
inline const std::string admin_token = "admin-token-for-tests";
inline const std::string acme_token = "acme-token-for-tests";
inline const std::string bravo_token = "bravo-token-for-tests";

/// A node's environment with that admin and tenants acme and bravo, plus
/// `more` (which wins).
std::map<std::string, std::string> tenants_env(std::map<std::string, std::string> more = {});

/// POSTs `body` to `path` (a job route or shortcut) as `token`, REQUIREs a
/// 202, and waits until the job is completed or failed; the job's JSON.
std::string run_job(node_process& node, const std::string& token, const std::string& path,
                    const std::string& body,
                    std::chrono::milliseconds timeout = std::chrono::seconds{30});

} // namespace playclock::test
