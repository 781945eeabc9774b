// The markets read API over real HTTP: a playclockd following the simulated
// league (games and Kalshi-style markets, both "sim:") on a fresh database,
// read back page by page and compared with what PostgreSQL holds.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <pqxx/pqxx>
#include <rapidjson/document.h>

#include "tests/integration/node_process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/wait.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

// A small league on a fast clock, polled every second, correlations measured
// 1.5 s after a play (the default waits 5 s; a poll must fall in between for
// the price to move).
const std::map<std::string, std::string> league_env{
    {"PLAYCLOCK_SOURCES__SIMULATED__GAMES", "4"},
    {"PLAYCLOCK_SOURCES__SIMULATED__SPEED", "600"},
    {"PLAYCLOCK_SOURCES__SIMULATED__PREGAME_S", "1"},
    {"PLAYCLOCK_SOURCES__ESPN__SCOREBOARD_INTERVAL_S", "1"},
    {"PLAYCLOCK_SOURCES__KALSHI__INTERVAL_S", "1"},
    {"PLAYCLOCK_CORRELATION__DELAY_MS", "1500"},
};

long count(const std::string& url, const std::string& sql) {
  try {
    pqxx::connection c{url};
    pqxx::nontransaction tx{c};
    return tx.exec1(sql)[0].as<long>();
  } catch (const std::exception&) {
    return -1;
  }
}

// The first column of every row, as text (NULL as "").
std::vector<std::string> column(const std::string& url, const std::string& sql) {
  pqxx::connection c{url};
  pqxx::nontransaction tx{c};
  std::vector<std::string> out;
  for (const auto& row : tx.exec(sql))
    out.push_back(row[0].is_null() ? std::string{} : row[0].as<std::string>());
  return out;
}

std::string first(const std::string& url, const std::string& sql) {
  auto xs = column(url, sql);
  return xs.empty() ? std::string{} : xs.front();
}

rapidjson::Document ok_json(const std::optional<http::client_response>& res) {
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 200);
  CHECK(res->header("content-type").value_or("") == "application/json");
  rapidjson::Document doc;
  doc.Parse(res->body.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  return doc;
}

void check_problem(const std::optional<http::client_response>& res, int status) {
  REQUIRE(res);
  INFO(res->body);
  CHECK(res->status == status);
  CHECK(res->header("content-type").value_or("") == "application/problem+json");
}

// A 400 problem naming `param` in its detail and in invalid_params.
void check_bad_param(test::node_process& node, const std::string& path, const std::string& param) {
  INFO("GET " << path);
  auto res = node.get(path);
  check_problem(res, 400);
  CHECK(test::json_string(res->body, "/invalid_params/0/name") == param);
  CHECK_THAT(test::json_string(res->body, "/detail"), Catch::Contains(param));
}

std::string str(const rapidjson::Value& v, const char* member) {
  INFO(member);
  REQUIRE(v.HasMember(member));
  REQUIRE(v[member].IsString());
  return v[member].GetString();
}

bool is_string_or_null(const rapidjson::Value& v, const char* member) {
  return v.HasMember(member) && (v[member].IsString() || v[member].IsNull());
}

// "dddd-dd-ddTdd:dd:ddZ" (millis false) or "dddd-dd-ddTdd:dd:dd.dddZ".
// Hand-written rather than std::regex: GCC 12 warns inside <regex> under
// ASan (-Wmaybe-uninitialized) and the build uses -Werror.
bool iso_shape(const std::string& s, bool millis) {
  const std::string shape = millis ? "dddd-dd-ddTdd:dd:dd.dddZ" : "dddd-dd-ddTdd:dd:ddZ";
  if (s.size() != shape.size())
    return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
      return false;
  return true;
}
constexpr bool iso_seconds = false;
constexpr bool iso_millis = true;

bool is_time(const rapidjson::Value& v, const char* member, bool format) {
  return v.HasMember(member) && v[member].IsString() &&
         iso_shape(std::string{v[member].GetString()}, format);
}

