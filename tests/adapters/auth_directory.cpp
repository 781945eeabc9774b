#include <catch2/catch.hpp>

#include <string>
#include <unordered_map>

#include "adapters/auth/directory.hpp"
#include "adapters/auth/token.hpp"

using namespace playclock;
using auth::access;

namespace {

const std::string admin = "admin-token-0123456789";
const std::string acme = "acme-token-0123456789";
const std::string bravo = "bravo-token-0123456789";

std::string bearer(const std::string& t) {
  return "Bearer " + t;
}

} // namespace

TEST_CASE("a tenant's token opens its own data only; the admin's opens all", "[auth]") {
  auth::directory d{auth::hash_token(admin)};
  d.replace({{"acme", auth::hash_token(acme)}, {"bravo", auth::hash_token(bravo)}});
  CHECK(d.check(bearer(acme), "acme") == access::tenant);
  CHECK(d.check(bearer(bravo), "bravo") == access::tenant);
  CHECK(d.check(bearer(acme), "bravo") == access::forbidden);
  CHECK(d.check(bearer(acme), "nobody") == access::forbidden);
  CHECK(d.check(bearer(admin), "acme") == access::admin);
  CHECK(d.check(bearer(admin), "nobody") == access::admin);
  CHECK(d.check(std::nullopt, "acme") == access::missing);
  CHECK(d.check(std::string_view{"Basic YWNtZTp4"}, "acme") == access::missing);
  CHECK(d.check(bearer("acme-token-0123456780"), "acme") == access::invalid);
  // A stored hash is not a token.
  CHECK(d.check(bearer(auth::hash_token(acme)), "acme") == access::invalid);

  CHECK(d.check_admin(bearer(admin)) == access::admin);
  CHECK(d.check_admin(bearer(acme)) == access::forbidden);
  CHECK(d.check_admin(bearer("whatever-0123456789")) == access::invalid);
  CHECK(d.check_admin(std::nullopt) == access::missing);
  CHECK(allowed(access::admin));
  CHECK(allowed(access::tenant));
  CHECK_FALSE(allowed(access::forbidden));
}

TEST_CASE("tokens can be replaced, rotated and removed", "[auth]") {
  auth::directory d;
  CHECK_FALSE(d.has_admin());
  // Without an admin token, nothing is admin, not even an empty one.
  CHECK(d.check_admin(std::string_view{"Bearer "}) == access::missing);
  CHECK(d.check(bearer(admin), "acme") == access::invalid);
  d.set("acme", auth::hash_token(acme));
  CHECK(d.check(bearer(acme), "acme") == access::tenant);
  d.set("acme", auth::hash_token(bravo)); // rotated
  CHECK(d.check(bearer(acme), "acme") == access::invalid);
  CHECK(d.check(bearer(bravo), "acme") == access::tenant);
  d.set("acme", "");
  CHECK(d.check(bearer(bravo), "acme") == access::invalid);
  d.replace({{"bravo", auth::hash_token(bravo)}, {"none", ""}});
  CHECK(d.check(bearer(bravo), "bravo") == access::tenant);
  CHECK(d.check(bearer(bravo), "none") == access::forbidden);
}

TEST_CASE("identify names the bearer: the admin, which tenant, or nobody", "[auth]") {
  auth::directory d{auth::hash_token(admin)};
  d.replace({{"acme", auth::hash_token(acme)}, {"bravo", auth::hash_token(bravo)}});
  CHECK(d.identify(bearer(admin)).who == access::admin);
  auto a = d.identify(bearer(acme));
  CHECK(a.who == access::tenant);
  CHECK(a.tenant == "acme");
  CHECK(d.identify(bearer(bravo)).tenant == "bravo");
  CHECK(d.identify(bearer("whatever-0123456789")).who == access::invalid);
  CHECK(d.identify(std::nullopt).who == access::missing);
  d.set("acme", "");
  CHECK(d.identify(bearer(acme)).who == access::invalid);
  // No admin configured: the admin's token is nobody's.
  auth::directory none;
  CHECK(none.identify(bearer(admin)).who == access::invalid);
}
