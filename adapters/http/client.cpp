#include "adapters/http/client.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
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

// One request/response on its own io_context, run on the caller's thread.
// The stream's own deadline covers connect, send and receive; a timer covers
// name resolution.
class exchange {
 public:
  exchange(const client_request& req, url u)
      : req_(req), url_(std::move(u)), resolver_(ioc_), stream_(ioc_), resolve_timer_(ioc_),
        deadline_(std::chrono::steady_clock::now() + req.timeout) {
    where_ = (url_.host.find(':') != std::string::npos ? "[" + url_.host + "]" : url_.host) + ":" +
             std::to_string(url_.port);
  }

  result run() {
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
    request_.set(bhttp::field::host,
                 url_.port == 80 ? where_.substr(0, where_.rfind(':')) : where_);
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
    stream_.expires_at(deadline_);
    stream_.async_connect(results,
                          [this](beast::error_code e, const tcp::endpoint&) { on_connect(e); });
  }

  void on_connect(beast::error_code err) {
    if (err) {
      return fail(client_error_kind::connect, "cannot connect to " + where_ + ": " + err.message(),
                  err);
    }
    stream_.expires_at(deadline_);
    bhttp::async_write(stream_, request_,
                       [this](beast::error_code e, std::size_t) { on_write(e); });
  }

  void on_write(beast::error_code err) {
    if (err) {
      return fail(client_error_kind::protocol,
                  "sending the request to " + where_ + " failed: " + err.message(), err);
    }
    stream_.expires_at(deadline_);
    // Header first: Beast 1.74 loses the body_limit error when it parses
    // header and body in one go.
    bhttp::async_read_header(stream_, buffer_, parser_, [this](beast::error_code e, std::size_t) {
      if (e || parser_.is_done()) {
        return on_read(e);
      }
      bhttp::async_read(stream_, buffer_, parser_,
                        [this](beast::error_code e2, std::size_t) { on_read(e2); });
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
    finish();
  }

  void fail(client_error_kind kind, std::string message, beast::error_code err = {}) {
    if (kind == client_error_kind::timeout || err == beast::error::timeout) {
      result_ = client_error{client_error_kind::timeout, "no response from " + where_ + " within " +
                                                             std::to_string(req_.timeout.count()) +
                                                             " ms"};
    } else {
      result_ = client_error{kind, std::move(message)};
    }
    finish();
  }

  void finish() {
    resolve_timer_.cancel();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  const client_request& req_;
  url url_;
  std::string where_; // "host:port" for messages
  net::io_context ioc_{1};
  tcp::resolver resolver_;
  beast::tcp_stream stream_;
  net::steady_timer resolve_timer_;
  std::chrono::steady_clock::time_point deadline_;
  bhttp::request<bhttp::string_body> request_;
  beast::flat_buffer buffer_;
  bhttp::response_parser<bhttp::string_body> parser_;
  result result_{client_error{client_error_kind::protocol, "no response"}};
};

} // namespace

result fetch(const client_request& req) {
  auto u = parse_url(req.url);
  if (!u) {
    return client_error{client_error_kind::bad_url, "not an http(s) URL: " + req.url};
  }
  if (u->scheme == "https") {
    return client_error{client_error_kind::tls, "https not supported yet"};
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
