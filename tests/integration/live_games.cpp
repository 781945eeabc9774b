#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>

#include <pqxx/pqxx>

#include "adapters/espn/parse.hpp"
#include "adapters/espn/write.hpp"
#include "tests/integration/node_process.hpp"
#include "tests/support/realdata.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

long count(const std::string& url, const std::string& sql) {
  try {
    pqxx::connection c{url};
    pqxx::nontransaction tx{c};
    return tx.exec1(sql)[0].as<long>();
  } catch (const std::exception&) {
    return -1;
  }
}

// playclock-feed in a child process; its first stdout line names the port.
struct feed_process {
  explicit feed_process(std::vector<std::string> args) {
    port = test::free_port();
    args.insert(args.begin(), {"--listen", "127.0.0.1:" + std::to_string(port)});
    proc = std::make_unique<test::child_process>(PLAYCLOCK_FEED_PATH, args);
    REQUIRE(test::wait_until(
        [&] {
          return proc->output().find("listening on") != std::string::npos || !proc->running();
        },
        10s));
    INFO(proc->output());
    REQUIRE(proc->running());
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
  std::uint16_t port;
  std::unique_ptr<test::child_process> proc;
};

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in{p};
  return {std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
}

} // namespace

TEST_CASE("the built-in simulated league shows live games moving and stores their plays",
          "[integration][games]") {
  test::test_database db;
  if (!db.available())
    return;
  test::node_process node{db.url(),
                          {{"PLAYCLOCK_SOURCES__SIMULATED__GAMES", "4"},
                           {"PLAYCLOCK_SOURCES__SIMULATED__SPEED", "600"},
                           {"PLAYCLOCK_SOURCES__SIMULATED__PREGAME_S", "1"},
                           {"PLAYCLOCK_SOURCES__ESPN__SCOREBOARD_INTERVAL_S", "1"}}};
  REQUIRE(node.wait_ready());
  CHECK(test::wait_until([&] { return count(db.url(), "SELECT count(*) FROM plays") > 20; }, 30s));
  auto live = node.get("/api/games?state=in");
  REQUIRE(live);
  CHECK(live->status == 200);
  CHECK(test::json_string(live->body, "/games/0/state") == "in");
  auto index = node.get("/");
  REQUIRE(index);
  for (const char* route : {"GET /api/games", "GET /api/games/{id}", "GET /api/games/{id}/plays",
                            "GET /api/injuries", "GET /api/system/health", "GET /metrics"})
    CHECK_THAT(index->body, Catch::Contains(std::string{"\""} + route + "\""));
  // This round's four games, and the next round's four from the schedule poll.
  CHECK(count(db.url(), "SELECT count(*) FROM games WHERE week = 1") == 4);
  CHECK(test::wait_until(
      [&] {
        return count(db.url(), "SELECT count(*) FROM games WHERE week = 2 AND state = 'pre'") == 4;
      },
      10s));
  // Sync rows go through the storage pool on their own, so they may land a
  // little after the rows the poll brought.
  for (const char* source : {"espn.scoreboard", "espn.schedule"})
    CHECK(test::wait_until(
        [&] {
          return count(db.url(), std::string{"SELECT count(*) FROM sync_log WHERE source = '"} +
                                     source + "'") > 0;
        },
        10s));
  // No play stored twice (the primary key would refuse it, so compare ids).
  CHECK(count(db.url(), "SELECT count(*) - count(DISTINCT (game_id, play_id)) FROM plays") == 0);
  node.process().signal(SIGTERM);
  auto code = node.process().wait_for_exit(20s);
  INFO(node.process().output());
  REQUIRE(code);
  CHECK(*code == 0);
}

