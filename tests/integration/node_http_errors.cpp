#include <catch2/catch.hpp>

#include "tests/integration/node_process.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;

TEST_CASE("the node answers every error as problem+json", "[integration]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(), {{"PLAYCLOCK_HTTP__BODY_LIMIT_BYTES", "2048"}}};
  REQUIRE(node.wait_ready());

  SECTION("unknown route is 404") {
    auto res = node.get("/api/nope");
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(res->header("content-type").value_or("") == "application/problem+json");
    CHECK(test::json_string(res->body, "/title") == "Not Found");
    CHECK(test::json_string(res->body, "/instance") == "/api/nope");
  }
  SECTION("wrong method is 405 with Allow") {
    auto res = node.request("DELETE", "/api/system/health");
    REQUIRE(res);
    CHECK(res->status == 405);
    CHECK(res->header("allow").value_or("") == "GET, HEAD");
    CHECK(res->header("content-type").value_or("") == "application/problem+json");
  }
  SECTION("a body over the limit is 413") {
    auto res = node.request("POST", "/api/system/health", std::string(4096, 'x'));
    REQUIRE(res);
    CHECK(res->status == 413);
    CHECK(res->header("content-type").value_or("") == "application/problem+json");
  }
  SECTION("a malformed request is 400") {
    auto raw = test::raw_exchange(node.port(), "THIS IS NOT HTTP\r\n\r\n");
    CHECK_THAT(raw, Catch::StartsWith("HTTP/1.1 400"));
    CHECK_THAT(raw, Catch::Contains("application/problem+json"));
  }
  SECTION("errors are counted by status") {
    node.get("/api/nope");
    auto metrics = node.get("/metrics");
    REQUIRE(metrics);
    CHECK_THAT(metrics->body, Catch::Contains(R"(route="unmatched",status="404")"));
  }
}
