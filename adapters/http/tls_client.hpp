#pragma once
// Internal to the HTTP client (client.cpp and tls_client.cpp only; not an API).
// The exchange in client.cpp drives a `transport`: plain TCP (client.cpp) or
// TLS over TCP (tls_client.cpp). Only tls_client.cpp sees OpenSSL and
// asio::ssl, so the plain client and its users do not compile them.

#include <functional>
#include <memory>
#include <string>
#include <variant>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "adapters/http/client.hpp"

namespace playclock::http::detail {

/// The request the client sends.
using wire_request = boost::beast::http::request<boost::beast::http::string_body>;
/// The parser the client reads the response with.
using wire_parser = boost::beast::http::response_parser<boost::beast::http::string_body>;

/// One connection as the exchange sees it. Every operation completes through
/// the io_context the transport was made on; the caller keeps the arguments
/// alive until then and starts one operation at a time.
class transport {
 public:
  /// Completion of an operation.
  using handler = std::function<void(boost::beast::error_code)>;

  virtual ~transport() = default;

  /// The TCP layer: the exchange connects it, sets its deadline and closes it.
  virtual boost::beast::tcp_stream& tcp() = 0;

  /// After connecting: the TLS handshake, or nothing.
  virtual void async_handshake(handler done) = 0;

  /// A message for the client_error of a failed handshake.
  virtual std::string handshake_failure(boost::beast::error_code err) = 0;

  /// Sends the whole request.
  virtual void async_write(wire_request& req, handler done) = 0;

  /// Reads up to the end of the header.
  virtual void async_read_header(boost::beast::flat_buffer& buffer, wire_parser& parser,
                                 handler done) = 0;

  /// Reads the rest of the message.
  virtual void async_read(boost::beast::flat_buffer& buffer, wire_parser& parser, handler done) = 0;

  /// After a complete response: TLS close_notify, or nothing. Its errors
  /// do not matter (the response is complete already).
  virtual void async_shutdown(handler done) = 0;
};

/// A TLS transport to `host` ("example.com", "127.0.0.1", "::1") on `ioc`,
/// verified as `req` asks (ca_file, verify). `where` ("host:port") is for
/// messages. A client_error{tls} if the CA file cannot be loaded.
std::variant<std::unique_ptr<transport>, client_error>
make_tls_transport(boost::asio::io_context& ioc, const client_request& req, const std::string& host,
                   const std::string& where);

} // namespace playclock::http::detail
