#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <rapidjson/document.h>

#include "adapters/http/client.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/server.hpp"

using namespace playclock::http;
using namespace std::chrono_literals;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using steady = std::chrono::steady_clock;

namespace {

// A server on a free loopback port; stopped when it goes out of scope.
struct test_server {
  explicit test_server(std::shared_ptr<const router> routes, server_options opts = {},
                       observer obs = {})
      : srv{with_free_port(std::move(opts)), std::move(routes), std::move(obs)}, port{srv.start()} {
  }

  static server_options with_free_port(server_options opts) {
    opts.host = "127.0.0.1";
    opts.port = 0;
    return opts;
  }

  std::string url(const std::string& target) const {
    return "http://127.0.0.1:" + std::to_string(port) + target;
  }

  server srv;
  std::uint16_t port;
};

response text(std::string body, int status = 200) {
  response res;
  res.status = status;
  res.content_type = "text/plain";
  res.body = std::move(body);
  return res;
}

client_response call(const std::string& url, std::string method = "GET", std::string body = {}) {
  client_request req;
  req.method = std::move(method);
  req.url = url;
  req.body = std::move(body);
  req.timeout = 3s;
  auto out = fetch(req);
  if (auto* err = std::get_if<client_error>(&out)) {
    FAIL("fetch " << url << ": " << to_string(err->kind) << ": " << err->message);
  }
  return std::get<client_response>(std::move(out));
}

rapidjson::Document json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

// A loopback connection for what the client would never send.
class raw_connection {
 public:
  explicit raw_connection(std::uint16_t port) : socket_{ioc_} {
    socket_.connect({net::ip::make_address("127.0.0.1"), port});
  }

  void send(const std::string& data) { net::write(socket_, net::buffer(data)); }

  struct received {
    std::string data;
    bool closed = false; // the server closed the connection
  };

  /// Everything until the server closes, or what came within `limit`.
  received read_until_closed(std::chrono::milliseconds limit) {
    received out;
    run(
        [&](auto done) {
          net::async_read(socket_, net::dynamic_buffer(out.data),
                          [&, done](boost::system::error_code err, std::size_t) {
                            out.closed =
                                err == net::error::eof || err == net::error::connection_reset;
                            done();
                          });
        },
        limit);
    return out;
  }

  /// Reads until `marker` arrives (or `limit` passes).
  std::string read_until(const std::string& marker, std::chrono::milliseconds limit) {
    std::string data;
    run(
        [&](auto done) {
          net::async_read_until(socket_, net::dynamic_buffer(data), marker,
                                [done](boost::system::error_code, std::size_t) { done(); });
        },
        limit);
    return data;
  }

 private:
  template <class Start>
  void run(Start start, std::chrono::milliseconds limit) {
    bool finished = false;
    start([&finished] { finished = true; });
    ioc_.restart();
    ioc_.run_for(limit);
    if (!finished) {
      socket_.cancel();
      ioc_.restart();
      ioc_.run();
    }
  }

  net::io_context ioc_;
  tcp::socket socket_;
};

// Joins the threads handlers started, whatever the test's outcome.
struct thread_list {
  ~thread_list() {
    for (auto& t : threads) {
      t.join();
    }
  }
  void add(std::thread t) {
    std::lock_guard<std::mutex> lock{mu};
    threads.push_back(std::move(t));
  }
  std::mutex mu;
  std::vector<std::thread> threads;
};

std::shared_ptr<router> games_router() {
  auto r = std::make_shared<router>();
  r->add("GET", "/api/games/{id}", [](const request& req, const path_params& p, responder res) {
    res(text(p.at(0).second + ";" + req.query_param("team").value_or("-")));
  });
  r->add("GET", "/ok", [](const request&, const path_params&, responder res) { res(text("ok")); });
  return r;
}

bool refuses_connections(std::uint16_t port) {
  net::io_context ioc;
  tcp::socket s{ioc};
  boost::system::error_code err;
  s.connect({net::ip::make_address("127.0.0.1"), port}, err);
  return err == net::error::connection_refused;
}

} // namespace

