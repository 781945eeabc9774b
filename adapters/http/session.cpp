#include "adapters/http/session.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/bind_handler.hpp>
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
#include <spdlog/spdlog.h>

#include "adapters/http/problem.hpp"
#include "adapters/http/url.hpp"

namespace playclock::http::detail {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using steady = std::chrono::steady_clock;
using wire_request = bhttp::request<bhttp::string_body>;
using wire_response = bhttp::response<bhttp::string_body>;

std::string remote_text(const tcp::socket& socket) {
  beast::error_code err;
  auto ep = socket.remote_endpoint(err);
  if (err) {
    return "unknown";
  }
  auto addr = ep.address().to_string();
  if (ep.address().is_v6()) {
    addr = "[" + addr + "]";
  }
  return addr + ":" + std::to_string(ep.port());
}

std::string lower(beast::string_view s) {
  std::string out{s.data(), s.size()};
  for (auto& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Fills path and query from a request target; false if it is malformed.
bool split_target(std::string_view target, request& r) {
  std::string absolute_target;
  if (target.rfind("http://", 0) == 0 || target.rfind("https://", 0) == 0) {
    auto u = parse_url(target); // absolute-form, as proxies send it
    if (!u) {
      return false;
    }
    absolute_target = std::move(u->target);
    target = absolute_target;
  }
  if (target.empty() || target.front() != '/') {
    return false;
  }
  auto q = target.find('?');
  auto path = percent_decode(target.substr(0, q));
  if (!path) {
    return false;
  }
  r.path = std::move(*path);
  if (q != std::string_view::npos) {
    auto query = parse_query(target.substr(q + 1));
    if (!query) {
      return false;
    }
    r.query = std::move(*query);
  }
  return true;
}

bool is_parse_error(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

class session;

// What a responder needs: a weak reference, so that a responder kept past
// the server's life keeps nothing alive.
struct reply_target {
  reply_target(std::weak_ptr<session> s, std::shared_ptr<server_state> st, std::uint64_t id)
      : conn(std::move(s)), state(std::move(st)), slot(id) {}
  std::weak_ptr<session> conn;
  std::shared_ptr<server_state> state;
  std::uint64_t slot;
  std::atomic<bool> used{false};
};

// One connection. Everything but answer() and drain() runs on the strand of
// the stream. Requests get a slot each, in order; responses fill their slot
// from any thread (posted here) and are written from the head of the queue.
class session : public connection, public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket&& socket, std::shared_ptr<server_state> state)
      : stream_(std::move(socket)), state_(std::move(state)),
        remote_(remote_text(stream_.socket())) {
    beast::error_code ignored;
    // Pipelined responses are small writes: do not let Nagle hold them back.
    stream_.socket().set_option(tcp::no_delay(true), ignored);
  }

  ~session() override {
    if (key_) {
      state_->remove(key_);
    }
  }

  void start() {
    key_ = state_->add(weak_from_this());
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&session::do_read, shared_from_this()));
  }

