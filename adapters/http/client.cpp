#include "adapters/http/client.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <variant>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "adapters/http/tls_client.hpp"

#ifndef PLAYCLOCK_VERSION
#define PLAYCLOCK_VERSION "dev"
#endif

namespace playclock::http {

std::optional<std::string> client_response::header(std::string_view name) const {
  return find_header(headers, name);
}

const char* to_string(client_error_kind kind) {
  switch (kind) {
  case client_error_kind::bad_url:
    return "bad_url";
  case client_error_kind::resolve:
    return "resolve";
  case client_error_kind::connect:
    return "connect";
  case client_error_kind::timeout:
    return "timeout";
  case client_error_kind::tls:
    return "tls";
  case client_error_kind::protocol:
    return "protocol";
  case client_error_kind::too_large:
    return "too_large";
  }
  return "protocol";
}

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using result = std::variant<client_response, client_error>;

bool is_token(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) ||
           std::string_view{"!#$%&'*+-.^_`|~"}.find(static_cast<char>(c)) != std::string_view::npos;
  });
}

// Plain TCP: no handshake, no shutdown beyond closing the socket.
class plain_transport final : public detail::transport {
 public:
  explicit plain_transport(net::io_context& ioc) : stream_(ioc) {}

  beast::tcp_stream& tcp() override { return stream_; }

  void async_handshake(handler done) override { complete(std::move(done)); }

  std::string handshake_failure(beast::error_code err) override { return err.message(); }

  void async_write(detail::wire_request& req, handler done) override {
    bhttp::async_write(stream_, req,
                       [done = std::move(done)](beast::error_code e, std::size_t) { done(e); });
  }

  void async_read_header(beast::flat_buffer& buffer, detail::wire_parser& parser,
                         handler done) override {
    bhttp::async_read_header(
        stream_, buffer, parser,
        [done = std::move(done)](beast::error_code e, std::size_t) { done(e); });
  }

  void async_read(beast::flat_buffer& buffer, detail::wire_parser& parser, handler done) override {
    bhttp::async_read(stream_, buffer, parser,
                      [done = std::move(done)](beast::error_code e, std::size_t) { done(e); });
  }

  void async_shutdown(handler done) override { complete(std::move(done)); }

 private:
  // Posted, not called: a completion never runs inside its initiating call.
  void complete(handler done) {
    net::post(stream_.get_executor(), [done = std::move(done)] { done({}); });
  }

  beast::tcp_stream stream_;
};

// One request/response on its own io_context, run on the caller's thread,
// over a plain or a TLS transport. The TCP stream's deadline covers connect,
// handshake, send and receive; a timer covers name resolution.
class exchange {
 public:
  exchange(const client_request& req, url u)
      : req_(req), url_(std::move(u)), resolver_(ioc_), resolve_timer_(ioc_),
        deadline_(std::chrono::steady_clock::now() + req.timeout) {
    where_ = (url_.host.find(':') != std::string::npos ? "[" + url_.host + "]" : url_.host) + ":" +
             std::to_string(url_.port);
  }

  result run() {
    if (url_.scheme == "https") {
      auto made = detail::make_tls_transport(ioc_, req_, url_.host, where_);
      if (auto* err = std::get_if<client_error>(&made)) {
        return std::move(*err);
      }
      transport_ = std::move(std::get<std::unique_ptr<detail::transport>>(made));
    } else {
      transport_ = std::make_unique<plain_transport>(ioc_);
    }
    build_request();
    parser_.body_limit(static_cast<std::uint64_t>(req_.body_limit));
    parser_.header_limit(64 * 1024);
    if (request_.method() == bhttp::verb::head) {
      parser_.skip(true);
    }
    resolve_timer_.expires_at(deadline_);
    resolve_timer_.async_wait([this](beast::error_code err) {
      if (!err) {
        resolver_.cancel();
      }
    });
    resolver_.async_resolve(url_.host, std::to_string(url_.port),
                            [this](beast::error_code err, tcp::resolver::results_type results) {
                              on_resolve(err, std::move(results));
                            });
    ioc_.run();
    return std::move(result_);
  }

 private:
  void build_request() {
    request_.method_string(req_.method);
    request_.target(url_.target);
    request_.version(11);
    const std::uint16_t default_port = url_.scheme == "https" ? 443 : 80;
    request_.set(bhttp::field::host,
                 url_.port == default_port ? where_.substr(0, where_.rfind(':')) : where_);
    request_.set(bhttp::field::user_agent, "playclock/" PLAYCLOCK_VERSION);
    for (const auto& [name, value] : req_.headers) {
      if (beast::iequals(name, "host") || beast::iequals(name, "user-agent")) {
        request_.set(name, value);
      } else {
        request_.insert(name, value);
      }
    }
    request_.body() = req_.body;
    request_.prepare_payload();
    request_.keep_alive(false);
  }