TEST_CASE("a route with a capture hands the segment and the query to its handler", "[http]") {
  test_server ts{games_router()};
  auto res = call(ts.url("/api/games/42?team=K%43&x=1"));
  CHECK(res.status == 200);
  CHECK(res.body == "42;KC");
  CHECK(res.header("content-type") == "text/plain");
  CHECK(res.header("server") == "playclock");
  CHECK(res.header("content-length") == "5");
}

TEST_CASE("an unknown path gets 404 problem+json", "[http]") {
  test_server ts{games_router()};
  auto res = call(ts.url("/api/nothing"));
  CHECK(res.status == 404);
  CHECK(res.header("content-type") == "application/problem+json");
  auto doc = json(res.body);
  CHECK(std::string{doc["type"].GetString()} == "https://playclock.dev/problems/not-found");
  CHECK(std::string{doc["title"].GetString()} == "Not Found");
  CHECK(doc["status"].GetInt() == 404);
  CHECK(doc["detail"].IsString());
  CHECK(std::string{doc["instance"].GetString()} == "/api/nothing");
}

TEST_CASE("a known path with the wrong method gets 405 with an Allow header", "[http]") {
  test_server ts{games_router()};
  auto res = call(ts.url("/api/games/1"), "DELETE");
  CHECK(res.status == 405);
  CHECK(res.header("allow") == "GET, HEAD");
  CHECK(res.header("content-type") == "application/problem+json");
  CHECK(json(res.body)["status"].GetInt() == 405);
}

TEST_CASE("HEAD on a GET route answers the headers without the body", "[http]") {
  test_server ts{games_router()};
  auto res = call(ts.url("/api/games/42"), "HEAD");
  CHECK(res.status == 200);
  CHECK(res.header("content-length") == "4");
  CHECK(res.body.empty());
}

TEST_CASE("a body over the limit gets 413 problem+json", "[http]") {
  server_options opts;
  opts.body_limit = 1024;
  auto r = std::make_shared<router>();
  r->add("POST", "/upload", [](const request& req, const path_params&, responder res) {
    res(text(std::to_string(req.body.size())));
  });
  test_server ts{r, opts};
  CHECK(call(ts.url("/upload"), "POST", std::string(1024, 'x')).body == "1024");
  auto res = call(ts.url("/upload"), "POST", std::string(4096, 'x'));
  CHECK(res.status == 413);
  CHECK(res.header("content-type") == "application/problem+json");
  CHECK(res.header("connection") == "close");
  CHECK(json(res.body)["status"].GetInt() == 413);

  raw_connection chunked{ts.port}; // no Content-Length to check up front
  chunked.send("POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
               "1000\r\n" +
               std::string(4096, 'x') + "\r\n0\r\n\r\n");
  auto got = chunked.read_until_closed(3s);
  CHECK(got.closed);
  CHECK(got.data.rfind("HTTP/1.1 413 Content Too Large\r\n", 0) == 0);
}

TEST_CASE("a malformed request gets 400 problem+json and the connection closes", "[http]") {
  test_server ts{games_router()};
  raw_connection c{ts.port};
  c.send("this is not http\r\n\r\n");
  auto got = c.read_until_closed(3s);
  CHECK(got.closed);
  CHECK(got.data.rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0);
  CHECK(got.data.find("application/problem+json") != std::string::npos);
  CHECK(got.data.find("\"status\":400") != std::string::npos);
}

TEST_CASE("a handler may answer later from another thread", "[http]") {
  thread_list threads;
  auto r = std::make_shared<router>();
  r->add("GET", "/later", [&threads](const request&, const path_params&, responder res) {
    threads.add(std::thread{[res] { res(text("from a thread")); }});
  });
  test_server ts{r};
  auto res = call(ts.url("/later"));
  CHECK(res.status == 200);
  CHECK(res.body == "from a thread");
}

