#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include "adapters/http/problem.hpp"
#include "adapters/http/url.hpp"

using namespace playclock::http;

TEST_CASE("every error code maps to its HTTP status", "[http][problem]") {
  CHECK(to_status(ec::bad_request) == 400);
  CHECK(to_status(ec::unauthorized) == 401);
  CHECK(to_status(ec::forbidden) == 403);
  CHECK(to_status(ec::not_found) == 404);
  CHECK(to_status(ec::method_not_allowed) == 405);
  CHECK(to_status(ec::conflict) == 409);
  CHECK(to_status(ec::payload_too_large) == 413);
  CHECK(to_status(ec::unsupported_media_type) == 415);
  CHECK(to_status(ec::unprocessable) == 422);
  CHECK(to_status(ec::too_many_requests) == 429);
  CHECK(to_status(ec::internal) == 500);
  CHECK(to_status(ec::unavailable) == 503);
  CHECK(to_status(ec::timeout) == 504);
  CHECK(std::string{to_string(ec::not_found)} == "not_found");
}

TEST_CASE("a problem is an application/problem+json body with the RFC 9457 members",
          "[http][problem]") {
  auto res = problem(ec::not_found, "no game \"7\"", "/api/games/7");
  CHECK(res.status == 404);
  CHECK(res.content_type == "application/problem+json");
  rapidjson::Document doc;
  doc.Parse(res.body.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string{doc["type"].GetString()} == "https://playclock.dev/problems/not-found");
  CHECK(std::string{doc["title"].GetString()} == "Not Found");
  CHECK(doc["status"].GetInt() == 404);
  CHECK(std::string{doc["detail"].GetString()} == "no game \"7\"");
  CHECK(std::string{doc["instance"].GetString()} == "/api/games/7");
}

TEST_CASE("a problem carries extra members and leaves out an empty instance", "[http][problem]") {
  auto res = problem(ec::unprocessable, "invalid job", {},
                     R"("errors":[{"field":"type","message":"unknown"}])");
  CHECK(res.status == 422);
  rapidjson::Document doc;
  doc.Parse(res.body.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK_FALSE(doc.HasMember("instance"));
  CHECK(std::string{doc["title"].GetString()} == "Unprocessable Content");
  REQUIRE(doc["errors"].IsArray());
  CHECK(std::string{doc["errors"][0]["field"].GetString()} == "type");

  auto braced = problem(ec::conflict, "taken", "/x", R"({"id": 3})");
  doc.Parse(braced.body.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["id"].GetInt() == 3);
}

TEST_CASE("parse_url splits scheme, host, port and target", "[http][url]") {
  auto u = parse_url("http://127.0.0.1:8080/api/x?a=1#frag");
  REQUIRE(u);
  CHECK(u->scheme == "http");
  CHECK(u->host == "127.0.0.1");
  CHECK(u->port == 8080);
  CHECK(u->target == "/api/x?a=1");

  auto v = parse_url("HTTPS://example.com?q=2");
  REQUIRE(v);
  CHECK(v->scheme == "https");
  CHECK(v->port == 443);
  CHECK(v->target == "/?q=2");

  auto w = parse_url("http://[::1]:99");
  REQUIRE(w);
  CHECK(w->host == "::1");
  CHECK(w->port == 99);
  CHECK(w->target == "/");
}

TEST_CASE("parse_url rejects what is not an http URL", "[http][url]") {
  CHECK_FALSE(parse_url("not a url"));
  CHECK_FALSE(parse_url("ftp://example.com/"));
  CHECK_FALSE(parse_url("http://"));
  CHECK_FALSE(parse_url("http://host:0/"));
  CHECK_FALSE(parse_url("http://host:70000/"));
  CHECK_FALSE(parse_url("http://host:/"));
  CHECK_FALSE(parse_url("http://user@host/"));
  CHECK_FALSE(parse_url("http://host/a b"));
}

TEST_CASE("percent_decode and parse_query decode in order", "[http][url]") {
  CHECK(percent_decode("/a%20b+c") == std::string{"/a b+c"});
  CHECK(percent_decode("a+b", true) == std::string{"a b"});
  CHECK_FALSE(percent_decode("%4"));
  CHECK_FALSE(percent_decode("%zz"));
  auto q = parse_query("b=2&a=x+y&&flag&b=%26");
  REQUIRE(q);
  CHECK(*q == header_list{{"b", "2"}, {"a", "x y"}, {"flag", ""}, {"b", "&"}});
  CHECK_FALSE(parse_query("a=%G1"));
}
