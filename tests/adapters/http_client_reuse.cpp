#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "adapters/http/client.hpp"
#include "adapters/http/server.hpp"

// Kept-alive connections: fetch reuses what a server leaves open, notices
// what it closed, and sends a request again on a new connection only when
// that cannot do harm.

using namespace playclock::http;
using namespace std::chrono_literals;
namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

// A server whose one route answers with the peer's address ("127.0.0.1:port"),
// which tells the connections apart.
struct peer_echo {
  explicit peer_echo(std::chrono::milliseconds idle = 15s) {
    auto r = std::make_shared<router>();
    for (const char* method : {"GET", "POST"})
      r->add(method, "/peer", [](const request& req, const path_params&, responder res) {
        response out;
        out.content_type = "text/plain";
        out.body = req.remote;
        res(std::move(out));
      });
    server_options opts;
    opts.host = "127.0.0.1";
    opts.port = 0;
    opts.read_timeout = idle;
    srv = std::make_unique<server>(opts, r);
    port = srv->start();
  }

  std::string peer(client_request req) const {
    req.url = "http://127.0.0.1:" + std::to_string(port) + "/peer";
    req.timeout = 2s;
    auto out = fetch(req);
    REQUIRE(std::holds_alternative<client_response>(out));
    REQUIRE(std::get<client_response>(out).status == 200);
    return std::get<client_response>(out).body;
  }

  std::unique_ptr<server> srv;
  std::uint16_t port = 0;
};

// A raw server that answers one request on its first connection, reads the
// next one and closes that connection without an answer (as a server does
// that times out an idle connection just as a request comes), then answers
// whatever comes on a second connection.
class dropping_server {
 public:
  dropping_server() : acceptor_{ioc_, {net::ip::make_address("127.0.0.1"), 0}} {
    thread_ = std::thread{[this] { serve(); }};
  }

  ~dropping_server() {
    if (thread_.joinable())
      finish();
  }

  dropping_server(const dropping_server&) = delete;
  dropping_server& operator=(const dropping_server&) = delete;

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/x";
  }

  /// Stops serving; the methods of the requests read, in order.
  std::vector<std::string> finish() {
    // A connection that sends nothing ends a wait for a connection (two at
    // most, if a test failed before its requests).
    for (int i = 0; i < 20 && !done_; ++i) {
      net::io_context ioc;
      tcp::socket poke{ioc};
      boost::system::error_code ignored;
      poke.connect(acceptor_.local_endpoint(), ignored);
      poke.close();
      std::this_thread::sleep_for(20ms);
    }
    thread_.join();
    return seen_;
  }

 private:
  bool read(tcp::socket& s, boost::beast::flat_buffer& buf) {
    bhttp::request<bhttp::string_body> req;
    boost::system::error_code err;
    bhttp::read(s, buf, req, err);
    if (err)
      return false;
    seen_.emplace_back(req.method_string());
    return true;
  }

  static void answer(tcp::socket& s, const std::string& body) {
    bhttp::response<bhttp::string_body> res{bhttp::status::ok, 11};
    res.body() = body;
    res.prepare_payload();
    boost::system::error_code ignored;
    bhttp::write(s, res, ignored);
  }

  void serve() {
    {
      tcp::socket s{ioc_};
      acceptor_.accept(s);
      boost::beast::flat_buffer buf;
      if (read(s, buf))
        answer(s, "first");
      read(s, buf); // then close without an answer
    }
    tcp::socket s{ioc_};
    acceptor_.accept(s);
    boost::beast::flat_buffer buf;
    if (read(s, buf))
      answer(s, "again");
    done_ = true;
  }

  net::io_context ioc_;
  tcp::acceptor acceptor_;
  std::vector<std::string> seen_; // written by the thread, read after join
  std::atomic<bool> done_{false};
  std::thread thread_;
};

client_request to(const dropping_server& srv, const std::string& method) {
  client_request req;
  req.method = method;
  req.url = srv.url();
  req.timeout = 2s;
  return req;
}

std::string body_of(const std::variant<client_response, client_error>& out) {
  REQUIRE(std::holds_alternative<client_response>(out));
  return std::get<client_response>(out).body;
}

} // namespace

TEST_CASE("fetch sends the next request on the connection the server kept open", "[http][client]") {
  peer_echo srv;
  auto first = srv.peer({});
  CHECK(srv.peer({}) == first);
  client_request post;
  post.method = "POST";
  post.body = "{}";
  CHECK(srv.peer(post) == first);
}

TEST_CASE("fetch opens a new connection after a response that closed the old one",
          "[http][client]") {
  peer_echo srv;
  client_request closing;
  closing.headers.emplace_back("Connection", "close");
  auto first = srv.peer(closing);
  auto second = srv.peer({});
  CHECK(second != first);
  CHECK(srv.peer({}) == second);
}

TEST_CASE("fetch notices an idle connection the server closed and opens a new one",
          "[http][client]") {
  peer_echo srv{100ms};
  auto first = srv.peer({});
  std::this_thread::sleep_for(400ms); // the server's idle limit closes it
  client_request post;
  post.method = "POST"; // not repeatable: it must not go to the closed connection at all
  auto second = srv.peer(post);
  CHECK(second != first);
}

TEST_CASE("a request its kept-alive connection lost is sent again only if it may be repeated",
          "[http][client]") {
  dropping_server srv;
  SECTION("GET is idempotent: sent again on a new connection") {
    CHECK(body_of(fetch(to(srv, "GET"))) == "first");
    CHECK(body_of(fetch(to(srv, "GET"))) == "again");
    CHECK(srv.finish() == std::vector<std::string>{"GET", "GET", "GET"});
  }
  SECTION("POST with an Idempotency-Key: sent again, the server drops a repeat") {
    auto post = to(srv, "POST");
    post.headers.emplace_back("Idempotency-Key", "alert-1");
    CHECK(body_of(fetch(post)) == "first");
    CHECK(body_of(fetch(post)) == "again");
    CHECK(srv.finish() == std::vector<std::string>{"POST", "POST", "POST"});
  }
  SECTION("POST without one: an error that says it may have arrived, not sent twice") {
    auto post = to(srv, "POST");
    CHECK(body_of(fetch(post)) == "first");
    auto out = fetch(post);
    REQUIRE(std::holds_alternative<client_error>(out));
    CHECK(std::get<client_error>(out).kind == client_error_kind::protocol);
    CHECK_THAT(std::get<client_error>(out).message, Catch::Contains("kept-alive connection"));
    CHECK(srv.finish() == std::vector<std::string>{"POST", "POST"});
  }
}

TEST_CASE("fetch keeps connections to a host name it resolved", "[http][client]") {
  peer_echo srv;
  client_request req;
  req.url = "http://localhost:" + std::to_string(srv.port) + "/peer";
  req.timeout = 2s;
  auto first = body_of(fetch(req));
  CHECK(body_of(fetch(req)) == first);
}
