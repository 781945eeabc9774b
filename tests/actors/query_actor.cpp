#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/exit_reason.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <pqxx/pqxx>
#include <rapidjson/document.h>

#include "actors/query_actor.hpp"
#include "adapters/pg/migrations.hpp"
#include "adapters/pg/pool.hpp"
#include "messages/registration.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

// A real actor system with the query actors on `url` (migrated first unless
// `migrate` is false, for an unreachable server).
struct query_fixture {
  explicit query_fixture(const std::string& url, bool migrate = true) : url{url} {
    add_message_types(cfg);
    cfg.set("scheduler.max-threads", 2);
    sys = std::make_unique<caf::actor_system>(cfg);
    if (migrate) {
      pqxx::connection c{url};
      pg::migrate(c, pg::embedded_migrations());
    }
    pg::pool_options po;
    po.url = url;
    po.size = 2;
    po.connect_timeout_s = 1;
    po.acquire_timeout = 1000ms;
    query = spawn_query_actors(*sys, std::make_shared<pg::pool>(po), 2);
  }

  ~query_fixture() {
    caf::anon_send_exit(query, caf::exit_reason::user_shutdown);
    sys->await_all_actors_done();
  }

  void exec(const std::string& sql) {
    pqxx::connection c{url};
    pqxx::nontransaction tx{c};
    tx.exec(sql);
  }

  // The reply to `xs...`; FAILs on an error.
  template <class... Ts>
  json_page ask(Ts... xs) {
    caf::scoped_actor self{*sys};
    json_page page;
    self->request(query, 10s, xs...)
        .receive([&](json_page& p) { page = std::move(p); },
                 [&](caf::error& e) { FAIL("query failed: " << sys->render(e)); });
    return page;
  }

  // The error `xs...` gives; FAILs on a reply.
  template <class... Ts>
  caf::error ask_error(Ts... xs) {
    caf::scoped_actor self{*sys};
    caf::error err;
    self->request(query, 10s, xs...)
        .receive([&](json_page&) { FAIL("expected an error"); },
                 [&](caf::error& e) { err = std::move(e); });
    return err;
  }

  std::string url;
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  query_actor query;
};

rapidjson::Document parse(const json_page& page) {
  rapidjson::Document doc;
  doc.Parse(page.body.c_str());
  INFO(page.body);
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  return doc;
}

std::string game_row(const std::string& id, const std::string& state, const std::string& start) {
  return "('" + id + "', 'espn', 2024, 2, 1, " + (start.empty() ? "NULL" : "'" + start + "'") +
         ", '" + state + "', 'detail', 'KC', 'BAL', 3, 7)";
}

void insert_games(query_fixture& f, const std::vector<std::string>& rows) {
  std::string sql = "INSERT INTO games (game_id, source, season, season_type, week, start_time,"
                    " state, status_detail, home_team, away_team, home_score, away_score) VALUES ";
  for (std::size_t i = 0; i < rows.size(); ++i)
    sql += (i > 0 ? "," : "") + rows[i];
  f.exec(sql);
}

std::vector<std::string> ids(const rapidjson::Value& items, const char* key = "id") {
  std::vector<std::string> out;
  for (const auto& x : items.GetArray())
    out.emplace_back(x[key].GetString());
  return out;
}

// Every page of games for `state`, following next_cursor.
std::vector<std::string> all_game_pages(query_fixture& f, const std::string& state, int limit,
                                        int* pages) {
  std::vector<std::string> out;
  std::string cursor;
  for (*pages = 0; *pages < 100; ++*pages) {
    auto doc = parse(f.ask(games_query{state, limit, cursor}));
    auto page = ids(doc["games"]);
    CHECK(page.size() <= static_cast<std::size_t>(limit));
    out.insert(out.end(), page.begin(), page.end());
    if (doc["next_cursor"].IsNull()) {
      ++*pages;
      break;
    }
    CHECK(page.size() == static_cast<std::size_t>(limit));
    cursor = doc["next_cursor"].GetString();
  }
  return out;
}

} // namespace

