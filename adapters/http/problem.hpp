#pragma once
// Errors of the HTTP API: one enum, one mapping to a status, one body format
// (application/problem+json, RFC 9457).

#include <string_view>

#include "adapters/http/message.hpp"

namespace playclock::http {

/// Every error the API reports.
enum class ec {
  bad_request,
  unauthorized,
  forbidden,
  not_found,
  method_not_allowed,
  conflict,
  payload_too_large,
  unsupported_media_type,
  unprocessable,
  too_many_requests,
  internal,
  unavailable,
  timeout,
};

/// The code's name, "not_found".
const char* to_string(ec code);

/// The HTTP status of `code` (not_found -> 404, unprocessable -> 422, timeout -> 504, ...);
/// the only place that maps errors to statuses.
int to_status(ec code);

/// The standard reason phrase of `status` ("Not Found"), "Unknown" if none.
const char* reason_phrase(int status);

/// The media type of problem bodies.
inline constexpr const char* problem_content_type = "application/problem+json";

/// A problem+json response: {"type":"https://playclock.dev/problems/not-found",
/// "title":"Not Found","status":404,"detail":...,"instance":...}. `instance` is left
/// out when empty; `extra_members_json` holds further members as JSON text
/// (`"errors":[...]`, outer braces optional) and is appended as given.
response problem(ec code, std::string_view detail, std::string_view instance = {},
                 std::string_view extra_members_json = {});

} // namespace playclock::http
