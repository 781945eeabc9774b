#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "adapters/http/client.hpp"
#include "adapters/http/server.hpp"

using namespace playclock::http;
using namespace std::chrono_literals;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

client_error fetch_error(client_request req) {
  auto out = fetch(req);
  REQUIRE(std::holds_alternative<client_error>(out));
  return std::get<client_error>(out);
}

client_request get(std::string url) {
  client_request req;
  req.url = std::move(url);
  req.timeout = 2s;
  return req;
}

std::string local(std::uint16_t port, const std::string& target = "/") {
  return "http://127.0.0.1:" + std::to_string(port) + target;
}

} // namespace

TEST_CASE("fetch reports a URL it cannot use as bad_url", "[http][client]") {
  CHECK(fetch_error(get("not a url")).kind == client_error_kind::bad_url);
  CHECK(fetch_error(get("ftp://example.com/")).kind == client_error_kind::bad_url);
  CHECK(std::string{to_string(client_error_kind::too_large)} == "too_large");
}

TEST_CASE("fetch reports a refused connection as a connect error", "[http][client]") {
  std::uint16_t port = 0;
  {
    net::io_context ioc;
    tcp::acceptor a{ioc, {net::ip::make_address("127.0.0.1"), 0}};
    port = a.local_endpoint().port();
  } // closed: nothing listens there now
  auto err = fetch_error(get(local(port)));
  CHECK(err.kind == client_error_kind::connect);
  CHECK_THAT(err.message, Catch::Contains("127.0.0.1:" + std::to_string(port)));
}

TEST_CASE("fetch times out against a server that never answers", "[http][client]") {
  net::io_context ioc;
  tcp::acceptor acceptor{ioc, {net::ip::make_address("127.0.0.1"), 0}};
  tcp::socket silent{ioc};
  std::thread accepting{[&] { acceptor.accept(silent); }}; // accepts, then says nothing
  auto req = get(local(acceptor.local_endpoint().port()));
  req.timeout = 200ms;
  auto start = std::chrono::steady_clock::now();
  auto err = fetch_error(req);
  accepting.join();
  CHECK(err.kind == client_error_kind::timeout);
  CHECK(std::chrono::steady_clock::now() - start >= 150ms);
  CHECK(std::chrono::steady_clock::now() - start < 2s);
}

TEST_CASE("fetch sends method, headers and body and returns the whole response", "[http][client]") {
  auto r = std::make_shared<router>();
  r->add("PUT", "/echo", [](const request& req, const path_params&, responder res) {
    response out;
    out.status = 201;
    out.content_type = "text/plain";
    out.headers.emplace_back("X-Seen", req.header("x-token").value_or("none"));
    out.body = req.method + " " + req.body;
    res(std::move(out));
  });
  server_options opts;
  opts.port = 0;
  server srv{opts, r};
  auto port = srv.start();
  auto req = get(local(port, "/echo"));
  req.method = "PUT";
  req.headers.emplace_back("X-Token", "abc");
  req.body = "payload";
  auto out = fetch(req);
  REQUIRE(std::holds_alternative<client_response>(out));
  auto& res = std::get<client_response>(out);
  CHECK(res.status == 201);
  CHECK(res.body == "PUT payload");
  CHECK(res.header("X-SEEN") == "abc");
  CHECK(res.header("content-type") == "text/plain");
}

TEST_CASE("fetch refuses a response body over its limit", "[http][client]") {
  auto r = std::make_shared<router>();
  r->add("GET", "/big", [](const request&, const path_params&, responder res) {
    response out;
    out.body = std::string(10000, 'x');
    res(std::move(out));
  });
  server_options opts;
  opts.port = 0;
  server srv{opts, r};
  auto req = get(local(srv.start(), "/big"));
  req.body_limit = 1000;
  auto err = fetch_error(req);
  CHECK(err.kind == client_error_kind::too_large);
  req.body_limit = 10000;
  auto out = fetch(req);
  REQUIRE(std::holds_alternative<client_response>(out));
  CHECK(std::get<client_response>(out).body.size() == 10000);
}
