// The TLS transport of the HTTP client: its own translation unit, so that only
// this file compiles OpenSSL, asio::ssl and the Beast HTTP templates over a
// TLS stream.
#include "adapters/http/tls_client.hpp"

#include <map>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace playclock::http::detail {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;

// What went wrong, in OpenSSL's words. Boost 1.74 names an OpenSSL 3 error by
// ERR_reason_error_string alone, which knows no system errors: a missing CA
// file would read "asio.ssl error".
std::string describe(const beast::error_code& err) {
  if (err.category() != net::error::get_ssl_category()) {
    return err.message();
  }
  auto code = static_cast<unsigned long>(static_cast<unsigned int>(err.value()));
#ifdef ERR_SYSTEM_ERROR // OpenSSL 3
  if (ERR_SYSTEM_ERROR(code)) {
    return std::generic_category().message(ERR_GET_REASON(code));
  }
#endif
  if (const char* reason = ERR_reason_error_string(code)) {
    return reason;
  }
  return err.message();
}

// One context per (ca_file, verify), made on first use and kept: loading the
// system's store parses its whole bundle (about 150 certificates on Debian 12).
// An SSL_CTX is safe to share between threads once set up; the per-connection
// settings (SNI, host name) go on each SSL object.
std::variant<std::shared_ptr<ssl::context>, client_error> shared_context(const std::string& ca_file,
                                                                         bool verify) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, bool>, std::shared_ptr<ssl::context>> contexts;
  std::lock_guard lock{mutex};
  auto key = std::make_pair(ca_file, verify);
  if (auto it = contexts.find(key); it != contexts.end()) {
    return it->second;
  }
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
  if (SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION) != 1) {
    return client_error{client_error_kind::tls, "cannot require TLS 1.2"};
  }
  if (verify) {
    beast::error_code err;
    if (ca_file.empty()) {
      ctx->set_default_verify_paths(err);
    } else {
      ctx->load_verify_file(ca_file, err);
    }
    if (err) {
      // Not cached: the file may be fixed before the next call.
      return client_error{client_error_kind::tls,
                          (ca_file.empty() ? std::string{"cannot load the system's CA store"}
                                           : "cannot load the CA file " + ca_file) +
                              ": " + describe(err)};
    }
    ctx->set_verify_mode(ssl::verify_peer);
  } else {
    ctx->set_verify_mode(ssl::verify_none);
  }
  contexts.emplace(std::move(key), ctx);
  return ctx;
}

class tls_transport final : public transport {
 public:
  tls_transport(net::io_context& ioc, std::shared_ptr<ssl::context> ctx, const std::string& host,
                std::string where, bool verify)
      : ctx_(std::move(ctx)), stream_(ioc, *ctx_), host_(host), where_(std::move(where)),
        verify_(verify) {
    SSL* native = stream_.native_handle();
    beast::error_code not_ip;
    net::ip::make_address(host, not_ip);
    // SNI carries host names only, never IP addresses (RFC 6066, section 3).
    if (not_ip && SSL_set_tlsext_host_name(native, host.c_str()) != 1) {
      throw std::runtime_error{"cannot set the TLS server name " + host};
    }
    if (verify) {
      // OpenSSL checks the name during chain verification, as asio's
      // host_name_verification does in a verify callback; but a mismatch then
      // reads "hostname mismatch" or "IP address mismatch", where a callback's
      // refusal reads "unspecified certificate verification error".
      X509_VERIFY_PARAM* param = SSL_get0_param(native);
      X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
      int ok = not_ip ? X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size())
                      : X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
      if (ok != 1) {
        throw std::runtime_error{"cannot set the TLS host name to verify " + host};
      }
    }
  }

  beast::tcp_stream& tcp() override { return stream_.next_layer(); }

  void async_handshake(handler done) override {
    stream_.async_handshake(ssl::stream_base::client, std::move(done));
  }

  std::string handshake_failure(beast::error_code err) override {
    long verdict = SSL_get_verify_result(stream_.native_handle());
    if (verify_ && verdict != X509_V_OK) {
      return std::string{"certificate verify failed: "} + X509_verify_cert_error_string(verdict) +
             " (" + host_ + ")";
    }
    return "TLS handshake with " + where_ + " failed: " + describe(err);
  }

  void async_write(wire_request& req, handler done) override {
    bhttp::async_write(stream_, req,
                       [done = std::move(done)](beast::error_code e, std::size_t) { done(e); });
  }

  void async_read_header(beast::flat_buffer& buffer, wire_parser& parser, handler done) override {
    bhttp::async_read_header(
        stream_, buffer, parser,
        [done = std::move(done)](beast::error_code e, std::size_t) { done(e); });
  }

  void async_read(beast::flat_buffer& buffer, wire_parser& parser, handler done) override {
    bhttp::async_read(stream_, buffer, parser,
                      [done = std::move(done)](beast::error_code e, std::size_t) { done(e); });
  }

  void async_shutdown(handler done) override {
    // Send close_notify without waiting for the server's: the response is
    // complete, and the initiator of a closure need not wait (RFC 8446,
    // section 6.1). Marking the server's as received makes SSL_shutdown
    // return at once (asio would otherwise read until it comes, or until the
    // deadline if a server ignores "Connection: close"). nginx does the same.
    SSL* native = stream_.native_handle();
    SSL_set_shutdown(native, SSL_get_shutdown(native) | SSL_RECEIVED_SHUTDOWN);
    // Errors are the usual ones at close (stream_truncated, a reset, a
    // broken pipe once the server has gone): nothing to report.
    stream_.async_shutdown(std::move(done));
  }

 private:
  std::shared_ptr<ssl::context> ctx_; // before stream_: the stream's SSL refers to it
  beast::ssl_stream<beast::tcp_stream> stream_;
  std::string host_;
  std::string where_;
  bool verify_;
};

} // namespace

std::variant<std::unique_ptr<transport>, client_error>
make_tls_transport(net::io_context& ioc, const client_request& req, const std::string& host,
                   const std::string& where) {
  auto ctx = shared_context(req.ca_file, req.verify);
  if (auto* err = std::get_if<client_error>(&ctx)) {
    return std::move(*err);
  }
  return std::make_unique<tls_transport>(
      ioc, std::move(std::get<std::shared_ptr<ssl::context>>(ctx)), host, where, req.verify);
}

} // namespace playclock::http::detail
