#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include <rapidjson/document.h>

#include "adapters/notify/markdown.hpp"
#include "adapters/notify/telegram.hpp"
#include "tests/adapters/notify_receiver.hpp"
#include "tests/support/realdata.hpp"

using namespace playclock;
using namespace playclock::notify;
using namespace std::chrono_literals;
using kind = delivery_outcome::kind;

namespace {

const std::string token = "123456789:AAH-secret_TOKEN-xyz";

// A Bot API stand-in on a free loopback port.
struct bot_api {
  test::fake_receiver receiver{"POST", "/{bot}/sendMessage"};

  telegram_options options() const {
    telegram_options opts;
    opts.base_url = receiver.url();
    opts.token = token;
    opts.timeout = 2s;
    return opts;
  }
};

std::optional<std::string> read_realdata(const std::string& name) {
  auto dir = test::realdata_dir();
  if (!dir)
    return std::nullopt;
  std::ifstream in{*dir / "telegram" / name};
  if (!in)
    return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The captured sendMessage success line, with the placeholder the author put
// in place of the chat id made a number again.
std::string success_body() {
  auto file = read_realdata("sendMessage_success_captured_2021_REDACTED_chatid.txt");
  if (!file)
    return R"({"ok":true,"result":{"message_id":9,"chat":{"id":-100123,"type":"group"},)"
           R"("date":1635877783,"text":"Hello World"}})";
  std::istringstream lines{*file};
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("{\"ok\":true,\"result\":{\"message_id\"", 0) == 0) {
      auto at = line.find("-TELEGRAM_CHAT_ID");
      REQUIRE(at != std::string::npos);
      line.replace(at, std::string{"-TELEGRAM_CHAT_ID"}.size(), "-1001234567890");
      return line;
    }
  }
  FAIL("no sendMessage success line in the real data");
  return {};
}

rapidjson::Document parse(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  return doc;
}

http::client_response response(int status, std::string body, http::header_list headers = {}) {
  http::client_response res;
  res.status = status;
  res.body = std::move(body);
  res.headers = std::move(headers);
  return res;
}

} // namespace

TEST_CASE("telegram_text escapes the text and bolds the title", "[notify]") {
  CHECK(telegram_text("Chiefs 21-17 Bills. Q3 8:24") == "Chiefs 21\\-17 Bills\\. Q3 8:24");
  CHECK(telegram_text("Chiefs 21-17", "Score!") == "*Score\\!*\nChiefs 21\\-17");
  CHECK(telegram_text("x", "*already bold*") == "*\\*already bold\\**\nx");
}

TEST_CASE("telegram_text cuts long messages to what Telegram accepts", "[notify]") {
  std::string longer(5000, '.');
  auto text = telegram_text(longer, "Title");
  // After entity parsing: the title, a line break, the text without backslashes.
  std::string shown;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\')
      ++i;
    if (i < text.size() && text[i] != '*')
      shown += text[i];
  }
  CHECK(utf16_length(shown) == telegram_max_text);
  CHECK(text.substr(text.size() - 3) == "\xE2\x80\xA6");
  auto emoji = std::string{"\xF0\x9F\x8F\x88"};
  std::string many;
  for (int i = 0; i < 3000; ++i)
    many += emoji;
  auto cut = telegram_text(many);
  CHECK(utf16_length(cut) <= telegram_max_text);
  CHECK(cut.size() % 4 == 3); // whole emoji plus the 3-byte ellipsis
}