TEST_CASE("a node polling playclock-feed over HTTP stores games and plays",
          "[integration][games]") {
  test::test_database db;
  if (!db.available())
    return;
  feed_process feed{{"--games", "3", "--speed", "600", "--pregame", "1"}};
  test::node_process node{db.url(),
                          {{"PLAYCLOCK_SOURCES__ESPN__BASE_URL", feed.url()},
                           {"PLAYCLOCK_SOURCES__WEATHER__BASE_URL", feed.url()},
                           {"PLAYCLOCK_SOURCES__ESPN__SCOREBOARD_INTERVAL_S", "1"}}};
  REQUIRE(node.wait_ready());
  CHECK(test::wait_until([&] { return count(db.url(), "SELECT count(*) FROM plays") > 20; }, 30s));
  CHECK(count(db.url(), "SELECT count(*) FROM games WHERE week = 1") == 3);
  // Weather for the outdoor venues among them, over the feed's OWM format.
  CHECK(test::wait_until(
      [&] { return count(db.url(), "SELECT count(*) FROM sync_log WHERE source = 'weather'") > 0; },
      10s));
  auto metrics = node.get("/metrics");
  REQUIRE(metrics);
  const auto& m = metrics->body;
  for (const char* name :
       {R"(playclock_source_requests_total{endpoint="summary",source="espn"})",
        R"(playclock_source_requests_total{endpoint="scoreboard",source="espn"})",
        R"(playclock_source_request_duration_seconds_count{endpoint="summary",source="espn"})",
        R"(playclock_poll_duration_seconds_count{poll="scoreboard",source="espn"})",
        R"(playclock_poll_duration_seconds_count{poll="schedule",source="espn"})",
        "playclock_plays_ingested_total ", "playclock_live_games ",
        R"(playclock_play_tags_total{tag=)", R"(playclock_game_events_total{event="play_added"})"})
    CHECK_THAT(m, Catch::Contains(name));
  CHECK(test::metric_value(m, "playclock_plays_ingested_total") > 20);
}

