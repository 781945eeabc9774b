#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>
#include <pqxx/pqxx>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include "actors/http_api.hpp"
#include "actors/query_actor.hpp"
#include "adapters/http/client.hpp"
#include "adapters/metrics/registry.hpp"
#include "adapters/pg/migrations.hpp"
#include "adapters/pg/pool.hpp"
#include "messages/registration.hpp"
#include "supervisors/registry.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

// The API of a node without its supervision tree: the query actors are
// registered as "node/query" the way the node's supervisor does it.
struct api_fixture {
  explicit api_fixture(const std::string& url, bool with_query = true, bool migrate = true) {
    add_message_types(cfg);
    cfg.set("scheduler.max-threads", 2);
    sys = std::make_unique<caf::actor_system>(cfg);
    if (migrate) {
      pqxx::connection c{url};
      pg::migrate(c, pg::embedded_migrations());
      pqxx::nontransaction tx{c};
      tx.exec("INSERT INTO games (game_id, source, start_time, state, home_team, away_team)"
              " VALUES ('g1', 'espn', '2024-09-05T00:20:00Z', 'pre', 'KC', 'BAL'),"
              " ('g2', 'espn', '2024-09-08T17:00:00Z', 'in', 'ATL', 'PIT'),"
              " ('g3', 'espn', '2024-09-09T17:00:00Z', 'in', 'SF', 'NYJ')");
      tx.exec("INSERT INTO plays (game_id, play_id, sequence, period) VALUES"
              " ('g2', 'p1', 1, 1), ('g2', 'p2', 2, 1), ('g2', 'p3', 3, 1)");
      tx.exec(
          "INSERT INTO injuries (team, player_id, player_name, status) VALUES"
          " ('KC', '1', 'A', 'Out'), ('KC', '2', 'B', 'Questionable'), ('SF', '3', 'C', 'Out')");
    }
    pg::pool_options po;
    po.url = url;
    po.size = 2;
    po.connect_timeout_s = 1;
    po.acquire_timeout = 1000ms;
    names = std::make_shared<sup::registry>();
    if (with_query) {
      query = spawn_query_actors(*sys, std::make_shared<pg::pool>(po), 2);
      names->put("node/query", caf::actor_cast<caf::actor>(query));
    }
    http_api_context ctx;
    ctx.sys = sys.get();
    ctx.names = names;
    ctx.metrics = std::make_shared<metrics::registry>();
    ctx.request_timeout = 5s;
    server = std::make_unique<test::loopback_server>(make_router(ctx));
    port = server->port();
  }

  ~api_fixture() {
    server.reset();
    if (query)
      caf::anon_send_exit(query, caf::exit_reason::user_shutdown);
    sys->await_all_actors_done();
  }

  http::client_response get(const std::string& target) {
    http::client_request req;
    req.url = "http://127.0.0.1:" + std::to_string(port) + target;
    req.timeout = 10s;
    auto out = http::fetch(req);
    if (auto* err = std::get_if<http::client_error>(&out))
      FAIL("GET " << target << ": " << err->message);
    return std::get<http::client_response>(std::move(out));
  }

  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::shared_ptr<sup::registry> names;
  query_actor query;
  std::unique_ptr<test::loopback_server> server;
  std::uint16_t port = 0;
};

rapidjson::Document json(const http::client_response& res) {
  rapidjson::Document doc;
  doc.Parse(res.body.c_str());
  INFO(res.body);
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

std::string str(const rapidjson::Document& doc, const char* pointer) {
  auto* v = rapidjson::Pointer(pointer).Get(doc);
  return v != nullptr && v->IsString() ? v->GetString() : "<absent>";
}

// Checks a 400 problem with `detail`.
void check_bad_request(api_fixture& api, const std::string& target, const std::string& detail) {
  INFO(target);
  auto res = api.get(target);
  CHECK(res.status == 400);
  CHECK(res.header("content-type").value_or("") == "application/problem+json");
  auto doc = json(res);
  CHECK(str(doc, "/detail") == detail);
  CHECK(str(doc, "/instance") == target.substr(0, target.find('?')));
}

} // namespace

