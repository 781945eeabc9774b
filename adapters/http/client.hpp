#pragma once
// A synchronous HTTP/1.1 client for pollers and tests. It blocks the calling
// thread: call it from a detached actor or a dedicated pool, never from the
// actor scheduler or an HTTP I/O thread.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "adapters/http/message.hpp"
#include "adapters/http/url.hpp"

namespace playclock::http {

/// One request to send.
struct client_request {
  std::string method = "GET";
  /// "http://host:port/path?query" or "https://...".
  std::string url;
  /// Extra header fields; Host, User-Agent and Content-Length are set unless given.
  header_list headers;
  std::string body;
  /// For the whole exchange: resolve, connect, TLS handshake, send, receive.
  std::chrono::milliseconds timeout{5000};
  /// Largest response body accepted.
  std::size_t body_limit = 64 << 20;
  /// https: a PEM file of CA certificates to trust instead of the system's
  /// store (/etc/ssl/certs), for private CAs and tests. Empty: the system's.
  /// Read on first use only: a changed file takes effect after a restart.
  std::string ca_file;
  /// https: whether to verify the server's certificate chain and host name.
  /// For tests only: false accepts any server, a man in the middle included.
  bool verify = true;
};

/// A complete response, whatever its status.
struct client_response {
  int status = 0;
  /// Header fields with lower-cased names, in order.
  header_list headers;
  std::string body;
  /// The first header named `name` (case-insensitive).
  std::optional<std::string> header(std::string_view name) const;
};

/// Why no response came back.
enum class client_error_kind { bad_url, resolve, connect, timeout, tls, protocol, too_large };

/// The kind's name, "connect".
const char* to_string(client_error_kind kind);

/// A failed exchange.
struct client_error {
  client_error_kind kind;
  /// For logs: "cannot connect to 127.0.0.1:9: Connection refused".
  std::string message;
};

/// Sends one request and reads the response; never throws. A connection the
/// server keeps open after a response (HTTP/1.1 without "Connection: close")
/// is kept by the calling thread for its next request to the same origin
/// (scheme, host, port and TLS options): no new TCP or TLS handshake per
/// request. A kept connection idle for over 30 s, or closed by its server in
/// the meantime, is not used. If one breaks before any byte of the response,
/// the request goes again on a new connection when that is safe (GET, HEAD,
/// OPTIONS, TRACE, PUT, DELETE, or an Idempotency-Key header); otherwise the
/// error says the request may have arrived.
/// https:// speaks TLS 1.2 or later with SNI, and verifies the server's
/// certificate chain (see ca_file) and host name (or IP address); a failed
/// verification is client_error{tls, "certificate verify failed: <reason> (host)"}.
/// Thread-safe: TLS contexts are created once per (ca_file, verify) and shared.
std::variant<client_response, client_error> fetch(const client_request& req);

} // namespace playclock::http