  void drain() override {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      self->draining_ = true;
      if (self->slots_.empty()) {
        self->close();
      }
    });
  }

  void force_close() override { close(); }

  void answer(std::uint64_t id, response res) {
    net::post(stream_.get_executor(),
              [self = shared_from_this(), id, res = std::move(res)]() mutable {
                self->fill(id, std::move(res));
              });
  }

 private:
  struct slot {
    explicit slot(const net::any_io_executor& ex) : timer(ex) {}
    std::uint64_t id = 0;
    std::string method;
    std::string route;
    std::string path;
    unsigned version = 11;
    bool keep_alive = false;
    bool head = false;
    steady::time_point started = steady::now();
    net::steady_timer timer;
    std::optional<wire_response> res;
  };

  // While responses are pending the client is not idle, so the read has no
  // deadline then; once all are written the read is restarted with one.
  // The header is read first, on its own: Beast 1.74 loses the body_limit
  // error when it parses header and body in one go (eager mode).
  void do_read() {
    if (closed_) {
      return;
    }
    if (!parser_) {
      parser_.emplace();
      parser_->body_limit(static_cast<std::uint64_t>(state_->opts.body_limit));
    }
    read_deadline_ = slots_.empty();
    if (read_deadline_) {
      stream_.expires_after(state_->opts.read_timeout);
    } else {
      stream_.expires_never();
    }
    reading_ = true;
    if (parser_->is_header_done()) {
      read_body();
    } else {
      bhttp::async_read_header(stream_, buffer_, *parser_,
                               beast::bind_front_handler(&session::on_header, shared_from_this()));
    }
  }

  void read_body() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&session::on_read, shared_from_this()));
  }

  // The body shares the header's deadline: the stream's expiry is a time point.
  void on_header(beast::error_code err, std::size_t n) {
    if (!err && !closed_ && !parser_->is_done()) {
      return read_body();
    }
    on_read(err, n);
  }

  void maybe_read() {
    auto max = static_cast<std::size_t>(std::max(1, state_->opts.max_pipelined));
    if (!reading_ && !closed_ && !no_more_reads_ && !draining_ && slots_.size() < max) {
      do_read();
    }
  }

  void on_read(beast::error_code err, std::size_t) {
    reading_ = false;
    if (closed_) {
      return;
    }
    bool rearm = std::exchange(rearm_, false);
    if (err == net::error::operation_aborted && rearm) {
      return maybe_read();
    }
    if (err == bhttp::error::end_of_stream) { // the client is done sending
      no_more_reads_ = true;
      if (slots_.empty()) {
        close();
      }
      return;
    }
    if (err == bhttp::error::body_limit) {
      return reject(ec::payload_too_large,
                    "request body exceeds " + std::to_string(state_->opts.body_limit) + " bytes");
    }
    if (err == bhttp::error::header_limit) {
      return reject(ec::bad_request, "request header too large");
    }
    if (err && is_parse_error(err) && err != bhttp::error::partial_message) {
      return reject(ec::bad_request, "malformed HTTP request: " + err.message());
    }
    if (err) { // timeout, reset, or the peer left mid-request
      if (err != net::error::operation_aborted) {
        server_state::logger()->debug("http {}: closing: {}", remote_, err.message());
      }
      return close();
    }
    auto req = parser_->release();
    parser_.reset();
    if (draining_) { // stopping: take no new work
      if (slots_.empty()) {
        close();
      }
      return;
    }
    if (!req.keep_alive()) {
      no_more_reads_ = true;
    }
    dispatch(std::move(req));
    maybe_read();
  }

  slot& push_slot() {
    slots_.push_back(std::make_unique<slot>(stream_.get_executor()));
    slots_.back()->id = ++last_slot_;
    return *slots_.back();
  }

  slot* find(std::uint64_t id) {
    for (auto& s : slots_) {
      if (s->id == id) {
        return s.get();
      }
    }
    return nullptr;
  }

  // Answers an unreadable request and closes after it.
  void reject(ec code, std::string detail) {
    no_more_reads_ = true;
    auto& s = push_slot();
    s.route = "invalid";
    if (parser_) { // the method is known once the start line is parsed
      s.method = std::string{parser_->get().method_string()};
    }
    parser_.reset();
    fill(s.id, problem(code, detail));
  }

  void dispatch(wire_request&& wire) {
    auto& s = push_slot();
    auto id = s.id;
    s.method = std::string{wire.method_string()};
    s.version = wire.version();
    s.keep_alive = wire.keep_alive();
    s.head = wire.method() == bhttp::verb::head;
    request req;
    req.method = s.method;
    req.target = std::string{wire.target()};
    req.remote = remote_;
    for (const auto& f : wire) {
      req.headers.emplace_back(lower(f.name_string()), std::string{f.value()});
    }
    req.body = std::move(wire.body());
    if (!split_target(req.target, req)) {
      s.route = "invalid";
      return fill(id, problem(ec::bad_request, "malformed request target"));
    }
    s.path = req.path;
    auto m = state_->routes->match(req.method, req.path);
    using kind = router::match_result::kind;
    if (m.what == kind::not_found) {
      s.route = "unmatched";
      return fill(id, problem(ec::not_found, "no route for " + req.path, req.path));
    }
    s.route = m.route;
    if (m.what == kind::method_not_allowed) {
      auto res = problem(
          ec::method_not_allowed,
          req.method + " is not allowed on " + req.path + " (allowed: " + m.allow + ")", req.path);
      res.headers.emplace_back("Allow", m.allow);
      return fill(id, std::move(res));
    }
    s.timer.expires_after(state_->opts.handler_timeout);
    s.timer.async_wait([self = shared_from_this(), id](beast::error_code err) {
      if (!err) {
        self->on_handler_timeout(id);
      }
    });
    auto target = std::make_shared<reply_target>(weak_from_this(), state_, id);
    responder respond = [target](response res) {
      if (target->used.exchange(true)) {
        return;
      }
      target->state->if_running([&] {
        if (auto conn = target->conn.lock()) {
          conn->answer(target->slot, std::move(res));
        }
      });
    };
    try {
      (*m.h)(req, m.params, std::move(respond));
    } catch (const std::exception& e) {
      handler_failed(*target, req, e.what());
    } catch (...) {
      handler_failed(*target, req, "unknown exception");
    }
  }

  void handler_failed(reply_target& target, const request& req, const char* what) {
    server_state::logger()->error("http handler for {} {} threw: {}", req.method, req.target, what);
    if (!target.used.exchange(true)) {
      fill(target.slot, problem(ec::internal, "the request handler failed", req.path));
    }
  }

  void on_handler_timeout(std::uint64_t id) {
    auto* s = find(id);
    if (!s || s->res) {
      return;
    }
    auto ms = state_->opts.handler_timeout.count();
    server_state::logger()->warn("http handler for {} {} did not answer within {} ms", s->method,
                                 s->path, ms);
    fill(id, problem(ec::timeout, "no answer within " + std::to_string(ms) + " ms", s->path));
  }

  // The first answer of a slot wins; later ones (after a 504, or after the
  // connection closed) find no empty slot and are dropped.
  void fill(std::uint64_t id, response res) {
    auto* s = find(id);
    if (closed_ || !s || s->res) {
      return;
    }
    s->timer.cancel();
    s->res = to_wire(std::move(res), *s);
    auto seconds = std::chrono::duration<double>(steady::now() - s->started).count();
    state_->observe({s->route, s->method, static_cast<int>(s->res->result_int()), seconds});
    do_write();
  }

  wire_response to_wire(response res, const slot& s) {
    if (res.status < 100 || res.status > 599) {
      server_state::logger()->error("http handler for {} {} answered status {}", s.method, s.path,
                                    res.status);
      res = problem(ec::internal, "the request handler answered an invalid status", s.path);
    }
    wire_response out;
    out.version(s.version);
    out.result(static_cast<unsigned>(res.status));
    // RFC 9110 phrases, as in problem titles (Beast says "Payload Too Large").
    if (beast::string_view phrase = reason_phrase(res.status); phrase != "Unknown") {
      out.reason(phrase);
    }
    out.set(bhttp::field::server, state_->opts.server_name);
    // RFC 9110: no content (nor Content-Length) in 1xx and 204, no content in 304.
    bool has_content = res.status >= 200 && res.status != 204 && res.status != 304;
    if (has_content && !res.content_type.empty()) {
      out.set(bhttp::field::content_type, res.content_type);
    }
    for (auto& [name, value] : res.headers) {
      if (beast::iequals(name, "content-length") || beast::iequals(name, "transfer-encoding") ||
          beast::iequals(name, "connection")) {
        continue; // framing is ours
      }
      if (beast::iequals(name, "content-type") || beast::iequals(name, "server")) {
        out.set(name, value);
      } else {
        out.insert(name, value);
      }
    }
    out.keep_alive(s.keep_alive);
    if (has_content) {
      out.content_length(res.body.size());
      if (!s.head) {
        out.body() = std::move(res.body);
      }
    }
    return out;
  }

  void do_write() {
    if (writing_ || closed_ || slots_.empty() || !slots_.front()->res) {
      return;
    }
    auto& res = *slots_.front()->res;
    if (slots_.size() == 1 && (draining_ || no_more_reads_)) {
      res.keep_alive(false); // the last response: say so
    }
    writing_ = true;
    // Only the write timer is set while a read is pending.
    stream_.expires_after(state_->opts.read_timeout);
    bhttp::async_write(stream_, res,
                       beast::bind_front_handler(&session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code err, std::size_t) {
    writing_ = false;
    if (closed_) {
      return;
    }
    if (err) {
      server_state::logger()->debug("http {}: write failed: {}", remote_, err.message());
      return close();
    }
    bool keep_alive = slots_.front()->res->keep_alive();
    slots_.pop_front();
    if (!keep_alive || (slots_.empty() && (draining_ || no_more_reads_))) {
      return close();
    }
    do_write();
    if (reading_ && !read_deadline_ && slots_.empty()) {
      rearm_ = true; // on_read restarts the read, with a deadline
      stream_.cancel();
    } else {
      maybe_read();
    }
  }

  void close() {
    if (closed_) {
      return;
    }
    closed_ = true;
    for (auto& s : slots_) {
      s->timer.cancel();
    }
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
    state_->remove(key_);
  }

  beast::tcp_stream stream_;
  std::shared_ptr<server_state> state_;
  std::string remote_;
  std::uint64_t key_ = 0;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::deque<std::unique_ptr<slot>> slots_;
  std::uint64_t last_slot_ = 0;
  bool reading_ = false;
  bool read_deadline_ = false;
  bool rearm_ = false;
  bool writing_ = false;
  bool no_more_reads_ = false;
  bool draining_ = false;
  bool closed_ = false;
};

} // namespace

void start_session(tcp::socket socket, std::shared_ptr<server_state> state) {
  std::make_shared<session>(std::move(socket), std::move(state))->start();
}

} // namespace playclock::http::detail