TEST_CASE("bad feed documents are rejected per game with a metric and the rest is stored",
          "[integration][games]") {
  auto real = test::realdata_dir();
  if (!real) {
    WARN("skipped: real data not found");
    return;
  }
  test::test_database db;
  if (!db.available())
    return;
  auto dir = std::filesystem::temp_directory_path() / ("pc-bad-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  // The real 2022 week 11 scoreboard with one game's competitors replaced by
  // a number, then a document that is not JSON at all.
  auto text = slurp(*real / "espn/scoreboard_2022_wk11_20221120_mixed_in_pre_post.json");
  auto at = text.find("\"competitors\"");
  REQUIRE(at != std::string::npos);
  auto open = text.find('[', at);
  int depth = 0;
  auto close = open;
  for (; close < text.size(); ++close) {
    depth += text[close] == '[' ? 1 : text[close] == ']' ? -1 : 0;
    if (depth == 0)
      break;
  }
  text.replace(open, close - open + 1, "42");
  std::ofstream{dir / "scoreboard_1.json"} << text;
  std::ofstream{dir / "scoreboard_2.json"} << "<html>502 Bad Gateway</html>";
  feed_process feed{{"--replay", dir.string()}};
  test::node_process node{db.url(),
                          {{"PLAYCLOCK_SOURCES__ESPN__BASE_URL", feed.url()},
                           {"PLAYCLOCK_SOURCES__WEATHER__BASE_URL", ""},
                           {"PLAYCLOCK_SOURCES__ESPN__SCOREBOARD_INTERVAL_S", "1"}}};
  REQUIRE(node.wait_ready());
  // The 13 readable games are stored whole; the broken one is not there at all.
  CHECK(test::wait_until([&] { return count(db.url(), "SELECT count(*) FROM games") == 13; }, 20s));
  // The poll's sync row is written by the storage pool apart from the games:
  // it may land after them.
  CHECK(test::wait_until(
      [&] {
        return count(db.url(), "SELECT count(*) FROM sync_log WHERE source = 'espn.scoreboard' AND "
                               "status = 'ok' AND error LIKE '1 rejected: %competitors%'") >= 1;
      },
      10s));
  // The unparsable document: an error row, a parse error counted, node healthy.
  CHECK(test::wait_until(
      [&] {
        return count(db.url(), "SELECT count(*) FROM sync_log WHERE source = 'espn.scoreboard' "
                               "AND status = 'error'") > 0;
      },
      20s));
  auto metrics = node.get("/metrics");
  REQUIRE(metrics);
  CHECK(test::metric_value(metrics->body,
                           R"(playclock_source_rejected_items_total{item="game",source="espn"})") >=
        1);
  CHECK(test::metric_value(
            metrics->body,
            R"(playclock_source_errors_total{endpoint="scoreboard",kind="parse",source="espn"})") >=
        1);
  auto health = node.get("/api/system/health");
  REQUIRE(health);
  CHECK(health->status == 200);
  std::filesystem::remove_all(dir);
}

TEST_CASE("real ESPN responses replayed through playclock-feed are stored as recorded",
          "[integration][games]") {
  auto real = test::realdata_dir();
  if (!real) {
    WARN("skipped: real data not found");
    return;
  }
  test::test_database db;
  if (!db.available())
    return;
  // A replay folder: the real summary of GB @ ATL and a scoreboard listing
  // that game (its header, final), then the real 2022 week 11 scoreboard.
  auto dir = std::filesystem::temp_directory_path() / ("pc-replay-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto summary_text = slurp(*real / "espn/summary_401547417_GB_at_ATL_2023wk2.json");
  auto parsed = espn::parse_summary(summary_text);
  REQUIRE(parsed.summary.header);
  std::ofstream{dir / "scoreboard_1.json"}
      << espn::write_scoreboard({*parsed.summary.header}, 2023, 2, 2);
  std::filesystem::copy_file(*real / "espn/scoreboard_2022_wk11_20221120_mixed_in_pre_post.json",
                             dir / "scoreboard_2.json");
  std::filesystem::copy_file(*real / "espn/summary_401547417_GB_at_ATL_2023wk2.json",
                             dir / "summary_401547417.json");
  feed_process feed{{"--replay", dir.string()}};
  test::node_process node{db.url(),
                          {{"PLAYCLOCK_SOURCES__ESPN__BASE_URL", feed.url()},
                           {"PLAYCLOCK_SOURCES__WEATHER__BASE_URL", ""},
                           {"PLAYCLOCK_SOURCES__ESPN__SCOREBOARD_INTERVAL_S", "1"}}};
  REQUIRE(node.wait_ready());
  auto plays = parsed.summary.all_plays().size();
  CHECK(test::wait_until(
      [&] {
        return count(db.url(), "SELECT count(*) FROM plays WHERE game_id = '401547417'") ==
               static_cast<long>(plays);
      },
      30s));
  // ESPN's per-play wallclock is kept: the first play was at 17:02:21 UTC.
  CHECK(count(db.url(), "SELECT count(*) FROM plays WHERE game_id = '401547417' AND "
                        "occurred_at IS NULL") == 0);
  CHECK(count(db.url(), "SELECT extract(epoch FROM min(occurred_at))::bigint FROM plays WHERE "
                        "game_id = '401547417'") == 1694970141);
  CHECK(count(db.url(), "SELECT home_score FROM games WHERE game_id = '401547417'") == 25);
  CHECK(count(db.url(), "SELECT away_score FROM games WHERE game_id = '401547417'") == 24);
  CHECK(count(db.url(), "SELECT count(*) FROM plays WHERE game_id = '401547417' AND scoring") ==
        static_cast<long>(parsed.summary.scoring_play_ids.size()));
  // The second scoreboard: 14 games of 2022 week 11 stored with their states.
  CHECK(test::wait_until([&] { return count(db.url(), "SELECT count(*) FROM games") == 15; }, 20s));
  CHECK(count(db.url(), "SELECT count(*) FROM games WHERE state = 'in'") == 8);
  std::filesystem::remove_all(dir);
}
