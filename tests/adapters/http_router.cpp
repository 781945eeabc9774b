#include <catch2/catch.hpp>

#include <stdexcept>

#include "adapters/http/router.hpp"

using namespace playclock::http;
using kind = router::match_result::kind;

namespace {

handler noop() {
  return [](const request&, const path_params&, responder) {};
}

} // namespace

TEST_CASE("the router captures path segments as parameters", "[http][router]") {
  router r;
  r.add("GET", "/api/games/{id}/plays/{play}", noop());
  auto m = r.match("GET", "/api/games/42/plays/7");
  REQUIRE(m.what == kind::found);
  REQUIRE(m.h != nullptr);
  CHECK(m.route == "/api/games/{id}/plays/{play}");
  CHECK(m.params == path_params{{"id", "42"}, {"play", "7"}});
}

TEST_CASE("the router answers not found for an unknown path", "[http][router]") {
  router r;
  r.add("GET", "/api/games/{id}", noop());
  CHECK(r.match("GET", "/api/markets").what == kind::not_found);
  CHECK(r.match("GET", "/api/games").what == kind::not_found);
  CHECK(r.match("GET", "/api/games/").what == kind::not_found); // a capture is never empty
  CHECK(r.match("GET", "/api/games/1/x").what == kind::not_found);
  CHECK(r.match("GET", "relative").what == kind::not_found);
}

TEST_CASE("the router lists the allowed methods for a known path", "[http][router]") {
  router r;
  r.add("POST", "/api/jobs", noop());
  r.add("GET", "/api/jobs", noop());
  auto m = r.match("DELETE", "/api/jobs");
  CHECK(m.what == kind::method_not_allowed);
  CHECK(m.allow == "GET, HEAD, POST");
  CHECK(m.route == "/api/jobs");
}

TEST_CASE("the router prefers literal segments over captures", "[http][router]") {
  router r;
  r.add("GET", "/api/games/{id}", noop(), "game");
  r.add("GET", "/api/games/live", noop(), "live");
  r.add("POST", "/api/games/{id}", noop(), "update");
  CHECK(r.match("GET", "/api/games/live").route == "live");
  CHECK(r.match("GET", "/api/games/12").route == "game");
  // No POST on the literal route: the capture route of that method answers.
  CHECK(r.match("POST", "/api/games/live").route == "update");
}

TEST_CASE("the router answers HEAD with the GET route", "[http][router]") {
  router r;
  r.add("GET", "/", noop());
  auto m = r.match("HEAD", "/");
  CHECK(m.what == kind::found);
  CHECK(m.route == "/");
}

TEST_CASE("the router rejects malformed and duplicate patterns", "[http][router]") {
  router r;
  r.add("GET", "/a/{id}", noop());
  CHECK_THROWS_AS(r.add("GET", "/a/{other}", noop()), std::invalid_argument);
  CHECK_THROWS_AS(r.add("GET", "no-slash", noop()), std::invalid_argument);
  CHECK_THROWS_AS(r.add("GET", "/a/{}", noop()), std::invalid_argument);
  CHECK_THROWS_AS(r.add("GET", "/a/x{id}", noop()), std::invalid_argument);
  CHECK_THROWS_AS(r.add("GET", "/b", handler{}), std::invalid_argument);
  CHECK_NOTHROW(r.add("POST", "/a/{id}", noop()));
}
