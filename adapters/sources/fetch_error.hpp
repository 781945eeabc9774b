#pragma once
// How a request to an outside source failed, in words for logs and a kind for
// the metric label playclock_source_errors_total{source,kind}.

#include <string>

namespace playclock::sources {

enum class error_kind {
  /// Could not connect, connection reset, DNS.
  network,
  timeout,
  /// Answered with a status other than 200/304.
  http_status,
  /// 429: the source asks us to slow down.
  rate_limited,
  /// The body is not what the format says (the whole document is unusable).
  parse,
};

/// "network", "timeout", "http_status", "rate_limited", "parse".
const char* to_string(error_kind k);

struct fetch_error {
  error_kind kind = error_kind::network;
  std::string message;
  /// HTTP status when there was one.
  int status = 0;
  /// Retry-After of a 429/503, seconds; 0 if none.
  int retry_after_s = 0;
};

} // namespace playclock::sources
