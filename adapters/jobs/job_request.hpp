#pragma once
// A job as submitted (POST /api/jobs and its shortcuts): the envelope's
// fields checked, the parameters checked by the job type's own rules, and
// the digest that ties an Idempotency-Key to one request. Plain C++.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace playclock::jobs {

/// A rejected field ("params.steps", "priority", ...) and why.
struct bad_field {
  std::string name;
  std::string reason;
};

struct job_request {
  std::string type;
  /// The parameters as compact JSON (an object; "{}" when absent).
  std::string params = "{}";
  /// Higher runs first; -1000 to 1000.
  int priority = 0;
  /// Not before this time (Unix ms); absent = now.
  std::optional<std::int64_t> run_at_ms;
  int max_attempts = 3;
  int timeout_s = 3600;
  /// Whose job it is: the caller's tenant, or the body's "tenant" when the
  /// admin submits; empty = a cluster job (admin only).
  std::string tenant;
};

/// The job types this build runs, sorted.
const std::vector<std::string>& job_types();

/// Parses and checks a request body ({"type", "params"?, "priority"?,
/// "run_at"? (RFC 3339), "max_attempts"?, "timeout_s"?, "tenant"?}).
/// `tenant` is set from the body's "tenant" if present; the caller decides
/// whether the bearer may name it.
std::variant<job_request, bad_field> parse_job_request(std::string_view body);

/// Checks `params_json` (an object) against the rules of job type `type`;
/// the error names the field as "params.<name>".
std::optional<bad_field> check_params(const std::string& type, std::string_view params_json);

/// The digest of everything that defines the job (type, params, priority,
/// run_at, max_attempts, timeout_s, tenant): the same Idempotency-Key with
/// another digest is a different request.
std::string request_hash(const job_request& r);

/// The delay before retry number `attempt` (1 after the first failure):
/// initial_ms * 2^(attempt-1), at most max_ms.
std::int64_t retry_delay_ms(int attempt, std::int64_t initial_ms, std::int64_t max_ms);

/// Parses an RFC 3339 date-time ("2026-11-24T18:30:00Z", fractions and
/// +hh:mm offsets allowed) into Unix ms.
std::optional<std::int64_t> parse_rfc3339_ms(std::string_view text);

} // namespace playclock::jobs