TEST_CASE("chat ids and tokens are checked before anything is sent", "[notify]") {
  CHECK(valid_telegram_chat_id("-1001234567890"));
  CHECK(valid_telegram_chat_id("123456789"));
  CHECK(valid_telegram_chat_id("@playclock_alerts"));
  CHECK_FALSE(valid_telegram_chat_id(""));
  CHECK_FALSE(valid_telegram_chat_id("0"));
  CHECK_FALSE(valid_telegram_chat_id("@"));
  CHECK_FALSE(valid_telegram_chat_id("+123"));
  CHECK_FALSE(valid_telegram_chat_id("12 34"));
  CHECK_FALSE(valid_telegram_chat_id("@bad name"));
  CHECK_FALSE(valid_telegram_chat_id("https://t.me/x"));
  CHECK(valid_telegram_token(token));
  CHECK_FALSE(valid_telegram_token(""));
  CHECK_FALSE(valid_telegram_token("123/../x"));
  CHECK_FALSE(valid_telegram_token("123 456"));

  bot_api api;
  api.receiver.answer(200, success_body());
  auto opts = api.options();
  auto out = send_telegram(opts, "not a chat", "hello");
  CHECK(out.what == kind::reject);
  CHECK_THAT(out.detail, Catch::Contains("chat id"));
  opts.token.clear();
  out = send_telegram(opts, "-100123", "hello");
  CHECK(out.what == kind::reject);
  CHECK_THAT(out.detail, Catch::Contains("token"));
  opts = api.options();
  opts.base_url = "ftp://127.0.0.1";
  out = send_telegram(opts, "-100123", "hello");
  CHECK(out.what == kind::reject);
  CHECK_THAT(out.detail, Catch::Contains("base_url"));
  CHECK_FALSE(Catch::Contains(token).match(out.detail));
  CHECK(api.receiver.requests().empty());
}

TEST_CASE("send_telegram posts sendMessage with escaped MarkdownV2 and reports sent", "[notify]") {
  bot_api api;
  api.receiver.answer(200, success_body());
  auto out =
      send_telegram(api.options(), "-1001234567890",
                    "Chiefs 21-17 Bills (Q3 8:24) at St. Louis! \xF0\x9F\x8F\x88", "KC score");
  CHECK(out.what == kind::sent);
  CHECK(out.status == 200);

  auto seen = api.receiver.requests();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].method == "POST");
  CHECK(seen[0].path == "/bot" + token + "/sendMessage");
  CHECK_THAT(seen[0].header("content-type").value_or(""), Catch::StartsWith("application/json"));
  auto doc = parse(seen[0].body);
  REQUIRE(doc["chat_id"].IsInt64());
  CHECK(doc["chat_id"].GetInt64() == -1001234567890);
  CHECK(std::string{doc["text"].GetString()} ==
        "*KC score*\nChiefs 21\\-17 Bills \\(Q3 8:24\\) at St\\. Louis\\! \xF0\x9F\x8F\x88");
  CHECK(std::string{doc["parse_mode"].GetString()} == "MarkdownV2");
  REQUIRE(doc["link_preview_options"].IsObject());
  CHECK(doc["link_preview_options"]["is_disabled"].GetBool());
}

TEST_CASE("a username chat id is sent as a JSON string", "[notify]") {
  bot_api api;
  api.receiver.answer(200, success_body());
  CHECK(send_telegram(api.options(), "@playclock_alerts", "hi").what == kind::sent);
  auto seen = api.receiver.requests();
  REQUIRE(seen.size() == 1);
  auto doc = parse(seen[0].body);
  REQUIRE(doc["chat_id"].IsString());
  CHECK(std::string{doc["chat_id"].GetString()} == "@playclock_alerts");
}

TEST_CASE("every field of the request is a sendMessage parameter of the real Bot API spec",
          "[notify]") {
  auto spec_text = read_realdata("botapi_spec_subset_sendMessage.json");
  if (!spec_text) {
    WARN("skipped: telegram/botapi_spec_subset_sendMessage.json not found under "
         << test::realdata_expected_dir());
    return;
  }
  auto spec = parse(*spec_text);
  std::set<std::string> fields;
  for (auto& f : spec["methods"]["sendMessage"]["fields"].GetArray())
    fields.insert(f["name"].GetString());
  std::set<std::string> options;
  for (auto& f : spec["types"]["LinkPreviewOptions"]["fields"].GetArray())
    options.insert(f["name"].GetString());

  telegram_options opts;
  opts.token = token;
  auto req = telegram_request(opts, "-100123", "x", "t");
  CHECK(req.method == "POST");
  CHECK(req.url == "https://api.telegram.org/bot" + token + "/sendMessage");
  auto body = parse(req.body);
  for (auto& m : body.GetObject())
    CHECK(fields.count(m.name.GetString()) == 1);
  for (auto& m : body["link_preview_options"].GetObject())
    CHECK(options.count(m.name.GetString()) == 1);
  for (const char* required : {"chat_id", "text"})
    CHECK(body.HasMember(required));
}