void check_market_shape(const rapidjson::Value& m) {
  INFO(str(m, "ticker"));
  CHECK(m["ticker"].GetStringLength() > 0);
  CHECK(m.HasMember("event_ticker"));
  CHECK(m["event_ticker"].IsString());
  CHECK(m["title"].IsString());
  CHECK(is_string_or_null(m, "game_id"));
  CHECK(is_string_or_null(m, "team"));
  CHECK(m.HasMember("yes_team_home"));
  CHECK((m["yes_team_home"].IsBool() || m["yes_team_home"].IsNull()));
  CHECK(m["status"].IsString());
  CHECK(m["result"].IsString());
  CHECK((m["close_time"].IsNull() || is_time(m, "close_time", iso_seconds)));
  CHECK(is_time(m, "updated_at", iso_seconds));
  REQUIRE(m.HasMember("price"));
  REQUIRE(m.HasMember("observed_at"));
  CHECK((m["price"].IsNumber() || m["price"].IsNull()));
  CHECK((m["observed_at"].IsNull() || is_time(m, "observed_at", iso_millis)));
}

void check_correlation_shape(const rapidjson::Value& c) {
  INFO(str(c, "play_id") << " " << str(c, "ticker"));
  CHECK(c["play_text"].IsString());
  REQUIRE(c["tags"].IsArray());
  CHECK(c["tags"].Size() > 0);
  for (const auto& t : c["tags"].GetArray())
    CHECK(t.IsString());
  CHECK(c["game_id"].IsString());
  REQUIRE(c["price_before"].IsNumber());
  REQUIRE(c["price_after"].IsNumber());
  REQUIRE(c["change_pts"].IsNumber());
  // Percentage points of a probability.
  CHECK(std::fabs((c["price_after"].GetDouble() - c["price_before"].GetDouble()) * 100.0 -
                  c["change_pts"].GetDouble()) < 1e-6);
  auto impact = str(c, "impact");
  CHECK((impact == "low" || impact == "medium" || impact == "high" || impact == "extreme"));
  CHECK(is_time(c, "captured_at", iso_millis));
  CHECK(is_time(c, "measured_at", iso_millis));
  CHECK(str(c, "captured_at") <= str(c, "measured_at"));
}

// Every item of every page of `path` ("...?a=b&limit=N" or without '?'),
// following next_cursor; `on_item` sees each one. Checks each page is full
// but the last, and that the walk ends.
void walk(test::node_process& node, const std::string& path, const char* items, int limit,
          const std::function<void(const rapidjson::Value&)>& on_item) {
  auto sep = path.find('?') == std::string::npos ? "?" : "&";
  std::string cursor;
  for (int pages = 0;; ++pages) {
    REQUIRE(pages < 2000);
    auto url = path + sep + "limit=" + std::to_string(limit);
    if (!cursor.empty())
      url += "&cursor=" + cursor;
    INFO("GET " << url);
    auto doc = ok_json(node.get(url));
    REQUIRE(doc[items].IsArray());
    for (const auto& x : doc[items].GetArray())
      on_item(x);
    REQUIRE(doc.HasMember("next_cursor"));
    if (doc["next_cursor"].IsNull()) {
      CHECK(doc[items].Size() <= static_cast<rapidjson::SizeType>(limit));
      return;
    }
    CHECK(doc[items].Size() == static_cast<rapidjson::SizeType>(limit));
    REQUIRE(doc["next_cursor"].IsString());
    cursor = doc["next_cursor"].GetString();
  }
}

// Walks `path` until the rows `keys_sql` selects (in the API's order) are the
// same before and after the walk (the league keeps writing), then checks the
// walk returned exactly those, each once. Returns them.
std::vector<std::string>
walk_matches(test::node_process& node, const std::string& url, const std::string& path,
             const char* items, int limit, const std::string& keys_sql,
             const std::function<std::string(const rapidjson::Value&)>& key) {
  INFO("walking " << path);
  for (int attempt = 0; attempt < 20; ++attempt) {
    auto before = column(url, keys_sql);
    std::vector<std::string> walked;
    walk(node, path, items, limit, [&](const rapidjson::Value& x) { walked.push_back(key(x)); });
    if (column(url, keys_sql) != before) {
      std::this_thread::sleep_for(100ms);
      continue;
    }
    CHECK(std::set<std::string>(walked.begin(), walked.end()).size() == walked.size());
    CHECK(walked == before);
    return walked;
  }
  FAIL("the rows never held still for a walk");
  return {};
}

std::string correlation_key(const rapidjson::Value& c) {
  return str(c, "game_id") + "/" + str(c, "play_id") + "/" + str(c, "ticker");
}

const std::string correlation_keys =
    "SELECT game_id || '/' || play_id || '/' || ticker FROM correlations";