TEST_CASE("pipelined requests are answered in order even when the first handler answers last",
          "[http]") {
  thread_list threads;
  std::mutex mu;
  responder first; // set by /first before /second runs (same connection, same strand)
  auto r = std::make_shared<router>();
  r->add("GET", "/first", [&](const request&, const path_params&, responder res) {
    std::lock_guard<std::mutex> lock{mu};
    first = std::move(res);
  });
  r->add("GET", "/second", [&](const request&, const path_params&, responder res) {
    res(text("second"));
    std::lock_guard<std::mutex> lock{mu};
    threads.add(std::thread{[answer = first] { answer(text("first")); }});
  });
  test_server ts{r};
  raw_connection c{ts.port};
  c.send("GET /first HTTP/1.1\r\nHost: t\r\n\r\n"
         "GET /second HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  auto got = c.read_until_closed(3s);
  CHECK(got.closed);
  auto first_at = got.data.find("\r\n\r\nfirst");
  auto second_at = got.data.find("\r\n\r\nsecond");
  REQUIRE(first_at != std::string::npos);
  REQUIRE(second_at != std::string::npos);
  CHECK(first_at < second_at);
}

TEST_CASE("a handler that never answers gets 504 and its late answer is ignored", "[http]") {
  server_options opts;
  opts.handler_timeout = 100ms;
  std::promise<responder> held;
  auto r = games_router();
  r->add("GET", "/never", [&held](const request&, const path_params&, responder res) {
    held.set_value(std::move(res));
  });
  test_server ts{r, opts};
  auto res = call(ts.url("/never"));
  CHECK(res.status == 504);
  CHECK(res.header("content-type") == "application/problem+json");
  CHECK(json(res.body)["status"].GetInt() == 504);
  held.get_future().get()(text("too late"));
  CHECK(call(ts.url("/ok")).body == "ok");
}

TEST_CASE("a responder called after the server is gone is ignored", "[http]") {
  std::promise<responder> held;
  auto r = games_router();
  r->add("GET", "/held", [&held](const request&, const path_params&, responder res) {
    held.set_value(std::move(res));
  });
  responder late;
  {
    test_server ts{r};
    raw_connection c{ts.port};
    c.send("GET /held HTTP/1.1\r\nHost: t\r\n\r\n");
    late = held.get_future().get();
    ts.srv.stop(0ms);
    CHECK(c.read_until_closed(1s).closed);
  }
  late(text("nobody listens"));
  late(text("twice"));
}

TEST_CASE("pipelined requests are all answered with max_pipelined 1", "[http]") {
  server_options opts;
  opts.max_pipelined = 1;
  test_server ts{games_router(), opts};
  raw_connection c{ts.port};
  c.send("GET /api/games/1 HTTP/1.1\r\nHost: t\r\n\r\n"
         "GET /api/games/2 HTTP/1.1\r\nHost: t\r\n\r\n"
         "GET /api/games/3 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  auto got = c.read_until_closed(3s);
  CHECK(got.closed);
  auto one = got.data.find("1;-");
  auto two = got.data.find("2;-");
  auto three = got.data.find("3;-");
  REQUIRE(three != std::string::npos);
  CHECK(one < two);
  CHECK(two < three);
}

TEST_CASE("a handler that throws gets 500 and the server keeps serving", "[http]") {
  auto r = games_router();
  r->add("GET", "/boom",
         [](const request&, const path_params&, responder) { throw std::runtime_error("boom"); });
  test_server ts{r};
  auto res = call(ts.url("/boom"));
  CHECK(res.status == 500);
  CHECK(json(res.body)["status"].GetInt() == 500);
  CHECK(call(ts.url("/ok")).body == "ok");
}

TEST_CASE("a half-sent request is disconnected after the read timeout", "[http]") {
  server_options opts;
  opts.read_timeout = 200ms;
  test_server ts{games_router(), opts};
  raw_connection c{ts.port};
  auto start = steady::now();
  c.send("GET /ok HTTP/1.1\r\nHost: t\r\n");
  auto got = c.read_until_closed(5s);
  CHECK(got.closed);
  CHECK(got.data.empty());
  CHECK(steady::now() - start >= 150ms);
  CHECK(steady::now() - start < 4s);
}

TEST_CASE("a keep-alive connection serves several requests and HTTP/1.0 closes", "[http]") {
  test_server ts{games_router()};
  raw_connection c{ts.port};
  c.send("GET /ok HTTP/1.1\r\nHost: t\r\n\r\n");
  CHECK(c.read_until("ok", 3s).find("HTTP/1.1 200 OK") == 0);
  c.send("GET /api/games/9 HTTP/1.0\r\n\r\n");
  auto got = c.read_until_closed(3s);
  CHECK(got.closed);
  CHECK(got.data.rfind("HTTP/1.0 200 OK\r\n", 0) == 0);
  CHECK(got.data.find("Content-Length: 3\r\n") != std::string::npos);
  CHECK(got.data.find("9;-") != std::string::npos);
}

TEST_CASE("connections past max_connections are closed right after accept", "[http]") {
  server_options opts;
  opts.max_connections = 1;
  test_server ts{games_router(), opts};
  raw_connection a{ts.port};
  a.send("GET /ok HTTP/1.1\r\nHost: t\r\n\r\n");
  CHECK(a.read_until("ok", 3s).find("200 OK") != std::string::npos);
  CHECK(ts.srv.open_connections() == 1);
  raw_connection b{ts.port};
  auto got = b.read_until_closed(3s);
  CHECK(got.closed);
  CHECK(got.data.empty());
}

TEST_CASE("stop refuses new connections and lets an in-flight request finish", "[http]") {
  std::promise<responder> held;
  auto r = games_router();
  r->add("GET", "/slow", [&held](const request&, const path_params&, responder res) {
    held.set_value(std::move(res));
  });
  test_server ts{r};
  auto in_flight = std::async(std::launch::async, [&] { return call(ts.url("/slow")); });
  auto respond = held.get_future().get(); // the request is now in its handler
  auto start = steady::now();
  auto stopping = std::async(std::launch::async, [&] { ts.srv.stop(3s); });
  // stop() closes the listener first; no hook tells when, so poll (bounded).
  bool refused = false;
  for (int i = 0; i < 400 && !refused; ++i) {
    refused = refuses_connections(ts.port);
    if (!refused) {
      std::this_thread::sleep_for(5ms);
    }
  }
  CHECK(refused);
  CHECK(stopping.wait_for(0ms) == std::future_status::timeout); // still waiting for /slow
  respond(text("finished"));
  auto res = in_flight.get();
  CHECK(res.status == 200);
  CHECK(res.body == "finished");
  stopping.get();
  CHECK(steady::now() - start < 3s);
  CHECK(ts.srv.open_connections() == 0);
}

TEST_CASE("stop closes idle keep-alive connections without waiting", "[http]") {
  test_server ts{games_router()};
  raw_connection c{ts.port};
  c.send("GET /ok HTTP/1.1\r\nHost: t\r\n\r\n");
  REQUIRE(c.read_until("ok", 3s).find("200 OK") != std::string::npos);
  auto start = steady::now();
  ts.srv.stop(5s);
  CHECK(steady::now() - start < 1s);
  CHECK(ts.srv.open_connections() == 0);
  CHECK(c.read_until_closed(1s).closed);
}

TEST_CASE("the observer sees route, method and status of every response", "[http]") {
  std::mutex mu;
  std::vector<request_observation> seen;
  auto obs = [&](const request_observation& o) {
    std::lock_guard<std::mutex> lock{mu};
    seen.push_back(o);
  };
  test_server ts{games_router(), {}, obs};
  call(ts.url("/api/games/3"));
  call(ts.url("/nope"));
  call(ts.url("/api/games/3"), "POST");
  {
    raw_connection c{ts.port};
    c.send("bad request\r\n\r\n");
    c.read_until_closed(3s);
  }
  ts.srv.stop(1s); // joins the I/O threads: every observation is in
  REQUIRE(seen.size() == 4);
  CHECK(seen[0].route == "/api/games/{id}");
  CHECK(seen[0].method == "GET");
  CHECK(seen[0].status == 200);
  CHECK(seen[0].seconds >= 0);
  CHECK(seen[1].route == "unmatched");
  CHECK(seen[1].status == 404);
  CHECK(seen[2].route == "/api/games/{id}");
  CHECK(seen[2].method == "POST");
  CHECK(seen[2].status == 405);
  CHECK(seen[3].route == "invalid");
  CHECK(seen[3].status == 400);
}

TEST_CASE("start reports a port already in use", "[http]") {
  test_server ts{games_router()};
  server_options opts;
  opts.port = ts.port;
  server second{opts, games_router()};
  try {
    second.start();
    FAIL("start() did not throw");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::StartsWith(
                             "http: cannot listen on 127.0.0.1:" + std::to_string(ts.port) + ": "));
  }
}