TEST_CASE("games come in start-time order with the documented fields", "[query]") {
  test::test_database db;
  if (!db.available())
    return;
  query_fixture f{db.url()};
  insert_games(f, {game_row("g3", "post", "2024-09-08T20:25:00Z"),
                   game_row("g1", "pre", "2024-09-05T00:20:00Z"), game_row("g4", "in", ""),
                   game_row("g2", "in", "2024-09-08T17:00:00Z")});
  f.exec("UPDATE games SET possession = 'KC', down = 2, distance = 7, yard_line = 35,"
         " venue = 'Arrowhead', indoor = false, period = 3, clock = '4:12' WHERE game_id = 'g2'");
  auto doc = parse(f.ask(games_query{"", 50, ""}));
  CHECK(ids(doc["games"]) == std::vector<std::string>{"g1", "g2", "g3", "g4"});
  CHECK(doc["next_cursor"].IsNull());
  const auto& g = doc["games"][1];
  for (auto key : {"id", "season", "season_type", "week", "start_time", "state", "status_detail",
                   "home", "away", "period", "clock", "possession", "down", "distance", "yard_line",
                   "venue", "indoor", "updated_at"})
    CHECK(g.HasMember(key));
  CHECK(std::string{g["start_time"].GetString()} == "2024-09-08T17:00:00Z");
  CHECK(std::string{g["state"].GetString()} == "in");
  CHECK(std::string{g["home"]["team"].GetString()} == "KC");
  CHECK(g["home"]["score"].GetInt() == 3);
  CHECK(std::string{g["away"]["team"].GetString()} == "BAL");
  CHECK(g["away"]["score"].GetInt() == 7);
  CHECK(g["down"].GetInt() == 2);
  CHECK(g["yard_line"].GetInt() == 35);
  CHECK(g["indoor"].IsFalse());
  CHECK(g["season"].GetInt() == 2024);
  CHECK(doc["games"][0]["possession"].IsNull());
  CHECK(doc["games"][3]["start_time"].IsNull());
}

TEST_CASE("games are filtered by state", "[query]") {
  test::test_database db;
  if (!db.available())
    return;
  query_fixture f{db.url()};
  insert_games(f, {game_row("a", "pre", "2024-09-01T17:00:00Z"),
                   game_row("b", "in", "2024-09-01T17:00:00Z"),
                   game_row("c", "in", "2024-09-02T17:00:00Z"),
                   game_row("d", "post", "2024-08-01T17:00:00Z")});
  CHECK(ids(parse(f.ask(games_query{"in", 50, ""}))["games"]) ==
        std::vector<std::string>{"b", "c"});
  CHECK(ids(parse(f.ask(games_query{"post", 50, ""}))["games"]) == std::vector<std::string>{"d"});
  CHECK(parse(f.ask(games_query{"pre", 50, ""}))["games"].Size() == 1);
}

TEST_CASE("paging through games with cursors yields every game once, in order", "[query]") {
  test::test_database db;
  if (!db.available())
    return;
  query_fixture f{db.url()};
  // Ties on start time (ordered by id), microseconds, and games without a
  // start time (last) all cross page boundaries somewhere.
  std::vector<std::string> rows;
  std::vector<std::string> expected;
  for (int i = 0; i < 8; ++i) {
    auto id = "t" + std::to_string(i);
    rows.push_back(game_row(id, i % 2 ? "in" : "pre", "2024-09-08T17:00:00Z"));
  }
  for (int i = 0; i < 9; ++i)
    rows.push_back(game_row("u" + std::to_string(i), "post",
                            "2024-09-0" + std::to_string(i + 1) + "T12:00:00.12345" +
                                std::to_string(i) + "Z"));
  for (int i = 0; i < 6; ++i)
    rows.push_back(game_row("z" + std::to_string(i), "pre", ""));
  insert_games(f, rows);
  for (int i = 0; i < 8; ++i) // September 1st to 8th, 12:00
    expected.push_back("u" + std::to_string(i));
  for (int i = 0; i < 8; ++i) // September 8th, 17:00
    expected.push_back("t" + std::to_string(i));
  expected.push_back("u8");
  for (int i = 0; i < 6; ++i)
    expected.push_back("z" + std::to_string(i));
  for (int limit : {1, 4, 5, 23, 500}) {
    INFO("limit " << limit);
    int pages = 0;
    CHECK(all_game_pages(f, "", limit, &pages) == expected);
    CHECK(pages == (23 + limit - 1) / limit);
  }
  int pages = 0;
  auto pre = all_game_pages(f, "pre", 3, &pages);
  CHECK(pre ==
        std::vector<std::string>{"t0", "t2", "t4", "t6", "z0", "z1", "z2", "z3", "z4", "z5"});
  CHECK(pages == 4);
}

