#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "adapters/auth/token.hpp"
#include "config/token_rules.hpp"

using namespace playclock;

TEST_CASE("token hashes are SHA-256 in hex and match only their token", "[auth]") {
  // echo -n 'correct horse battery staple' | sha256sum
  CHECK(auth::hash_token("correct horse battery staple") ==
        "sha256:c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a");
  auto stored = auth::hash_token("tenant-a-token-0001");
  CHECK(auth::token_matches("tenant-a-token-0001", stored));
  CHECK_FALSE(auth::token_matches("tenant-a-token-0002", stored));
  CHECK_FALSE(auth::token_matches("", stored));
  CHECK_FALSE(auth::token_matches("tenant-a-token-0001", ""));
  CHECK_FALSE(auth::token_matches("tenant-a-token-0001", stored.substr(1)));
  // The stored form of a token is never the token itself.
  CHECK_FALSE(auth::token_matches(stored, stored));
}

TEST_CASE("a bearer token is read from the Authorization header", "[auth]") {
  CHECK(auth::bearer_token(std::string_view{"Bearer abc.def"}) == std::string{"abc.def"});
  CHECK(auth::bearer_token(std::string_view{"bearer   abc  "}) == std::string{"abc"});
  CHECK(auth::bearer_token(std::string_view{" BEARER\tabc"}) == std::string{"abc"});
  CHECK_FALSE(auth::bearer_token(std::nullopt));
  CHECK_FALSE(auth::bearer_token(std::string_view{""}));
  CHECK_FALSE(auth::bearer_token(std::string_view{"Bearer"}));
  CHECK_FALSE(auth::bearer_token(std::string_view{"Bearer    "}));
  CHECK_FALSE(auth::bearer_token(std::string_view{"Bearerabc"}));
  CHECK_FALSE(auth::bearer_token(std::string_view{"Basic dXNlcjpwYXNz"}));
}

TEST_CASE("configured tokens must be long and printable; new tokens are random", "[auth]") {
  CHECK_FALSE(config::token_problem("0123456789abcdef"));
  CHECK(config::token_problem("short"));
  CHECK(config::token_problem(std::string(300, 'x')));
  CHECK(config::token_problem("0123456789 abcdef"));
  CHECK(config::token_problem(std::string{"0123456789abcdef\n"}));
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto t = auth::new_token();
    CHECK(t.size() == 67);
    CHECK(t.rfind("pc_", 0) == 0);
    CHECK_FALSE(config::token_problem(t));
    seen.insert(t);
  }
  CHECK(seen.size() == 100);
}
