// parse_rule: every rejection names the field; rule_to_json and the filters
// jsonb round trips.
#include <catch2/catch.hpp>

#include <string>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "adapters/alerts/rule_json.hpp"

using namespace playclock::alerts;

namespace {

rule_error error_of(const std::string& body) {
  auto r = parse_rule(body, "acme");
  if (const auto* e = std::get_if<rule_error>(&r))
    return *e;
  FAIL("accepted: " << body);
  return {};
}

rule accepted(const std::string& body) {
  auto r = parse_rule(body, "acme");
  if (const auto* e = std::get_if<rule_error>(&r))
    FAIL("rejected: " << body << " -> " << to_string(*e));
  return std::get<rule>(r);
}

// A valid log rule with `extra` members appended.
std::string with(const std::string& extra) {
  return R"({"type":"score","channel":"log","target":"ops")" + (extra.empty() ? "" : "," + extra) +
         "}";
}

std::string target_body(const char* channel, const std::string& target) {
  return std::string{R"({"type":"score","channel":")"} + channel + R"(","target":)" + target + "}";
}

bool contains(const std::string& s, const char* part) {
  return s.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("a full rule body is read with every field", "[alerts]") {
  auto r = accepted(R"({"type":"correlation","channel":"telegram","target":"-1001234567890",
    "filters":{"teams":["kc","Buf"],"games":["401547417"],"markets":["KXNFLGAME-25SEP07KCBUF-KC"],
    "min_impact":"medium"},"cooldown_s":60,"priority":"high"})");
  CHECK(r.id == 0);
  CHECK(r.tenant == "acme");
  CHECK(r.type == alert_type::correlation);
  CHECK(r.via == channel::telegram);
  CHECK(r.target == "-1001234567890");
  CHECK(r.only.teams == std::vector<std::string>{"KC", "BUF"});
  CHECK(r.only.games == std::vector<std::string>{"401547417"});
  CHECK(r.only.markets == std::vector<std::string>{"KXNFLGAME-25SEP07KCBUF-KC"});
  CHECK(r.only.min_impact == impact::medium);
  CHECK(r.cooldown_s == 60);
  CHECK(r.level == priority::high);
}

TEST_CASE("a minimal rule body gets the defaults", "[alerts]") {
  auto r = accepted(with(""));
  CHECK(r.type == alert_type::score);
  CHECK(r.via == channel::log);
  CHECK(r.target == "ops");
  CHECK(r.only.teams.empty());
  CHECK(r.only.games.empty());
  CHECK(r.only.markets.empty());
  CHECK_FALSE(r.only.min_impact);
  CHECK(r.cooldown_s == 300);
  CHECK(r.level == priority::normal);
}

TEST_CASE("null optional fields of a rule body mean absent", "[alerts]") {
  auto r = accepted(with(R"("filters":{"teams":null,"min_impact":null},"cooldown_s":null,)"
                         R"("priority":null)"));
  CHECK(r.cooldown_s == 300);
  CHECK(r.level == priority::normal);
  CHECK(r.only.teams.empty());
  CHECK_FALSE(r.only.min_impact);
  CHECK(accepted(with(R"("filters":null)")).only.teams.empty());
}

TEST_CASE("a rule body that is not a JSON object is rejected as a whole", "[alerts]") {
  auto e = error_of("{\"type\":");
  CHECK(e.field.empty());
  CHECK(contains(e.message, "not JSON"));
  e = error_of("");
  CHECK(e.field.empty());
  CHECK(contains(e.message, "not JSON"));
  e = error_of(R"(["score"])");
  CHECK(e.field.empty());
  CHECK(e.message == "must be a JSON object");
  e = error_of("42");
  CHECK(e.message == "must be a JSON object");
  e = error_of(with(R"("filters":{"teams":["KC"]})") + " trailing");
  CHECK(contains(e.message, "not JSON"));
}

TEST_CASE("a rule body with invalid UTF-8 or too many bytes is rejected", "[alerts]") {
  auto e = error_of("{\"type\":\"score\",\"channel\":\"log\",\"target\":\"o\xff\xfe\"}");
  CHECK(e.field.empty());
  CHECK(contains(e.message, "not JSON"));
  std::string big = with(R"("filters":{"games":[)" + std::string(70000, ' ') + "]}");
  e = error_of(big);
  CHECK(e.field.empty());
  CHECK(contains(e.message, "at most"));
}

TEST_CASE("unknown and repeated top-level keys are rejected by name", "[alerts]") {
  auto e = error_of(with(R"("colour":"red")"));
  CHECK(e.field == "colour");
  CHECK(contains(e.message, "unknown field"));
  CHECK(contains(e.message, "\"cooldown_s\""));
  CHECK(error_of(with(R"("id":7)")).field == "id");
  CHECK(error_of(with(R"("tenant":"other")")).field == "tenant");
  e = error_of(with(R"("type":"edge")"));
  CHECK(e.field == "type");
  CHECK(e.message == "given twice");
}

TEST_CASE("type is required and must name an alert type", "[alerts]") {
  auto e = error_of(R"({"channel":"log","target":"ops"})");
  CHECK(e.field == "type");
  CHECK(contains(e.message, "required"));
  CHECK(contains(e.message, "\"price_spike\""));
  e = error_of(R"({"type":"touchdown","channel":"log","target":"ops"})");
  CHECK(e.field == "type");
  CHECK(contains(e.message, "must be one of"));
  CHECK(error_of(R"({"type":3,"channel":"log","target":"ops"})").field == "type");
  CHECK(error_of(R"({"type":null,"channel":"log","target":"ops"})").field == "type");
}

TEST_CASE("channel is required and must name a channel", "[alerts]") {
  auto e = error_of(R"({"type":"score","target":"ops"})");
  CHECK(e.field == "channel");
  CHECK(contains(e.message, "required"));
  e = error_of(R"({"type":"score","channel":"email","target":"ops"})");
  CHECK(e.field == "channel");
  CHECK(contains(e.message, "\"telegram\", \"webhook\" or \"log\""));
  CHECK(error_of(R"({"type":"score","channel":["log"],"target":"ops"})").field == "channel");
}

TEST_CASE("target is required and must be a string", "[alerts]") {
  auto e = error_of(R"({"type":"score","channel":"log"})");
  CHECK(e.field == "target");
  CHECK(contains(e.message, "required"));
  e = error_of(target_body("log", "12"));
  CHECK(e.field == "target");
  CHECK(e.message == "must be a string");
}

TEST_CASE("webhook targets must be http or https URLs with a host", "[alerts]") {
  for (const char* ok :
       {"https://hooks.example.com/alerts", "http://localhost:8080/x?y=1#z", "HTTPS://Example.COM",
        "https://[::1]:9000/hook", "https://user:secret@example.com/hook", "http://10.0.0.7"}) {
    INFO(ok);
    CHECK(accepted(target_body("webhook", std::string{"\""} + ok + "\"")).target == ok);
  }
  for (const char* bad :
       {"ftp://example.com/", "example.com/hook", "https://", "http:///path", "https://:80/",
        "https://exa mple.com/", "https://example.com:0/", "https://example.com:65536/",
        "https://example.com:80a/", "https://ex!ample.com/", "https://[::1/", "https://[]/",
        "https://...", ""}) {
    INFO(bad);
    auto e = error_of(target_body("webhook", std::string{"\""} + bad + "\""));
    CHECK(e.field == "target");
    CHECK(contains(e.message, "for channel \"webhook\""));
  }
  auto e =
      error_of(target_body("webhook", "\"https://example.com/" + std::string(2100, 'a') + "\""));
  CHECK(e.field == "target");
  CHECK(contains(e.message, "2048"));
}

TEST_CASE("telegram targets must be chat ids or channel names", "[alerts]") {
  for (const char* ok : {"123456789", "-1001234567890", "@playclock_alerts", "@abcde",
                         "9223372036854775807", "-9223372036854775807"}) {
    INFO(ok);
    CHECK(accepted(target_body("telegram", std::string{"\""} + ok + "\"")).target == ok);
  }
  for (const char* bad : {"", "-", "abc", "12a", "+123", " 123", "@abcd", "@1abcde", "@ab-cde",
                          "@a234567890123456789012345678901234", "9223372036854775808",
                          "12345678901234567890", "@"}) {
    INFO(bad);
    auto e = error_of(target_body("telegram", std::string{"\""} + bad + "\""));
    CHECK(e.field == "target");
    CHECK(contains(e.message, "Telegram chat id"));
  }
}

TEST_CASE("log targets are 1 to 200 characters without control characters", "[alerts]") {
  std::string e200;
  for (int i = 0; i < 200; ++i)
    e200 += "\xc3\xa9"; // é: 200 characters, 400 bytes
  CHECK(accepted(target_body("log", "\"" + e200 + "\"")).target == e200);
  CHECK(accepted(target_body("log", "\"ops channel #2\"")).target == "ops channel #2");
  auto e = error_of(target_body("log", "\"\""));
  CHECK(e.field == "target");
  CHECK(contains(e.message, "empty"));
  e = error_of(target_body("log", "\"" + std::string(201, 'x') + "\""));
  CHECK(e.field == "target");
  CHECK(contains(e.message, "200"));
  e = error_of(target_body("log", "\"a\\nb\""));
  CHECK(e.field == "target");
  CHECK(contains(e.message, "control"));
}

TEST_CASE("filters must be an object of known keys", "[alerts]") {
  auto e = error_of(with(R"("filters":["KC"])"));
  CHECK(e.field == "filters");
  CHECK(e.message == "must be an object");
  e = error_of(with(R"("filters":{"team":["KC"]})"));
  CHECK(e.field == "filters.team");
  CHECK(contains(e.message, "unknown field"));
  CHECK(contains(e.message, "\"teams\""));
  e = error_of(with(R"("filters":{"teams":[],"teams":["KC"]})"));
  CHECK(e.field == "filters.teams");
  CHECK(e.message == "given twice");
}

TEST_CASE("filter lists must be arrays of non-empty strings", "[alerts]") {
  auto e = error_of(with(R"("filters":{"teams":"KC"})"));
  CHECK(e.field == "filters.teams");
  CHECK(e.message == "must be an array of strings");
  e = error_of(with(R"("filters":{"teams":["KC","BUF",7]})"));
  CHECK(e.field == "filters.teams[2]");
  CHECK(e.message == "must be a string");
  e = error_of(with(R"("filters":{"games":["1",""]})"));
  CHECK(e.field == "filters.games[1]");
  CHECK(e.message == "must not be empty");
  e = error_of(with(R"("filters":{"markets":[null]})"));
  CHECK(e.field == "filters.markets[0]");
  CHECK(e.message == "must be a string");
  e = error_of(with(R"("filters":{"games":{"a":1}})"));
  CHECK(e.field == "filters.games");
}

TEST_CASE("filter entries must look like team abbreviations, game ids and tickers", "[alerts]") {
  auto e = error_of(with(R"("filters":{"teams":["KC","Kansas City"]})"));
  CHECK(e.field == "filters.teams[1]");
  CHECK(contains(e.message, "team abbreviation"));
  CHECK(error_of(with(R"("filters":{"teams":["ABCDEFGHI"]})")).field == "filters.teams[0]");
  CHECK(error_of(with(R"("filters":{"teams":["K-C"]})")).field == "filters.teams[0]");
  e = error_of(with(R"("filters":{"games":["401 547"]})"));
  CHECK(e.field == "filters.games[0]");
  CHECK(contains(e.message, "game id"));
  e = error_of(with(R"("filters":{"markets":["KX", ")" + std::string(101, 'A') + R"("]})"));
  CHECK(e.field == "filters.markets[1]");
  CHECK(contains(e.message, "ticker"));
}

TEST_CASE("filter lists are bounded in size", "[alerts]") {
  std::string items;
  for (int i = 0; i < 100; ++i)
    items += (i ? ",\"" : "\"") + std::to_string(i) + "\"";
  CHECK(accepted(with(R"("filters":{"games":[)" + items + "]}")).only.games.size() == 100);
  auto e = error_of(with(R"("filters":{"games":[)" + items + ",\"100\"]}"));
  CHECK(e.field == "filters.games");
  CHECK(contains(e.message, "at most 100"));
}

TEST_CASE("team abbreviations are upper-cased and repeated entries dropped", "[alerts]") {
  auto r = accepted(with(R"("filters":{"teams":["kc","KC","Buf","sf"],"games":["1","1","2"]})"));
  CHECK(r.only.teams == std::vector<std::string>{"KC", "BUF", "SF"});
  CHECK(r.only.games == std::vector<std::string>{"1", "2"});
}

TEST_CASE("min_impact must name an impact level", "[alerts]") {
  CHECK(accepted(with(R"("filters":{"min_impact":"extreme"})")).only.min_impact == impact::extreme);
  auto e = error_of(with(R"("filters":{"min_impact":"big"})"));
  CHECK(e.field == "filters.min_impact");
  CHECK(contains(e.message, "\"medium\""));
  CHECK(error_of(with(R"("filters":{"min_impact":2})")).field == "filters.min_impact");
}

TEST_CASE("cooldown_s must be an integer from 0 to 86400", "[alerts]") {
  CHECK(accepted(with(R"("cooldown_s":0)")).cooldown_s == 0);
  CHECK(accepted(with(R"("cooldown_s":86400)")).cooldown_s == 86400);
  for (const char* bad : {"-1", "86401", "1.5", "\"300\"", "true", "1e3", "99999999999999999999"}) {
    INFO(bad);
    auto e = error_of(with(std::string{R"("cooldown_s":)"} + bad));
    CHECK(e.field == "cooldown_s");
    CHECK(contains(e.message, "0 to 86400"));
  }
}

TEST_CASE("priority must be normal or high", "[alerts]") {
  CHECK(accepted(with(R"("priority":"normal")")).level == priority::normal);
  auto e = error_of(with(R"("priority":"urgent")"));
  CHECK(e.field == "priority");
  CHECK(e.message == "must be \"normal\" or \"high\"");
  CHECK(error_of(with(R"("priority":1)")).field == "priority");
}

TEST_CASE("rule errors read as field: message", "[alerts]") {
  CHECK(to_string(rule_error{"filters.teams[2]", "must be a string"}) ==
        "filters.teams[2]: must be a string");
  CHECK(to_string(rule_error{"", "must be a JSON object"}) == "must be a JSON object");
}

TEST_CASE("rule_to_json shows every field of a rule", "[alerts]") {
  rule r;
  r.id = 9007199254740993; // beyond a double's exact integers
  r.tenant = "acme \"east\"";
  r.type = alert_type::price_spike;
  r.via = channel::webhook;
  r.target = "https://example.com/hook";
  r.only.teams = {"KC"};
  r.only.markets = {"KXNFLGAME-25SEP07KCBUF-KC"};
  r.only.min_impact = impact::high;
  r.cooldown_s = 120;
  r.level = priority::high;
  auto text = rule_to_json(r);
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  REQUIRE(doc.IsObject());
  CHECK(doc.MemberCount() == 8);
  CHECK(doc["id"].GetInt64() == 9007199254740993);
  CHECK(doc["tenant"] == "acme \"east\"");
  CHECK(doc["type"] == "price_spike");
  CHECK(doc["channel"] == "webhook");
  CHECK(doc["target"] == "https://example.com/hook");
  CHECK(doc["cooldown_s"] == 120);
  CHECK(doc["priority"] == "high");
  const auto& f = doc["filters"];
  CHECK(f["teams"][0] == "KC");
  CHECK(f["games"].Size() == 0);
  CHECK(f["markets"][0] == "KXNFLGAME-25SEP07KCBUF-KC");
  CHECK(f["min_impact"] == "high");
}

TEST_CASE("a rule shown by rule_to_json reads back as the same rule", "[alerts]") {
  auto original = accepted(R"({"type":"edge","channel":"telegram","target":"@playclock_alerts",
    "filters":{"teams":["KC","BUF"],"games":["g1"],"markets":["M1","M2"],"min_impact":"low"},
    "cooldown_s":0,"priority":"high"})");
  rapidjson::Document doc;
  doc.Parse(rule_to_json(original).c_str());
  REQUIRE(doc.IsObject());
  doc.RemoveMember("id");
  doc.RemoveMember("tenant");
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  doc.Accept(w);
  auto again = accepted(buf.GetString());
  CHECK(rule_to_json(again) == rule_to_json(original));
  CHECK(again.only.markets == original.only.markets);
  CHECK(again.cooldown_s == 0);
  CHECK(again.level == priority::high);
}

TEST_CASE("filters survive filters_to_json and filters_from_json", "[alerts]") {
  filters f;
  CHECK(filters_to_json(f) == R"({"teams":[],"games":[],"markets":[]})");
  auto back = filters_from_json(filters_to_json(f));
  REQUIRE(back);
  CHECK(back->teams.empty());
  CHECK_FALSE(back->min_impact);

  f.teams = {"KC", "SF"};
  f.games = {"401547417", "sim-12"};
  f.markets = {"KXNFLGAME-25SEP07KCBUF-KC"};
  f.min_impact = impact::medium;
  auto text = filters_to_json(f);
  CHECK(text == R"({"teams":["KC","SF"],"games":["401547417","sim-12"],)"
                R"("markets":["KXNFLGAME-25SEP07KCBUF-KC"],"min_impact":"medium"})");
  back = filters_from_json(text);
  REQUIRE(back);
  CHECK(back->teams == f.teams);
  CHECK(back->games == f.games);
  CHECK(back->markets == f.markets);
  CHECK(back->min_impact == f.min_impact);
  CHECK(filters_from_json("{}"));
}

TEST_CASE("filters_from_json refuses what is not a filters object", "[alerts]") {
  CHECK_FALSE(filters_from_json(""));
  CHECK_FALSE(filters_from_json("[]"));
  CHECK_FALSE(filters_from_json("{\"teams\":[1]}"));
  CHECK_FALSE(filters_from_json("{\"colour\":[]}"));
  CHECK_FALSE(filters_from_json("{\"min_impact\":\"big\"}"));
}