  void on_resolve(beast::error_code err, tcp::resolver::results_type results) {
    resolve_timer_.cancel();
    if (err == net::error::operation_aborted) {
      return fail(client_error_kind::timeout, "");
    }
    if (err) {
      return fail(client_error_kind::resolve, "cannot resolve " + url_.host + ": " + err.message());
    }
    tcp_stream().expires_at(deadline_);
    tcp_stream().async_connect(
        results, [this](beast::error_code e, const tcp::endpoint&) { on_connect(e); });
  }

  void on_connect(beast::error_code err) {
    if (err) {
      return fail(client_error_kind::connect, "cannot connect to " + where_ + ": " + err.message(),
                  err);
    }
    tcp_stream().expires_at(deadline_);
    transport_->async_handshake([this](beast::error_code e) { on_handshake(e); });
  }

  void on_handshake(beast::error_code err) {
    if (err) {
      return fail(client_error_kind::tls, transport_->handshake_failure(err), err);
    }
    transport_->async_write(request_, [this](beast::error_code e) { on_write(e); });
  }

  void on_write(beast::error_code err) {
    if (err) {
      return fail(client_error_kind::protocol,
                  "sending the request to " + where_ + " failed: " + err.message(), err);
    }
    tcp_stream().expires_at(deadline_);
    // Header first: Beast 1.74 loses the body_limit error when it parses
    // header and body in one go.
    transport_->async_read_header(buffer_, parser_, [this](beast::error_code e) {
      if (e || parser_.is_done()) {
        return on_read(e);
      }
      transport_->async_read(buffer_, parser_, [this](beast::error_code e2) { on_read(e2); });
    });
  }

  void on_read(beast::error_code err) {
    if (err == bhttp::error::body_limit) {
      return fail(client_error_kind::too_large, "the response body from " + where_ + " exceeds " +
                                                    std::to_string(req_.body_limit) + " bytes");
    }
    if (err) {
      return fail(client_error_kind::protocol,
                  "reading the response from " + where_ + " failed: " + err.message(), err);
    }
    auto& msg = parser_.get();
    client_response res;
    res.status = static_cast<int>(msg.result_int());
    for (const auto& f : msg) {
      std::string name{f.name_string()};
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      res.headers.emplace_back(std::move(name), std::string{f.value()});
    }
    res.body = std::move(msg.body());
    result_ = std::move(res);
    // The response stands whatever the shutdown reports.
    transport_->async_shutdown([this](beast::error_code) { close(); });
  }

  void fail(client_error_kind kind, std::string message, beast::error_code err = {}) {
    if (kind == client_error_kind::timeout || err == beast::error::timeout) {
      result_ = client_error{client_error_kind::timeout, "no response from " + where_ + " within " +
                                                             std::to_string(req_.timeout.count()) +
                                                             " ms"};
    } else {
      result_ = client_error{kind, std::move(message)};
    }
    close();
  }

  void close() {
    resolve_timer_.cancel();
    beast::error_code ignored;
    tcp_stream().socket().shutdown(tcp::socket::shutdown_both, ignored);
    tcp_stream().close();
  }

  beast::tcp_stream& tcp_stream() { return transport_->tcp(); }

  const client_request& req_;
  url url_;
  std::string where_; // "host:port" for messages
  net::io_context ioc_{1};
  tcp::resolver resolver_;
  std::unique_ptr<detail::transport> transport_; // after ioc_: its stream uses ioc_
  net::steady_timer resolve_timer_;
  std::chrono::steady_clock::time_point deadline_;
  detail::wire_request request_;
  beast::flat_buffer buffer_;
  detail::wire_parser parser_;
  result result_{client_error{client_error_kind::protocol, "no response"}};
};

} // namespace

result fetch(const client_request& req) {
  auto u = parse_url(req.url);
  if (!u) {
    return client_error{client_error_kind::bad_url, "not an http(s) URL: " + req.url};
  }
  if (!is_token(req.method)) {
    return client_error{client_error_kind::protocol, "not an HTTP method: " + req.method};
  }
  try {
    return exchange{req, std::move(*u)}.run();
  } catch (const std::exception& e) {
    // Beast throws on header fields it cannot send, allocation may fail...
    return client_error{client_error_kind::protocol, std::string{"http client: "} + e.what()};
  }
}

} // namespace playclock::http
