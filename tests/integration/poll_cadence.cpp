#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <pqxx/pqxx>

#include "tests/integration/node_process.hpp"
#include "tests/support/test_database.hpp"

// The markets poller keeps to a grid half an interval off the scoreboard
// poller's, so the two bursts of a node's polls never meet.

using namespace playclock;
using namespace std::chrono_literals;

namespace {

// Start times (ms since the epoch) of the polls of `source` logged so far.
std::vector<double> poll_starts(const std::string& url, const std::string& source) {
  pqxx::connection c{url};
  pqxx::nontransaction tx{c};
  std::vector<double> out;
  for (const auto& row :
       tx.exec_params("SELECT extract(epoch FROM started_at) * 1000 FROM sync_log "
                      "WHERE source = $1 ORDER BY started_at",
                      source))
    out.push_back(row[0].as<double>());
  return out;
}

} // namespace

TEST_CASE("markets polls start half-way between scoreboard polls", "[integration][markets]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(),
                          {{"PLAYCLOCK_SOURCES__ESPN__SCOREBOARD_INTERVAL_S", "1"},
                           {"PLAYCLOCK_SOURCES__KALSHI__INTERVAL_S", "1"}}};
  REQUIRE(node.wait_ready());
  std::vector<double> board;
  std::vector<double> markets;
  for (int i = 0; i < 150 && markets.size() < 8; ++i) {
    std::this_thread::sleep_for(100ms);
    board = poll_starts(db.url(), "espn.scoreboard");
    markets = poll_starts(db.url(), "sim.markets");
  }
  INFO(node.process().output());
  REQUIRE(markets.size() >= 8);
  REQUIRE(board.size() >= 5);
  // The first polls come at once, together, and early polls (the first
  // markets poll starts every market actor) may overrun their interval, after
  // which the next comes at once, off the grid. From the fourth on, markets
  // polls start about 500 ms from the nearest scoreboard poll; a slow timer
  // on a busy machine may move one, hence "most".
  std::size_t on_grid = 0;
  for (std::size_t i = 3; i < markets.size(); ++i) {
    double nearest = 1e9;
    for (double b : board)
      nearest = std::min(nearest, std::abs(markets[i] - b));
    UNSCOPED_INFO("markets poll " << i << ": " << nearest << " ms from a scoreboard poll");
    if (nearest > 300 && nearest <= 650)
      ++on_grid;
    CHECK(markets[i] - markets[i - 1] > 500); // one poll per slot, however fast
  }
  CHECK(on_grid * 3 >= (markets.size() - 3) * 2);
}