const std::string correlation_order =
    " ORDER BY measured_at DESC, game_id DESC, play_id DESC, ticker DESC";

// A double as SQL text that reads back as the same double.
std::string exact(double x) {
  std::ostringstream out;
  out << std::setprecision(17) << x;
  return out.str();
}

// base64url without padding, to forge cursors in the API's format.
std::string base64url(const std::string& in) {
  static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned acc = 0;
  int bits = 0;
  for (unsigned char ch : in) {
    acc = (acc << 8) | ch;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(abc[(acc >> bits) & 0x3f]);
    }
  }
  if (bits > 0)
    out.push_back(abc[(acc << (6 - bits)) & 0x3f]);
  return out;
}

} // namespace

TEST_CASE("the markets API serves the league's markets, their history and correlations",
          "[integration][markets]") {
  test::test_database db;
  if (!db.available())
    return;
  const auto& url = db.url();
  test::node_process node{url, league_env};
  REQUIRE(node.wait_ready());
  // Both markets of every game, some price history, markets closed by the
  // first final whistles, and correlations of more than one impact in more
  // than one game.
  auto ready = test::wait_until(
      [&] {
        return count(url, "SELECT count(*) FROM markets") >= 8 &&
               count(url, "SELECT count(*) FROM (SELECT ticker FROM market_snapshots"
                          " GROUP BY ticker HAVING count(*) >= 3) t") > 0 &&
               count(url, "SELECT count(*) FROM correlations") >= 5 &&
               count(url, "SELECT count(DISTINCT status) FROM markets") >= 2 &&
               count(url, "SELECT count(DISTINCT game_id) FROM correlations") >= 2 &&
               count(url, "SELECT count(DISTINCT impact) FROM correlations") >= 2;
      },
      90s, 250ms);
  INFO(node.process().output());
  REQUIRE(ready);
  // The poller stores a market's observation only when it changed (while
  // it trades: its close may repeat the last prices).
  CHECK(count(url, "SELECT count(*) FROM (SELECT (s.yes_bid, s.yes_ask, s.last_price, s.volume,"
                   " s.open_interest) IS NOT DISTINCT FROM lag((s.yes_bid, s.yes_ask,"
                   " s.last_price, s.volume, s.open_interest)) OVER (PARTITION BY s.ticker"
                   " ORDER BY s.observed_at) AS same FROM market_snapshots s JOIN markets m"
                   " USING (ticker) WHERE m.status IN ('active', 'open')) s WHERE same") == 0);
  CHECK(count(url, "SELECT count(*) FROM markets WHERE status IN ('active', 'open')") > 0);

  auto index = node.get("/");
  REQUIRE(index);
  for (const char* route : {"GET /api/markets", "GET /api/markets/{ticker}",
                            "GET /api/games/{id}/correlations", "GET /api/correlations"})
    CHECK_THAT(index->body, Catch::Contains(std::string{"\""} + route + "\""));

  // -- markets ---------------------------------------------------------------------

  auto by_ticker = [](const rapidjson::Value& m) {
    check_market_shape(m);
    return str(m, "ticker");
  };
  auto all = walk_matches(node, url, "/api/markets", "markets", 3,
                          "SELECT ticker FROM markets ORDER BY ticker", by_ticker);
  CHECK(all.size() >= 8);
  CHECK(static_cast<long>(all.size()) <= count(url, "SELECT count(*) FROM markets"));
  // One page of everything says the same.
  walk_matches(node, url, "/api/markets", "markets", 500,
               "SELECT ticker FROM markets ORDER BY ticker", by_ticker);
  // The default page is 50.
  auto page = ok_json(node.get("/api/markets"));
  CHECK(page["markets"].Size() == std::min<rapidjson::SizeType>(50, all.size()));

  // Each market's price is its latest snapshot's: no older than the newest
  // stored before the request (snapshots only accumulate), and stored as said.
  const std::string ms_format = R"('YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')";
  auto newest_before = [&](const std::string& t) {
    return first(url, "SELECT to_char(max(observed_at) AT TIME ZONE 'UTC', " + ms_format +
                          ") FROM market_snapshots WHERE ticker = '" + t + "'");
  };
  std::map<std::string, std::string> newest;
  for (const auto& t : all)
    newest[t] = newest_before(t);
  auto priced = ok_json(node.get("/api/markets?limit=500"));
  for (const auto& m : priced["markets"].GetArray()) {
    auto t = str(m, "ticker");
    INFO(t);
    if (m["observed_at"].IsNull()) {
      CHECK(newest[t].empty());
      continue;
    }
    auto at = str(m, "observed_at");
    CHECK(at >= newest[t]);
    auto price = m["price"].IsNull() ? std::string{"NULL"} : exact(m["price"].GetDouble());
    CHECK(count(url, "SELECT count(*) FROM market_snapshots WHERE ticker = '" + t +
                         "' AND to_char(observed_at AT TIME ZONE 'UTC', " + ms_format + ") = '" +
                         at + "' AND price IS NOT DISTINCT FROM " + price + "::float8") == 1);
  }

  // status: every status stored (at least two), one at a time, and others.
  auto statuses = column(url, "SELECT DISTINCT status FROM markets");
  statuses.insert(statuses.end(), {"settled", "no_such_status"});
  for (const auto& status : statuses) {
    INFO("status " << status);
    walk_matches(node, url, "/api/markets?status=" + status, "markets", 4,
                 "SELECT ticker FROM markets WHERE status = '" + status + "' ORDER BY ticker",
                 [&](const rapidjson::Value& m) {
                   CHECK(str(m, "status") == status);
                   return str(m, "ticker");
                 });
  }

  // game_id: a game's markets (two: one per team).
  auto game = first(url, "SELECT game_id FROM markets WHERE game_id IS NOT NULL ORDER BY ticker");
  REQUIRE_FALSE(game.empty());
  auto of_game =
      walk_matches(node, url, "/api/markets?game_id=" + game, "markets", 1,
                   "SELECT ticker FROM markets WHERE game_id = '" + game + "' ORDER BY ticker",
                   [&](const rapidjson::Value& m) {
                     CHECK(str(m, "game_id") == game);
                     return str(m, "ticker");
                   });
  CHECK(of_game.size() == 2);

  // -- one market --------------------------------------------------------------------

  auto ticker = first(url, "SELECT ticker FROM market_snapshots GROUP BY ticker"
                           " HAVING count(*) >= 3 ORDER BY ticker LIMIT 1");
  REQUIRE_FALSE(ticker.empty());
  {
    INFO(ticker);
    auto two = ok_json(node.get("/api/markets/" + ticker + "?history=2"));
    check_market_shape(two);
    CHECK(str(two, "ticker") == ticker);
    REQUIRE(two["history"].IsArray());
    REQUIRE(two["history"].Size() == 2);
    const auto& h = two["history"];
    // Newest first; the newest is the market's price.
    CHECK(str(h[0], "observed_at") > str(h[1], "observed_at"));
    CHECK(str(h[0], "observed_at") == str(two, "observed_at"));
    REQUIRE(h[0]["price"].IsNumber());
    CHECK(h[0]["price"].GetDouble() == two["price"].GetDouble());
    for (const auto& s : h.GetArray()) {
      CHECK(is_time(s, "observed_at", iso_millis));
      for (const char* member :
           {"price", "yes_bid", "yes_ask", "last_price", "volume", "open_interest"}) {
        INFO(member);
        REQUIRE(s.HasMember(member));
        CHECK((s[member].IsNumber() || s[member].IsNull()));
      }
    }
    // The snapshots reported are the stored ones, newest first: those stored
    // before the request, after any stored since.
    auto stored = column(url, "SELECT to_char(observed_at AT TIME ZONE 'UTC', " + ms_format +
                                  ") FROM market_snapshots WHERE ticker = '" + ticker +
                                  "' ORDER BY observed_at DESC");
    auto full = ok_json(node.get("/api/markets/" + ticker + "?history=1000"));
    std::vector<std::string> reported;
    for (const auto& x : full["history"].GetArray())
      reported.push_back(str(x, "observed_at"));
    auto n = full["history"].Size();
    REQUIRE(stored.size() >= 3);
    REQUIRE(reported.size() >= stored.size());
    CHECK(std::vector<std::string>(reported.end() - static_cast<long>(stored.size()),
                                   reported.end()) == stored);
    for (std::size_t i = 1; i < reported.size(); ++i)
      CHECK(reported[i - 1] > reported[i]);
    // The default history is 100 at most.
    auto dflt = ok_json(node.get("/api/markets/" + ticker));
    CHECK(dflt["history"].Size() >= n);
    CHECK(dflt["history"].Size() <= 100);
  }
  check_problem(node.get("/api/markets/NO-SUCH-MARKET"), 404);
  CHECK_THAT(test::json_string(node.get("/api/markets/NO-SUCH-MARKET")->body, "/detail"),
             Catch::Contains("NO-SUCH-MARKET"));

  // -- correlations ----------------------------------------------------------------

  auto by_key = [](const rapidjson::Value& c) {
    check_correlation_shape(c);
    return correlation_key(c);
  };
  auto correlations = walk_matches(node, url, "/api/correlations", "correlations", 2,
                                   correlation_keys + correlation_order, by_key);
  CHECK(correlations.size() >= 5);
  // Newest measured first, across games.
  {
    auto doc = ok_json(node.get("/api/correlations?limit=500"));
    const auto& cs = doc["correlations"];
    std::set<std::string> games;
    for (rapidjson::SizeType i = 0; i < cs.Size(); ++i) {
      games.insert(str(cs[i], "game_id"));
      if (i > 0)
        CHECK(str(cs[i - 1], "measured_at") >= str(cs[i], "measured_at"));
    }
    CHECK(games.size() >= 2);
  }
  // impact: each level (those not stored give an empty page).
  for (const std::string impact : {"low", "medium", "high", "extreme"}) {
    INFO("impact " << impact);
    walk_matches(node, url, "/api/correlations?impact=" + impact, "correlations", 3,
                 correlation_keys + " WHERE impact = '" + impact + "'" + correlation_order,
                 [&](const rapidjson::Value& c) {
                   CHECK(str(c, "impact") == impact);
                   return correlation_key(c);
                 });
  }

  // One game's.
  auto busy = first(url, "SELECT game_id FROM correlations GROUP BY game_id"
                         " ORDER BY count(*) DESC, game_id LIMIT 1");
  {
    INFO("game " << busy);
    auto one = ok_json(node.get("/api/games/" + busy + "/correlations"));
    CHECK(str(one, "game_id") == busy);
    walk_matches(node, url, "/api/games/" + busy + "/correlations", "correlations", 2,
                 correlation_keys + " WHERE game_id = '" + busy + "'" + correlation_order,
                 [&](const rapidjson::Value& c) {
                   check_correlation_shape(c);
                   CHECK(str(c, "game_id") == busy);
                   return correlation_key(c);
                 });
    auto impact = first(url, "SELECT impact FROM correlations WHERE game_id = '" + busy + "'");
    walk_matches(node, url, "/api/games/" + busy + "/correlations?impact=" + impact, "correlations",
                 1,
                 correlation_keys + " WHERE game_id = '" + busy + "' AND impact = '" + impact +
                     "'" + correlation_order,
                 [&](const rapidjson::Value& c) {
                   CHECK(str(c, "impact") == impact);
                   return correlation_key(c);
                 });
  }
  // A known game without correlations (next round's, not started) is an empty page.
  auto quiet = first(url, "SELECT game_id FROM games WHERE state = 'pre' AND game_id NOT IN"
                          " (SELECT game_id FROM correlations) ORDER BY game_id LIMIT 1");
  if (!quiet.empty()) {
    auto doc = ok_json(node.get("/api/games/" + quiet + "/correlations"));
    CHECK(str(doc, "game_id") == quiet);
    CHECK(doc["correlations"].Empty());
    CHECK(doc["next_cursor"].IsNull());
  }
  check_problem(node.get("/api/games/nosuchgame/correlations"), 404);
}

