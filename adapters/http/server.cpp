#include "adapters/http/server.hpp"

#include <algorithm>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <spdlog/spdlog.h>

#include "adapters/http/server_state.hpp"
#include "adapters/http/session.hpp"
#include "adapters/log/thread_name.hpp"

namespace playclock::http {

namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

// Accepts connections on its own strand and hands each to a new session.
class listener : public std::enable_shared_from_this<listener> {
 public:
  listener(net::io_context& ioc, std::shared_ptr<detail::server_state> state)
      : ioc_(ioc), acceptor_(net::make_strand(ioc)), retry_(acceptor_.get_executor()),
        state_(std::move(state)) {}

  /// Binds and listens; returns the bound port. Throws boost::system::system_error.
  std::uint16_t open(const tcp::endpoint& ep) {
    acceptor_.open(ep.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen(net::socket_base::max_listen_connections);
    return acceptor_.local_endpoint().port();
  }

  void run() {
    net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] { self->accept(); });
  }

  /// Closes the acceptor on its strand; the future is ready once it is closed.
  std::future<void> close() {
    auto done = std::make_shared<std::promise<void>>();
    auto ready = done->get_future();
    net::post(acceptor_.get_executor(), [self = shared_from_this(), done] {
      self->close_now();
      done->set_value();
    });
    return ready;
  }

  /// Closes without the strand; only while no I/O thread runs.
  void close_now() {
    closed_ = true;
    error_code ignored;
    acceptor_.close(ignored);
    retry_.cancel();
  }

 private:
  void accept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           [self = shared_from_this()](error_code err, tcp::socket socket) {
                             self->on_accept(err, std::move(socket));
                           });
  }

  void on_accept(error_code err, tcp::socket socket) {
    if (closed_) { // accepted just before close(): not ours to serve any more
      return;
    }
    if (err) {
      if (err == net::error::operation_aborted) {
        return;
      }
      // Out of descriptors and the like: back off rather than spin.
      detail::server_state::logger()->warn("http accept failed: {}", err.message());
      retry_.expires_after(std::chrono::milliseconds{50});
      retry_.async_wait([self = shared_from_this()](error_code e) {
        if (!e && !self->closed_) {
          self->accept();
        }
      });
      return;
    }
    if (state_->open() >= static_cast<std::size_t>(std::max(0, state_->opts.max_connections))) {
      detail::server_state::logger()->warn("http connection limit {} reached: refusing a client",
                                           state_->opts.max_connections);
      error_code ignored;
      socket.close(ignored);
    } else {
      // Registers before the next accept, so stop() sees every session.
      detail::start_session(std::move(socket), state_);
    }
    accept();
  }

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_;
  std::shared_ptr<detail::server_state> state_;
  bool closed_ = false;
};

tcp::endpoint resolve(net::io_context& ioc, const std::string& host, std::uint16_t port) {
  error_code err;
  auto addr = net::ip::make_address(host, err);
  if (!err) {
    return {addr, port};
  }
  tcp::resolver resolver{ioc};
  auto results = resolver.resolve(host, std::to_string(port), err);
  if (err) {
    throw boost::system::system_error{err};
  }
  if (results.empty()) {
    throw std::runtime_error("no address");
  }
  return results.begin()->endpoint();
}

} // namespace

struct server::impl {
  enum class phase { idle, running, stopped };

  std::shared_ptr<detail::server_state> state;
  std::mutex mu; // start/stop
  phase now = phase::idle;
  std::unique_ptr<net::io_context> ioc;
  std::shared_ptr<listener> lst;
  std::vector<std::thread> threads;
};

server::server(server_options opts, std::shared_ptr<const router> routes, observer obs)
    : impl_(std::make_unique<impl>()) {
  if (!routes) {
    routes = std::make_shared<const router>();
  }
  impl_->state =
      std::make_shared<detail::server_state>(std::move(opts), std::move(routes), std::move(obs));
}

server::~server() {
  stop(std::chrono::milliseconds{0});
}

std::uint16_t server::start() {
  std::lock_guard<std::mutex> lock{impl_->mu};
  if (impl_->now != impl::phase::idle) {
    throw std::logic_error("http: server already started");
  }
  const auto& opts = impl_->state->opts;
  int threads = std::max(1, opts.threads);
  auto ioc = std::make_unique<net::io_context>(threads);
  auto lst = std::make_shared<listener>(*ioc, impl_->state);
  std::uint16_t port = 0;
  try {
    port = lst->open(resolve(*ioc, opts.host, opts.port));
  } catch (const std::exception& e) {
    auto what = std::string{e.what()};
    // system_error's what() is "bind: Address already in use"; keep the reason.
    if (auto* se = dynamic_cast<const boost::system::system_error*>(&e)) {
      what = se->code().message();
    }
    throw std::runtime_error("http: cannot listen on " + opts.host + ":" +
                             std::to_string(opts.port) + ": " + what);
  }
  lst->run();
  for (int i = 0; i < threads; ++i) {
    impl_->threads.emplace_back([ctx = ioc.get()] {
      log::name_this_thread("pc-http");
      for (;;) {
        try {
          ctx->run();
          return;
        } catch (const std::exception& e) {
          detail::server_state::logger()->error("http I/O thread caught: {}", e.what());
        }
      }
    });
  }
  impl_->ioc = std::move(ioc);
  impl_->lst = std::move(lst);
  impl_->now = impl::phase::running;
  detail::server_state::logger()->debug("http listening on {}:{} with {} threads", opts.host, port,
                                        threads);
  return port;
}

void server::stop(std::chrono::milliseconds grace) {
  std::lock_guard<std::mutex> lock{impl_->mu};
  if (impl_->now != impl::phase::running) {
    return;
  }
  auto deadline = std::chrono::steady_clock::now() + grace;
  auto& state = *impl_->state;
  // 1. No new connections: the acceptor closes on its strand.
  impl_->lst->close().wait();
  // 2. Idle connections close now, busy ones after their last response.
  for (auto& c : state.live()) {
    c->drain();
  }
  if (!state.wait_closed(deadline) && grace.count() > 0) {
    detail::server_state::logger()->warn("http: {} connections still busy after the grace period",
                                         state.open());
  }
  // 3. Out of time: stop the threads, then close what is left from here.
  impl_->ioc->stop();
  for (auto& t : impl_->threads) {
    t.join();
  }
  impl_->threads.clear();
  state.close_gate(); // late responders must not post to a dead context
  for (auto& c : state.live()) {
    c->force_close();
  }
  impl_->lst->close_now();
  impl_->lst.reset();
  impl_->ioc.reset(); // destroys the pending handlers and with them the sessions
  impl_->now = impl::phase::stopped;
}

std::size_t server::open_connections() const {
  return impl_->state->open();
}

} // namespace playclock::http
