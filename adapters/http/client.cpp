#include "adapters/http/client.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
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

#include "adapters/http/connection_cache.hpp"
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

// Whether a request may be sent again after its connection broke before any
// response came: idempotent methods (RFC 9110, section 9.2.2), and requests
// that carry an idempotency key (the server drops a repeat).
bool replayable(const client_request& req) {
  for (const char* m : {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})
    if (req.method == m)
      return true;
  return find_header(req.headers, "idempotency-key").has_value() ||
         find_header(req.headers, "x-idempotency-key").has_value();
}

// Errors by which a kept-alive connection shows that its server closed it.
bool closed_by_server(beast::error_code err) {
  return err == bhttp::error::end_of_stream || err == net::error::eof ||
         err == net::error::connection_reset || err == net::error::broken_pipe ||
         err == net::error::connection_aborted;
}

// One request/response on the calling thread's io_context, over a plain or
// a TLS transport: a connection to the same origin that a server kept open
// after an earlier response, or a new one. The TCP stream's deadline covers
// connect, handshake, send and receive; a timer covers name resolution.
class exchange {
 public:
  exchange(detail::connection_cache& cache, const client_request& req, url u)
      : cache_(cache), req_(req), url_(std::move(u)), resolve_timer_(cache.context()),
        deadline_(std::chrono::steady_clock::now() + req.timeout) {
    where_ = (url_.host.find(':') != std::string::npos ? "[" + url_.host + "]" : url_.host) + ":" +
             std::to_string(url_.port);
    // The TLS options are part of the origin: a connection verified one way
    // is not reused for a request that asks for another.
    origin_ = url_.scheme + "://" + where_ +
              (url_.scheme == "https" ? (req_.verify ? " verify " : " any ") + req_.ca_file : "");
  }

  result run() {
    build_request();
    cache_.context().restart();
    transport_ = cache_.take(origin_);
    if (transport_) {
      reused_ = true;
      send();
    } else if (!open()) {
      return std::move(result_);
    }
    cache_.context().run();
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
  }

  // A new connection: resolve (unless the host is an address), connect,
  // handshake. False if the transport cannot even be made.
  bool open() {
    if (url_.scheme == "https") {
      auto made = detail::make_tls_transport(cache_.context(), req_, url_.host, where_);
      if (auto* err = std::get_if<client_error>(&made)) {
        result_ = std::move(*err);
        return false;
      }
      transport_ = std::move(std::get<std::unique_ptr<detail::transport>>(made));
    } else {
      transport_ = std::make_unique<plain_transport>(cache_.context());
    }
    beast::error_code not_ip;
    auto address = net::ip::make_address(url_.host, not_ip);
    if (!not_ip) {
      // An address needs no resolver (whose thread Asio starts on first use).
      connect(tcp::endpoint{address, url_.port});
      return true;
    }
    if (!resolver_) {
      resolver_.emplace(cache_.context());
    }
    resolve_timer_.expires_at(deadline_);
    resolve_timer_.async_wait([this](beast::error_code err) {
      if (!err && resolver_) {
        resolver_->cancel();
      }
    });
    resolver_->async_resolve(
        url_.host, std::to_string(url_.port),
        [this](beast::error_code err, const tcp::resolver::results_type& results) {
          on_resolve(err, results);
        });
    return true;
  }

  void on_resolve(beast::error_code err, const tcp::resolver::results_type& results) {
    resolve_timer_.cancel();
    if (err == net::error::operation_aborted) {
      return fail(client_error_kind::timeout, "");
    }
    if (err) {
      return fail(client_error_kind::resolve, "cannot resolve " + url_.host + ": " + err.message());
    }
    connect(results);
  }

  template <class Endpoints>
  void connect(const Endpoints& endpoints) {
    tcp_stream().expires_at(deadline_);
    tcp_stream().async_connect(endpoints,
                               [this](beast::error_code e, auto&&...) { on_connect(e); });
  }

  void on_connect(beast::error_code err) {
    if (err) {
      return fail(client_error_kind::connect, "cannot connect to " + where_ + ": " + err.message(),
                  err);
    }
    // Small requests and responses go out at once, not after a delayed ACK.
    beast::error_code ignored;
    tcp_stream().socket().set_option(tcp::no_delay(true), ignored);
    tcp_stream().expires_at(deadline_);
    transport_->async_handshake([this](beast::error_code e) { on_handshake(e); });
  }

