// The fetchers' threads (a poll's responses parsed) stand aside for the
// alert path: they run at node.fetcher_nice.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>

#include "actors/fetcher_actor.hpp"
#include "actors/market_fetcher.hpp"
#include "tests/support/process_threads.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

bool all_at(const std::string& name, std::size_t n, int nice) {
  auto v = test::nice_of_threads(name);
  return v.size() == n && std::all_of(v.begin(), v.end(), [&](int x) { return x == nice; });
}

} // namespace

TEST_CASE("the fetchers' threads run at the configured nice value", "[fetcher]") {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  fetcher_config fc;
  fc.nice = 7;
  auto games = spawn_fetchers(sys, fc, 2);
  market_fetcher_config mc;
  mc.nice = 7;
  auto markets = spawn_market_fetchers(sys, mc, 2);
  CHECK(test::wait_until([] { return all_at("pc-fetch", 2, 7); }, 10s));
  CHECK(test::wait_until([] { return all_at("pc-mkt-fetch", 2, 7); }, 10s));
  caf::anon_send_exit(caf::actor_cast<caf::actor>(games), caf::exit_reason::user_shutdown);
  caf::anon_send_exit(caf::actor_cast<caf::actor>(markets), caf::exit_reason::user_shutdown);
}