TEST_CASE("a game comes with its play count and last play; an unknown one is not found",
          "[query]") {
  test::test_database db;
  if (!db.available())
    return;
  query_fixture f{db.url()};
  insert_games(f, {game_row("401547417", "in", "2024-09-08T17:00:00Z"),
                   game_row("empty", "pre", "2024-09-09T17:00:00Z")});
  f.exec(
      "INSERT INTO plays (game_id, play_id, sequence, period, play_type, yards, start_down,"
      " start_distance, start_yard_line, home_score, away_score, scoring, tags, stats)"
      " VALUES ('401547417', 'p1', 1, 1, 'Kickoff', 0, NULL, NULL, NULL, 0, 0, false, '{}', '{}'),"
      " ('401547417', 'p2', 2, 1, 'Pass', 42, 1, 10, 75, 7, 0, true, '{big_play,touchdown}',"
      " '{\"score_value\": 7}')");
  auto doc = parse(f.ask(get_atom::value, std::string{"401547417"}));
  CHECK(std::string{doc["id"].GetString()} == "401547417");
  CHECK(doc["plays_count"].GetInt() == 2);
  const auto& last = doc["last_play"];
  REQUIRE(last.IsObject());
  CHECK(std::string{last["id"].GetString()} == "p2");
  CHECK(last["sequence"].GetInt() == 2);
  CHECK(last["scoring"].IsTrue());
  CHECK(last["start"]["yards_to_endzone"].GetInt() == 75);
  REQUIRE(last["tags"].IsArray());
  CHECK(std::string{last["tags"][1].GetString()} == "touchdown");
  CHECK(last["stats"]["score_value"].GetInt() == 7);

  auto empty = parse(f.ask(get_atom::value, std::string{"empty"}));
  CHECK(empty["plays_count"].GetInt() == 0);
  CHECK(empty["last_play"].IsNull());

  auto missing = f.ask(get_atom::value, std::string{"nope"});
  CHECK_FALSE(missing.found);
}

TEST_CASE("plays are paged by sequence with next_after", "[query]") {
  test::test_database db;
  if (!db.available())
    return;
  query_fixture f{db.url()};
  insert_games(f, {game_row("g", "in", "2024-09-08T17:00:00Z"),
                   game_row("none", "pre", "2024-09-09T17:00:00Z")});
  std::string sql = "INSERT INTO plays (game_id, play_id, sequence, drive_id, period, clock, team,"
                    " play_type, description, yards) VALUES ";
  // Sequences 10, 20, ..., 70 inserted out of order.
  for (int s : {40, 10, 70, 30, 20, 60, 50})
    sql += std::string{s == 40 ? "" : ","} + "('g', 'p" + std::to_string(s) + "', " +
           std::to_string(s) + ", 'd1', 1, '15:00', 'KC', 'Rush', 'a run', 3)";
  f.exec(sql);

  auto first = parse(f.ask(plays_query{"g", 3, -1}));
  CHECK(std::string{first["game_id"].GetString()} == "g");
  CHECK(ids(first["plays"]) == std::vector<std::string>{"p10", "p20", "p30"});
  CHECK(first["next_after"].GetInt64() == 30);
  const auto& p = first["plays"][0];
  for (auto key : {"id", "sequence", "drive_id", "period", "clock", "team", "type", "text", "yards",
                   "start", "home_score", "away_score", "scoring", "tags", "stats"})
    CHECK(p.HasMember(key));
  CHECK(std::string{p["type"].GetString()} == "Rush");
  CHECK(std::string{p["text"].GetString()} == "a run");
  CHECK(p["start"]["down"].IsNull());
  CHECK(p["tags"].IsArray());
  CHECK(p["stats"].IsObject());

  auto second = parse(f.ask(plays_query{"g", 3, 30}));
  CHECK(ids(second["plays"]) == std::vector<std::string>{"p40", "p50", "p60"});
  CHECK(second["next_after"].GetInt64() == 60);
  auto last = parse(f.ask(plays_query{"g", 3, 60}));
  CHECK(ids(last["plays"]) == std::vector<std::string>{"p70"});
  CHECK(last["next_after"].IsNull());
  // A page that ends exactly at the last play has no next page.
  CHECK(parse(f.ask(plays_query{"g", 7, -1}))["next_after"].IsNull());
  auto past = parse(f.ask(plays_query{"g", 3, 70}));
  CHECK(past["plays"].Size() == 0);
  CHECK(past["next_after"].IsNull());

  auto none = parse(f.ask(plays_query{"none", 3, -1}));
  CHECK(none["plays"].Size() == 0);
  CHECK(none["next_after"].IsNull());
  CHECK_FALSE(f.ask(plays_query{"unknown", 3, -1}).found);
}