  void on_handshake(beast::error_code err) {
    if (err) {
      return fail(client_error_kind::tls, transport_->handshake_failure(err), err);
    }
    send();
  }

  void send() {
    buffer_.clear();
    parser_.emplace();
    parser_->body_limit(static_cast<std::uint64_t>(req_.body_limit));
    parser_->header_limit(64 * 1024);
    if (request_.method() == bhttp::verb::head) {
      parser_->skip(true);
    }
    tcp_stream().expires_at(deadline_);
    transport_->async_write(request_, [this](beast::error_code e) { on_write(e); });
  }

  void on_write(beast::error_code err) {
    if (err) {
      if (again_on_new_connection(err)) {
        return;
      }
      return fail(client_error_kind::protocol,
                  "sending the request to " + where_ + " failed: " + err.message(), err);
    }
    tcp_stream().expires_at(deadline_);
    // Header first: Beast 1.74 loses the body_limit error when it parses
    // header and body in one go.
    transport_->async_read_header(buffer_, *parser_, [this](beast::error_code e) {
      if (e || parser_->is_done()) {
        return on_read(e);
      }
      transport_->async_read(buffer_, *parser_, [this](beast::error_code e2) { on_read(e2); });
    });
  }

  // A kept-alive connection the server closed while it sat idle (or as the
  // request went out) fails before any byte of a response: the request goes
  // again on a new connection if it may be repeated. True if it does.
  bool again_on_new_connection(beast::error_code err) {
    if (!reused_ || parser_->got_some() || !closed_by_server(err) || !replayable(req_)) {
      return false;
    }
    reused_ = false;
    // Posted: the broken connection goes once none of its handlers runs.
    net::post(cache_.context(), [this] {
      transport_.reset();
      open();
    });
    return true;
  }

  void on_read(beast::error_code err) {
    if (err == bhttp::error::body_limit) {
      return fail(client_error_kind::too_large, "the response body from " + where_ + " exceeds " +
                                                    std::to_string(req_.body_limit) + " bytes");
    }
    if (err && again_on_new_connection(err)) {
      return;
    }
    if (err) {
      return fail(client_error_kind::protocol,
                  "reading the response from " + where_ + " failed: " + err.message(), err);
    }
    auto& msg = parser_->get();
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
    if (request_.keep_alive() && msg.keep_alive() && buffer_.size() == 0) {
      // Neither side asked to close it: this thread keeps it open.
      tcp_stream().expires_never();
      cache_.put(origin_, std::move(transport_));
      return;
    }
    // The response stands whatever the shutdown reports.
    transport_->async_shutdown([this](beast::error_code) { close(); });
  }

  void fail(client_error_kind kind, std::string message, beast::error_code err = {}) {
    if (kind == client_error_kind::timeout || err == beast::error::timeout) {
      result_ = client_error{client_error_kind::timeout, "no response from " + where_ + " within " +
                                                             std::to_string(req_.timeout.count()) +
                                                             " ms"};
    } else if (reused_ && closed_by_server(err)) {
      result_ = client_error{kind, std::move(message) +
                                       " (the server closed a kept-alive connection; the "
                                       "request may have reached it, so it is not sent again)"};
    } else {
      result_ = client_error{kind, std::move(message)};
    }
    close();
  }

  void close() {
    resolve_timer_.cancel();
    if (!transport_) {
      return;
    }
    beast::error_code ignored;
    tcp_stream().socket().shutdown(tcp::socket::shutdown_both, ignored);
    tcp_stream().close();
  }

  beast::tcp_stream& tcp_stream() { return transport_->tcp(); }

  detail::connection_cache& cache_;
  const client_request& req_;
  url url_;
  std::string where_;  // "host:port" for messages
  std::string origin_; // what a kept connection is filed under
  bool reused_ = false;
  std::optional<tcp::resolver> resolver_;
  std::unique_ptr<detail::transport> transport_;
  net::steady_timer resolve_timer_;
  std::chrono::steady_clock::time_point deadline_;
  detail::wire_request request_;
  beast::flat_buffer buffer_;
  std::optional<detail::wire_parser> parser_;
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
  auto& cache = detail::connection_cache::of_this_thread();
  try {
    return exchange{cache, req, std::move(*u)}.run();
  } catch (const std::exception& e) {
    // Beast throws on header fields it cannot send, allocation may fail...
    // Handlers of the exchange may be left in the io_context: start afresh.
    cache.reset();
    return client_error{client_error_kind::protocol, std::string{"http client: "} + e.what()};
  }
}

} // namespace playclock::http