TEST_CASE("a 429 from the Bot API is retry after parameters.retry_after", "[notify]") {
  struct sample {
    std::string file;
    std::chrono::seconds retry_after;
  };
  for (auto& s : {sample{"error_429_cloudflare-imgbed_issue562.json", 41s},
                  sample{"error_429_tdlib-telegram-bot-api_issue184.json", 2282s}}) {
    auto body = read_realdata(s.file);
    if (!body) {
      WARN("skipped: telegram/" << s.file << " not found under " << test::realdata_expected_dir());
      continue;
    }
    bot_api api;
    api.receiver.answer(429, *body);
    auto out = send_telegram(api.options(), "-100123", "hello");
    CAPTURE(s.file);
    CHECK(out.what == kind::retry);
    CHECK(out.status == 429);
    CHECK(out.retry_after == s.retry_after);
    CHECK_THAT(out.detail, Catch::Contains("Too Many Requests"));
    CHECK(api.receiver.requests().size() == 1);
  }
}

TEST_CASE("a legacy 429 with the wait only in its description is retry after it", "[notify]") {
  auto body = read_realdata("error_429_legacy_no_parameters_2016.json");
  if (!body) {
    WARN("skipped: telegram/error_429_legacy_no_parameters_2016.json not found under "
         << test::realdata_expected_dir());
    return;
  }
  bot_api api;
  api.receiver.answer(429, *body);
  auto out = send_telegram(api.options(), "-100123", "hello");
  CHECK(out.what == kind::retry);
  CHECK(out.retry_after == 3s);
  // The same with a wait of 134 s, as in the description the brief quotes.
  auto legacy = classify_telegram(response(
      429, R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 134"})"));
  CHECK(legacy.what == kind::retry);
  CHECK(legacy.retry_after == 134s);
}

TEST_CASE("a 500 from the Bot API is retry", "[notify]") {
  bot_api api;
  api.receiver.answer(500,
                      R"({"ok":false,"error_code":500,"description":"Internal Server Error"})");
  auto out = send_telegram(api.options(), "-100123", "hello");
  CHECK(out.what == kind::retry);
  CHECK(out.status == 500);
  CHECK(out.retry_after == 0s);
  // A proxy's 502 page is no Bot API answer: retry too.
  api.receiver.answer(502, "<html><body>Bad Gateway</body></html>", {}, "text/html");
  out = send_telegram(api.options(), "-100123", "hello");
  CHECK(out.what == kind::retry);
  CHECK(out.status == 502);
  CHECK_THAT(out.detail, Catch::Contains("Bad Gateway"));
}

TEST_CASE("a 400 chat not found is reject with the description", "[notify]") {
  bot_api api;
  api.receiver.answer(
      400, R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})");
  auto out = send_telegram(api.options(), "-100123", "hello");
  CHECK(out.what == kind::reject);
  CHECK(out.status == 400);
  CHECK(out.detail == "telegram: 400 Bad Request: chat not found");
}

TEST_CASE("a 403 bot blocked is reject", "[notify]") {
  bot_api api;
  api.receiver.answer(
      403,
      R"({"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"})");
  auto out = send_telegram(api.options(), "12345", "hello");
  CHECK(out.what == kind::reject);
  CHECK(out.status == 403);
  CHECK_THAT(out.detail, Catch::Contains("bot was blocked by the user"));
}