TEST_CASE("plays sharing a sequence never straddle two pages", "[query]") {
  test::test_database db;
  if (!db.available())
    return;
  query_fixture f{db.url()};
  insert_games(f, {game_row("g", "in", "2024-09-08T17:00:00Z")});
  f.exec("INSERT INTO plays (game_id, play_id, sequence, period) VALUES"
         " ('g', 'a', 1, 1), ('g', 'b', 2, 1), ('g', 'c', 2, 1), ('g', 'd', 3, 1)");
  auto first = parse(f.ask(plays_query{"g", 2, -1}));
  CHECK(ids(first["plays"]) == std::vector<std::string>{"a", "b", "c"});
  CHECK(first["next_after"].GetInt64() == 2);
  auto second = parse(f.ask(plays_query{"g", 2, 2}));
  CHECK(ids(second["plays"]) == std::vector<std::string>{"d"});
}

TEST_CASE("injuries are filtered by team and status and paged by cursor", "[query]") {
  test::test_database db;
  if (!db.available())
    return;
  query_fixture f{db.url()};
  f.exec("INSERT INTO injuries (team, player_id, player_name, position, status, detail, game_id,"
         " reported_at) VALUES"
         " ('KC', '1', 'A', 'WR', 'Out', 'Knee', 'g1', '2024-09-01T10:00:00Z'),"
         " ('KC', '2', 'B', 'QB', 'Questionable', 'Ankle', NULL, NULL),"
         " ('KC', '3', 'C', 'RB', 'out', '', NULL, NULL),"
         " ('BAL', '9', 'D', 'TE', 'Out', 'Hamstring', NULL, NULL),"
         " ('SF', '4', 'E', 'LB', 'Doubtful', '', NULL, NULL)");
  auto all = parse(f.ask(injuries_query{"", "", 50, ""}));
  CHECK(ids(all["injuries"], "player_id") == std::vector<std::string>{"9", "1", "2", "3", "4"});
  CHECK(all["next_cursor"].IsNull());
  const auto& a = all["injuries"][1];
  for (auto key : {"team", "player_id", "player_name", "position", "status", "detail", "game_id",
                   "reported_at", "updated_at"})
    CHECK(a.HasMember(key));
  CHECK(std::string{a["reported_at"].GetString()} == "2024-09-01T10:00:00Z");
  CHECK(std::string{a["game_id"].GetString()} == "g1");
  CHECK(all["injuries"][2]["game_id"].IsNull());

  CHECK(ids(parse(f.ask(injuries_query{"KC", "", 50, ""}))["injuries"], "player_id") ==
        std::vector<std::string>{"1", "2", "3"});
  CHECK(ids(parse(f.ask(injuries_query{"", "OUT", 50, ""}))["injuries"], "player_id") ==
        std::vector<std::string>{"9", "1", "3"});
  CHECK(ids(parse(f.ask(injuries_query{"KC", "Out", 50, ""}))["injuries"], "player_id") ==
        std::vector<std::string>{"1", "3"});

  std::vector<std::string> paged;
  std::string cursor;
  int pages = 0;
  for (; pages < 10; ++pages) {
    auto doc = parse(f.ask(injuries_query{"", "", 2, cursor}));
    auto page = ids(doc["injuries"], "player_id");
    paged.insert(paged.end(), page.begin(), page.end());
    if (doc["next_cursor"].IsNull())
      break;
    cursor = doc["next_cursor"].GetString();
  }
  CHECK(pages == 2);
  CHECK(paged == std::vector<std::string>{"9", "1", "2", "3", "4"});
}