TEST_CASE("the games routes answer with the query actor's JSON", "[http][query]") {
  test::test_database db;
  if (!db.available())
    return;
  api_fixture api{db.url()};

  SECTION("GET /api/games lists games in start-time order") {
    auto res = api.get("/api/games");
    CHECK(res.status == 200);
    CHECK(res.header("content-type").value_or("") == "application/json");
    auto doc = json(res);
    REQUIRE(doc["games"].Size() == 3);
    CHECK(str(doc, "/games/0/id") == "g1");
    CHECK(str(doc, "/games/1/home/team") == "ATL");
    CHECK(doc["next_cursor"].IsNull());
  }
  SECTION("GET /api/games filters by state and pages with the cursor") {
    auto first = json(api.get("/api/games?state=in&limit=1"));
    REQUIRE(first["games"].Size() == 1);
    CHECK(str(first, "/games/0/id") == "g2");
    auto cursor = str(first, "/next_cursor");
    auto second = json(api.get("/api/games?state=in&limit=1&cursor=" + cursor));
    REQUIRE(second["games"].Size() == 1);
    CHECK(str(second, "/games/0/id") == "g3");
    CHECK(second["next_cursor"].IsNull());
  }
  SECTION("GET /api/games/{id} answers the game with its plays") {
    auto res = api.get("/api/games/g2");
    CHECK(res.status == 200);
    auto doc = json(res);
    CHECK(str(doc, "/id") == "g2");
    CHECK(doc["plays_count"].GetInt() == 3);
    CHECK(str(doc, "/last_play/id") == "p3");
  }
  SECTION("GET /api/games/{id}/plays pages with after") {
    auto doc = json(api.get("/api/games/g2/plays?limit=2"));
    CHECK(str(doc, "/game_id") == "g2");
    REQUIRE(doc["plays"].Size() == 2);
    CHECK(doc["next_after"].GetInt() == 2);
    auto rest = json(api.get("/api/games/g2/plays?limit=2&after=2"));
    REQUIRE(rest["plays"].Size() == 1);
    CHECK(str(rest, "/plays/0/id") == "p3");
    CHECK(rest["next_after"].IsNull());
  }
  SECTION("GET /api/injuries filters by team (any case) and status") {
    auto doc = json(api.get("/api/injuries?team=kc&status=out"));
    REQUIRE(doc["injuries"].Size() == 1);
    CHECK(str(doc, "/injuries/0/player_id") == "1");
    CHECK(doc["next_cursor"].IsNull());
    auto all = json(api.get("/api/injuries?limit=2"));
    CHECK(all["injuries"].Size() == 2);
    auto rest = json(api.get("/api/injuries?limit=2&cursor=" + str(all, "/next_cursor")));
    REQUIRE(rest["injuries"].Size() == 1);
    CHECK(str(rest, "/injuries/0/team") == "SF");
  }
  SECTION("an unknown game is 404") {
    for (auto target : {"/api/games/nope", "/api/games/nope/plays"}) {
      auto res = api.get(target);
      CHECK(res.status == 404);
      CHECK(res.header("content-type").value_or("") == "application/problem+json");
      CHECK(str(json(res), "/detail") == "game nope not found");
    }
  }
}

TEST_CASE("the games routes reject bad parameters with 400 naming them", "[http][query]") {
  test::test_database db;
  if (!db.available())
    return;
  api_fixture api{db.url()};
  check_bad_request(api, "/api/games?state=live", "state: must be one of pre, in, post");
  check_bad_request(api, "/api/games?state=", "state: must be one of pre, in, post");
  for (auto limit : {"0", "501", "-1", "abc", "1.5", "", "99999999999999999999"})
    check_bad_request(api, std::string{"/api/games?limit="} + limit,
                      "limit: must be an integer between 1 and 500");
  check_bad_request(api, "/api/games?limit=5&limit=6", "limit: given more than once");
  check_bad_request(api, "/api/games?cursor=garbage!", "cursor: malformed");
  check_bad_request(api, "/api/games?cursor=", "cursor: malformed");
  check_bad_request(api, "/api/games?foo=1", "unknown parameter: foo");
  check_bad_request(api, "/api/games/g2?x=1", "unknown parameter: x");
  check_bad_request(api, "/api/games/" + std::string(33, 'a'),
                    "id: must be 1 to 32 characters of A-Z, a-z, 0-9, _ or -");
  check_bad_request(api, "/api/games/bad.id/plays",
                    "id: must be 1 to 32 characters of A-Z, a-z, 0-9, _ or -");
  check_bad_request(api, "/api/games/g2/plays?after=-1", "after: must be a non-negative integer");
  check_bad_request(api, "/api/games/g2/plays?after=x", "after: must be a non-negative integer");
  check_bad_request(api, "/api/games/g2/plays?limit=501",
                    "limit: must be an integer between 1 and 500");
  check_bad_request(api, "/api/games/g2/plays?cursor=x", "unknown parameter: cursor");
  check_bad_request(api, "/api/injuries?team=K%20C", "team: must be 1 to 8 letters or digits");
  check_bad_request(api, "/api/injuries?status=", "status: must be 1 to 64 printable characters");
  // A games cursor is not an injuries cursor.
  auto games_cursor = str(json(api.get("/api/games?limit=1")), "/next_cursor");
  check_bad_request(api, "/api/injuries?cursor=" + games_cursor, "cursor: malformed");
  check_bad_request(api, "/api/injuries?state=in", "unknown parameter: state");

  auto res = api.get("/api/games?limit=0");
  auto doc = json(res);
  CHECK(str(doc, "/invalid_params/0/name") == "limit");
  CHECK(str(doc, "/invalid_params/0/reason") == "must be an integer between 1 and 500");
}

TEST_CASE("the games routes answer 503 while the query actor or the database is away",
          "[http][query]") {
  SECTION("no query actor registered") {
    api_fixture api{"postgresql://nobody@127.0.0.1:1/x", false, false};
    auto res = api.get("/api/games");
    CHECK(res.status == 503);
    CHECK(res.header("content-type").value_or("") == "application/problem+json");
  }
  SECTION("database unreachable") {
    api_fixture api{"postgresql://nobody@127.0.0.1:" + std::to_string(test::free_port()) + "/x",
                    true, false};
    for (auto target : {"/api/games", "/api/games/g1", "/api/games/g1/plays", "/api/injuries"}) {
      INFO(target);
      auto res = api.get(target);
      CHECK(res.status == 503);
      CHECK(res.header("retry-after").value_or("") == "1");
      CHECK(str(json(res), "/detail") == "database unavailable");
    }
  }
}