TEST_CASE("a Bot API that does not answer in time is retry", "[notify]") {
  bot_api api;
  api.receiver.hang();
  auto opts = api.options();
  opts.timeout = 300ms;
  auto start = std::chrono::steady_clock::now();
  auto out = send_telegram(opts, "-100123", "hello");
  auto took = std::chrono::steady_clock::now() - start;
  CHECK(out.what == kind::retry);
  CHECK(out.status == 0);
  CHECK_THAT(out.detail, Catch::Contains("timeout"));
  CHECK_FALSE(Catch::Contains(token).match(out.detail));
  CHECK(took >= 250ms);
  CHECK(took < 3s);
  CHECK(api.receiver.requests().size() == 1);
}

TEST_CASE("a refused connection is retry", "[notify]") {
  std::string base;
  {
    bot_api gone;
    base = gone.receiver.url();
  } // stopped: nothing listens there now
  telegram_options opts;
  opts.base_url = base;
  opts.token = token;
  opts.timeout = 1s;
  auto out = send_telegram(opts, "-100123", "hello");
  CHECK(out.what == kind::retry);
  CHECK_THAT(out.detail, Catch::Contains("connect"));
}

TEST_CASE("the token never shows in a detail, even when a server echoes the URL", "[notify]") {
  // A wrong path on the stand-in: the router's 404 problem names the path.
  test::fake_receiver other{"POST", "/elsewhere"};
  telegram_options opts;
  opts.base_url = other.url();
  opts.token = token;
  opts.timeout = 2s;
  auto out = send_telegram(opts, "-100123", "hello");
  CHECK(out.what == kind::reject);
  CHECK(out.status == 404);
  CHECK_FALSE(Catch::Contains(token).match(out.detail));
  INFO(out.detail);
  // An echo of the URL in a Bot API description is redacted too.
  bot_api api;
  api.receiver.answer(400, R"({"ok":false,"error_code":400,"description":"bad path /bot)" + token +
                               R"(/sendMessage"})");
  out = send_telegram(api.options(), "-100123", "hello");
  CHECK(out.what == kind::reject);
  CHECK_FALSE(Catch::Contains(token).match(out.detail));
  CHECK_THAT(out.detail, Catch::Contains("<redacted>"));
}

TEST_CASE("classify_telegram reads odd answers safely", "[notify]") {
  CHECK(classify_telegram(response(200, success_body())).what == kind::sent);
  // 200 without a Bot API answer (a captive portal): nothing was sent.
  CHECK(classify_telegram(response(200, "<html>login</html>")).what == kind::retry);
  CHECK(classify_telegram(response(200, "")).what == kind::retry);
  CHECK(classify_telegram(response(200, R"({"ok":"yes"})")).what == kind::retry);
  CHECK(classify_telegram(response(404, "")).what == kind::reject);
  CHECK(classify_telegram(response(401, R"({"ok":false,"error_code":401,)"
                                        R"("description":"Unauthorized"})"))
            .what == kind::reject);
  auto empty429 = classify_telegram(response(429, "", {{"retry-after", "7"}}));
  CHECK(empty429.what == kind::retry);
  CHECK(empty429.retry_after == 7s);
  auto huge = classify_telegram(
      response(429, R"({"ok":false,"error_code":429,"parameters":{"retry_after":99999999}})"));
  CHECK(huge.what == kind::retry);
  CHECK(huge.retry_after == max_retry_after);
  auto migrated = classify_telegram(response(
      400, R"({"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded)"
           R"( to a supergroup chat","parameters":{"migrate_to_chat_id":-1001234567890}})"));
  CHECK(migrated.what == kind::reject);
  CHECK_THAT(migrated.detail, Catch::Contains("-1001234567890"));
  auto invalid_utf8 = classify_telegram(
      response(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad \xFF Request\"}"));
  CHECK(invalid_utf8.what == kind::reject);
  CHECK(invalid_utf8.detail == "telegram: 400 Bad \xEF\xBF\xBD Request");
}