TEST_CASE("a malformed cursor is an error reply", "[query]") {
  test::test_database db;
  if (!db.available())
    return;
  query_fixture f{db.url()};
  auto err = f.ask_error(games_query{"", 10, "not a cursor!"});
  CHECK(err.category() == query_error_category);
  CHECK(err.code() == static_cast<std::uint8_t>(query_errc::malformed_cursor));
  err = f.ask_error(injuries_query{"", "", 10, encode_cursor(games_cursor{1, "g"})});
  CHECK(err.code() == static_cast<std::uint8_t>(query_errc::malformed_cursor));
}

TEST_CASE("statements are prepared again on connections the pool re-opened", "[query]") {
  test::test_database db;
  if (!db.available())
    return;
  query_fixture f{db.url()};
  insert_games(f, {game_row("g1", "in", "2024-09-08T17:00:00Z")});
  // Every worker prepares on the pool's connections...
  for (int i = 0; i < 4; ++i)
    CHECK(parse(f.ask(games_query{"", 10, ""}))["games"].Size() == 1);
  // ...which PostgreSQL then drops, as after a restart.
  f.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
         " WHERE datname = current_database() AND pid <> pg_backend_pid()"
         " AND application_name = 'playclockd'");
  for (int i = 0; i < 4; ++i) {
    CHECK(parse(f.ask(games_query{"", 10, ""}))["games"].Size() == 1);
    CHECK(f.ask(get_atom::value, std::string{"g1"}).found);
  }
}

TEST_CASE("a failing statement is an error reply and the actor keeps answering", "[query]") {
  test::test_database db;
  if (!db.available())
    return;
  query_fixture f{db.url()};
  CHECK(f.ask(injuries_query{"", "", 10, ""}).found);
  f.exec("DROP TABLE injuries");
  auto err = f.ask_error(injuries_query{"", "", 10, ""});
  CHECK(err.category() == query_error_category);
  CHECK(err.code() == static_cast<std::uint8_t>(query_errc::database_error));
  CHECK_THAT(f.sys->render(err), Catch::Contains("list_injuries failed"));
  CHECK(f.ask(games_query{"", 10, ""}).found);
}

TEST_CASE("an unreachable database gives error replies and the actor keeps answering", "[query]") {
  query_fixture f{"postgresql://nobody@127.0.0.1:" + std::to_string(test::free_port()) + "/x",
                  false};
  for (int i = 0; i < 3; ++i) {
    auto err = f.ask_error(games_query{"", 10, ""});
    CHECK(err.category() == query_error_category);
    CHECK(err.code() == static_cast<std::uint8_t>(query_errc::database_unavailable));
    CHECK_THAT(f.sys->render(err), Catch::Contains("database_unavailable"));
  }
  CHECK(f.ask_error(get_atom::value, std::string{"g"}).code() ==
        static_cast<std::uint8_t>(query_errc::database_unavailable));
  CHECK(f.ask_error(plays_query{"g", 10, -1}));
  CHECK(f.ask_error(injuries_query{"", "", 10, ""}));
}

TEST_CASE("cursors round-trip and malformed ones are rejected", "[query]") {
  games_cursor g{1725814800123456, "401547417"};
  auto text = encode_cursor(g);
  CHECK(
      text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
      std::string::npos);
  auto back = decode_games_cursor(text);
  REQUIRE(back);
  CHECK(back->start_us == g.start_us);
  CHECK(back->game_id == g.game_id);
  auto no_start = decode_games_cursor(encode_cursor(games_cursor{std::nullopt, "x|y\"z"}));
  REQUIRE(no_start);
  CHECK_FALSE(no_start->start_us);
  CHECK(no_start->game_id == "x|y\"z");
  auto inj = decode_injuries_cursor(encode_cursor(injuries_cursor{"KC", "4426502"}));
  REQUIRE(inj);
  CHECK(inj->team == "KC");
  CHECK(inj->player_id == "4426502");

  std::vector<std::string> malformed{"",
                                     "!!!!",
                                     "abc=",
                                     "a",
                                     text + "=",
                                     text.substr(1),
                                     std::string(600, 'A'),
                                     encode_cursor(injuries_cursor{"KC", "1"}),
                                     encode_cursor(games_cursor{-9'000'000'000'000'000'000, "g"})};
  for (const auto& bad : malformed)
    CHECK_FALSE(decode_games_cursor(bad));
  CHECK_FALSE(decode_injuries_cursor(text));
}