TEST_CASE("the markets API rejects bad parameters naming them, and unknown keys are 404",
          "[integration][markets]") {
  test::test_database db;
  if (!db.available())
    return;
  // No league: only the routes are under test.
  test::node_process node{db.url(),
                          {{"PLAYCLOCK_SOURCES__SIMULATED__PREGAME_S", "3600"},
                           {"PLAYCLOCK_SOURCES__KALSHI__BASE_URL", ""}}};
  REQUIRE(node.wait_ready());

  auto markets_cursor = base64url(R"([null,"KXNFLGAME-A"])");
  auto correlations_cursor = base64url(R"([1700000000000000,"[\"g\",\"p\",\"T\"]"])");
  // Well-formed cursors and filters are taken (an empty database: one empty page).
  for (const auto& path :
       std::vector<std::string>{"/api/markets?cursor=" + markets_cursor,
                                "/api/correlations?cursor=" + correlations_cursor,
                                "/api/games/401547417/correlations?cursor=" + correlations_cursor,
                                "/api/markets?status=active&game_id=401547417&limit=500",
                                "/api/correlations?impact=extreme&limit=1"}) {
    INFO("GET " << path);
    auto res = node.get(path);
    REQUIRE(res);
    CHECK(res->status == (path.rfind("/api/games/", 0) == 0 ? 404 : 200));
    if (res->status == 200)
      CHECK_THAT(res->body, Catch::EndsWith(R"(:[],"next_cursor":null})"));
  }
  check_problem(node.get("/api/markets/KXNFLGAME-25NOV23KCBUF-KC"), 404);
  check_problem(node.get("/api/games/401547417/correlations"), 404);

  const std::string long_ticker(101, 'A');
  const std::vector<std::pair<std::string, std::string>> bad{
      // /api/markets
      {"/api/markets?status=", "status"},
      {"/api/markets?status=Active", "status"},
      {"/api/markets?status=act-ive", "status"},
      {"/api/markets?status=" + std::string(33, 'a'), "status"},
      {"/api/markets?game_id=", "game_id"},
      {"/api/markets?game_id=a%20b", "game_id"},
      {"/api/markets?game_id=" + std::string(33, '1'), "game_id"},
      {"/api/markets?limit=0", "limit"},
      {"/api/markets?limit=501", "limit"},
      {"/api/markets?limit=-1", "limit"},
      {"/api/markets?limit=ten", "limit"},
      {"/api/markets?limit=", "limit"},
      {"/api/markets?limit=99999999999999999999", "limit"},
      {"/api/markets?limit=1&limit=2", "limit"},
      {"/api/markets?cursor=", "cursor"},
      {"/api/markets?cursor=not*base64", "cursor"},
      {"/api/markets?cursor=" + base64url("[1,2]"), "cursor"},
      {"/api/markets?cursor=" + correlations_cursor, "cursor"},
      {"/api/markets?cursor=" + base64url(R"([null,"lower"])"), "cursor"},
      {"/api/markets?state=in", "state"},
      // /api/markets/{ticker}
      {"/api/markets/kxnflgame-a", "ticker"},
      {"/api/markets/A%20B", "ticker"},
      {"/api/markets/" + long_ticker, "ticker"},
      {"/api/markets/KX?history=0", "history"},
      {"/api/markets/KX?history=1001", "history"},
      {"/api/markets/KX?history=x", "history"},
      {"/api/markets/KX?limit=5", "limit"},
      // /api/games/{id}/correlations
      {"/api/games/a%20b/correlations", "id"},
      {"/api/games/" + std::string(33, '1') + "/correlations", "id"},
      {"/api/games/401547417/correlations?impact=huge", "impact"},
      {"/api/games/401547417/correlations?impact=", "impact"},
      {"/api/games/401547417/correlations?impact=HIGH", "impact"},
      {"/api/games/401547417/correlations?limit=0", "limit"},
      {"/api/games/401547417/correlations?limit=501", "limit"},
      {"/api/games/401547417/correlations?cursor=" + markets_cursor, "cursor"},
      {"/api/games/401547417/correlations?ticker=X", "ticker"},
      // /api/correlations
      {"/api/correlations?impact=none", "impact"},
      {"/api/correlations?limit=abc", "limit"},
      {"/api/correlations?limit=500&limit=500", "limit"},
      {"/api/correlations?cursor=xyz!", "cursor"},
      {"/api/correlations?cursor=" + markets_cursor, "cursor"},
      {"/api/correlations?cursor=" + base64url(R"([1,"[\"g\",\"p\"]"])"), "cursor"},
      {"/api/correlations?cursor=" + base64url(R"([1,"[\"g\",\"\",\"T\"]"])"), "cursor"},
      {"/api/correlations?game_id=1", "game_id"},
  };
  for (const auto& [path, param] : bad)
    check_bad_param(node, path, param);
  // An unknown parameter says so.
  auto unknown = node.get("/api/markets?foo=1");
  REQUIRE(unknown);
  CHECK(test::json_string(unknown->body, "/detail") == "unknown parameter: foo");
  CHECK(test::json_string(unknown->body, "/invalid_params/0/reason") == "unknown parameter");
}
