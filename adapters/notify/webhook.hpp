#pragma once
// The generic webhook notifier: one signed JSON POST per alert. Blocking:
// call it from a detached actor or an I/O pool.
//
// What a receiver gets:
//
//   POST <url>
//   Content-Type: application/json
//   Idempotency-Key: <alert id>          (the same on every retry: dedup on it)
//   X-Playclock-Timestamp: 1726592541    (unix seconds when signed)
//   X-Playclock-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>
//
//   {"id":"...","tenant":"acme","rule_id":7,"type":"score","key":"401547417:KC",
//    "priority":"normal","message":"Chiefs 21 @ Bills 17 ...","payload":{...},
//    "sent_at":"2024-09-17T17:02:21Z"}
//
// To check it, a receiver computes the HMAC over the timestamp header, a '.'
// and the raw body bytes as received (before any JSON parsing), compares in
// constant time (verify_webhook_signature does all this), and rejects
// timestamps too far from its clock (replays).

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/alerts/types.hpp"
#include "adapters/http/client.hpp"
#include "adapters/notify/outcome.hpp"

namespace playclock::notify {

/// How webhooks are sent.
struct webhook_options {
  /// The HMAC key shared with receivers. Empty: requests are still signed
  /// (with an empty key), which proves nothing; configure one.
  std::string secret;
  /// For the whole exchange.
  std::chrono::milliseconds timeout{5000};
  /// A PEM file of CA certificates to trust instead of the system's (https).
  std::string ca_file;
};

/// The JSON body for an alert: id, tenant, rule_id, type, key, priority,
/// message, payload (alert.payload_json embedded as JSON; {} when empty;
/// null plus "payload_raw" as a string when it is not valid JSON) and
/// sent_at (`unix_time` as ISO 8601 UTC, "2024-09-17T17:02:21Z").
std::string webhook_body(const alerts::alert& a, std::int64_t unix_time);

/// "sha256=" + lower-case hex HMAC-SHA256(secret, timestamp + "." + body).
std::string webhook_signature(std::string_view secret, std::string_view timestamp,
                              std::string_view body);

/// True when `header` (the X-Playclock-Signature value) is the signature of
/// timestamp + "." + body under `secret`. Compares in constant time; hex
/// digits may be upper or lower case. For receivers and tests.
bool verify_webhook_signature(std::string_view secret, std::string_view timestamp,
                              std::string_view body, std::string_view header);

/// verify_webhook_signature and, in addition, the timestamp is unix seconds
/// within `tolerance` of `now_unix` (replay protection for receivers).
bool verify_webhook(std::string_view secret, std::string_view timestamp, std::string_view body,
                    std::string_view header, std::int64_t now_unix,
                    std::chrono::seconds tolerance = std::chrono::seconds{300});

/// POST `url` with webhook_body(a, unix_time), signed at `unix_time`, and
/// the headers above. Does not check the URL (send_webhook does).
http::client_request webhook_request(const webhook_options& opts, const std::string& url,
                                     const alerts::alert& a, std::int64_t unix_time);

/// 2xx sent; 429 retry with the Retry-After seconds; 408 and 5xx retry
/// (503 also with Retry-After); 3xx (redirects are not followed) and other
/// 4xx reject. detail: "webhook: HTTP 500: <start of the body>".
delivery_outcome classify_webhook(const http::client_response& res);

/// Checks the URL (only http:// and https://, else reject), sends and
/// classifies; no response (refused, time-out, TLS) is retry. Never throws;
/// neither the secret nor the URL's path or query (they may hold tokens)
/// appears in the detail.
delivery_outcome send_webhook(const webhook_options& opts, const std::string& url,
                              const alerts::alert& a, std::int64_t unix_time);

/// The current time as unix seconds, for unix_time.
std::int64_t unix_now();

} // namespace playclock::notify
