#pragma once
// What came of one attempt to deliver a notification, whatever the channel.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "adapters/http/client.hpp"

namespace playclock::notify {

/// The result of one delivery attempt.
struct delivery_outcome {
  enum class kind {
    /// Delivered (the receiver acknowledged it).
    sent,
    /// Not delivered but worth trying again: 429, 408, 5xx, a network error,
    /// a time-out, an unreadable answer.
    retry,
    /// Never worth retrying: any other 4xx (400 chat not found, 403 bot
    /// blocked, 404), a redirect, a malformed target or configuration.
    reject
  };
  kind what = kind::reject;
  /// The HTTP status, 0 when no response came back.
  int status = 0;
  /// How long the receiver asked us to wait (429 retry_after / Retry-After),
  /// zero if it did not say.
  std::chrono::seconds retry_after{0};
  /// For logs and the alert history: "telegram: 403 Forbidden: bot was
  /// blocked by the user". Never holds a token or a secret.
  std::string detail;
};

/// "sent", "retry", "reject".
const char* to_string(delivery_outcome::kind k);

/// The longest wait a receiver can ask for that is taken as is; longer ones
/// are cut to it (a day).
inline constexpr std::chrono::seconds max_retry_after{86400};

/// The delay of a Retry-After header given in seconds ("120"), at most
/// max_retry_after; zero if absent, malformed or an HTTP date.
std::chrono::seconds retry_after_header(const http::client_response& res);

/// The outcome of an exchange that got no response: reject for a bad URL
/// (retrying cannot fix it), retry for everything else (refused, time-out,
/// TLS, protocol). detail is "<channel>: <kind>: <message>".
delivery_outcome outcome_of(const http::client_error& err, std::string_view channel);

/// At most `max` bytes (plus "…" if cut) of a response body for a detail string, cut at a
/// character boundary, control characters as spaces, valid UTF-8.
std::string body_excerpt(std::string_view body, std::size_t max = 200);

} // namespace playclock::notify
