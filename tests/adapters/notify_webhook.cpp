#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include <rapidjson/document.h>

#include "adapters/notify/webhook.hpp"
#include "tests/adapters/notify_receiver.hpp"

using namespace playclock;
using namespace playclock::notify;
using namespace std::chrono_literals;
using kind = delivery_outcome::kind;

namespace {

const std::string secret = "whsec_9f8e7d6c5b4a";
constexpr std::int64_t sent_time = 1726592541; // 2024-09-17T17:02:21Z

alerts::alert sample_alert() {
  alerts::alert a;
  a.id = "r7:score:401547417:KC:play-4015474171234";
  a.tenant = "acme";
  a.rule_id = 7;
  a.type = alerts::alert_type::score;
  a.key = "401547417:KC";
  a.level = alerts::priority::high;
  a.via = alerts::channel::webhook;
  a.message = "Chiefs 21 @ Bills 17 - Chiefs score 7 points! Q3 8:24 \xF0\x9F\x8F\x88";
  a.payload_json = R"({"game_id":"401547417","home":17,"away":21,"prob":0.625,"tags":["scoring"]})";
  return a;
}

struct hook {
  test::fake_receiver receiver{"POST", "/hooks/{name}"};

  webhook_options options() const {
    webhook_options opts;
    opts.secret = secret;
    opts.timeout = 2s;
    return opts;
  }
  std::string url() const { return receiver.url("/hooks/acme?token=abc"); }
};

rapidjson::Document parse(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  return doc;
}

std::string str(const rapidjson::Value& v) {
  return {v.GetString(), v.GetStringLength()};
}

http::client_response response(int status, std::string body = {}, http::header_list headers = {}) {
  http::client_response res;
  res.status = status;
  res.body = std::move(body);
  res.headers = std::move(headers);
  return res;
}

} // namespace

TEST_CASE("webhook signatures are HMAC-SHA256 over timestamp, dot and body", "[notify]") {
  // Reference values from Python's hmac module.
  CHECK(webhook_signature("whsec_test", "1700000000", R"({"id":"a1"})") ==
        "sha256=ecac3db019d6961feb250a8b04713734da314547cb15baf31dc562e57aa8c202");
  CHECK(webhook_signature("", "1", "x") ==
        "sha256=d356c76f2be16120eca994746a279fd612267e791d245c4745ebbf0f98fc31f2");
  auto sig = webhook_signature("whsec_test", "1700000000", R"({"id":"a1"})");
  CHECK(verify_webhook_signature("whsec_test", "1700000000", R"({"id":"a1"})", sig));
  std::string upper = "sha256=ECAC3DB019D6961FEB250A8B04713734DA314547CB15BAF31DC562E57AA8C202";
  CHECK(verify_webhook_signature("whsec_test", "1700000000", R"({"id":"a1"})", upper));
  CHECK_FALSE(verify_webhook_signature("whsec_tesT", "1700000000", R"({"id":"a1"})", sig));
  CHECK_FALSE(verify_webhook_signature("whsec_test", "1700000001", R"({"id":"a1"})", sig));
  CHECK_FALSE(verify_webhook_signature("whsec_test", "1700000000", R"({"id":"a2"})", sig));
  CHECK_FALSE(verify_webhook_signature("whsec_test", "1700000000", R"({"id":"a1"})",
                                       sig.substr(7))); // no "sha256="
  CHECK_FALSE(verify_webhook_signature("whsec_test", "1700000000", R"({"id":"a1"})",
                                       sig.substr(0, sig.size() - 1)));
  CHECK_FALSE(verify_webhook_signature("whsec_test", "1700000000", R"({"id":"a1"})", ""));
}

TEST_CASE("verify_webhook refuses stale and future timestamps", "[notify]") {
  auto body = std::string{R"({"a":1})"};
  auto sig = webhook_signature(secret, "1000000", body);
  CHECK(verify_webhook(secret, "1000000", body, sig, 1000000));
  CHECK(verify_webhook(secret, "1000000", body, sig, 1000300));
  CHECK_FALSE(verify_webhook(secret, "1000000", body, sig, 1000301));
  CHECK_FALSE(verify_webhook(secret, "1000000", body, sig, 999699));
  CHECK_FALSE(verify_webhook(secret, "1000000x", body, sig, 1000000));
  CHECK_FALSE(verify_webhook(secret, "", body, sig, 1000000));
}

TEST_CASE("send_webhook posts a signed alert the receiver can verify", "[notify]") {
  hook h;
  h.receiver.answer(204, "");
  auto a = sample_alert();
  auto out = send_webhook(h.options(), h.url(), a, sent_time);
  CHECK(out.what == kind::sent);
  CHECK(out.status == 204);

  auto seen = h.receiver.requests();
  REQUIRE(seen.size() == 1);
  auto& req = seen[0];
  CHECK(req.method == "POST");
  CHECK(req.path == "/hooks/acme");
  CHECK(req.query_param("token") == "abc");
  CHECK_THAT(req.header("content-type").value_or(""), Catch::StartsWith("application/json"));
  CHECK(req.header("idempotency-key") == a.id);
  REQUIRE(req.header("x-playclock-timestamp"));
  CHECK(*req.header("x-playclock-timestamp") == std::to_string(sent_time));
  auto sig = req.header("x-playclock-signature");
  REQUIRE(sig);
  CHECK_THAT(*sig, Catch::StartsWith("sha256="));
  CHECK(verify_webhook_signature(secret, *req.header("x-playclock-timestamp"), req.body, *sig));
  CHECK(
      verify_webhook(secret, *req.header("x-playclock-timestamp"), req.body, *sig, sent_time + 5));
  CHECK_FALSE(verify_webhook_signature("another secret", *req.header("x-playclock-timestamp"),
                                       req.body, *sig));
  auto tampered = req.body;
  tampered.replace(tampered.find("acme"), 4, "evil");
  CHECK_FALSE(
      verify_webhook_signature(secret, *req.header("x-playclock-timestamp"), tampered, *sig));

  auto doc = parse(req.body);
  CHECK(str(doc["id"]) == a.id);
  CHECK(str(doc["tenant"]) == "acme");
  CHECK(doc["rule_id"].GetInt64() == 7);
  CHECK(str(doc["type"]) == "score");
  CHECK(str(doc["key"]) == "401547417:KC");
  CHECK(str(doc["priority"]) == "high");
  CHECK(str(doc["message"]) == a.message);
  REQUIRE(doc["payload"].IsObject());
  CHECK(str(doc["payload"]["game_id"]) == "401547417");
  CHECK(doc["payload"]["away"].GetInt() == 21);
  CHECK(doc["payload"]["prob"].GetDouble() == Approx(0.625));
  CHECK(doc["payload"]["tags"].IsArray());
  CHECK(str(doc["sent_at"]) == "2024-09-17T17:02:21Z");
  CHECK(doc.MemberCount() == 9);
}

TEST_CASE("the webhook body keeps a bad payload as text and an empty one as {}", "[notify]") {
  auto a = sample_alert();
  a.payload_json = "{\"unterminated\": ";
  auto bad = parse(webhook_body(a, sent_time));
  CHECK(bad["payload"].IsNull());
  CHECK(str(bad["payload_raw"]) == a.payload_json);
  a.payload_json = "  ";
  auto empty = parse(webhook_body(a, sent_time));
  REQUIRE(empty["payload"].IsObject());
  CHECK(empty["payload"].MemberCount() == 0);
  a.payload_json = R"({"a":1} {"b":2})"; // two documents: not valid JSON
  CHECK(parse(webhook_body(a, sent_time))["payload"].IsNull());
  a.payload_json = "{}";
  a.message = "bad \xFF byte";
  auto doc = parse(webhook_body(a, sent_time));
  CHECK(str(doc["message"]) == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("a webhook 429 is retry after its Retry-After seconds", "[notify]") {
  hook h;
  h.receiver.answer(429, R"({"error":"slow down"})", {{"Retry-After", "30"}});
  auto out = send_webhook(h.options(), h.url(), sample_alert(), sent_time);
  CHECK(out.what == kind::retry);
  CHECK(out.status == 429);
  CHECK(out.retry_after == 30s);
  CHECK_THAT(out.detail, Catch::Contains("429"));
  // An HTTP date is not read: no wait given, the backoff decides.
  h.receiver.answer(429, "", {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}});
  out = send_webhook(h.options(), h.url(), sample_alert(), sent_time);
  CHECK(out.what == kind::retry);
  CHECK(out.retry_after == 0s);
}

TEST_CASE("webhook 5xx and 408 are retry, other 4xx and redirects reject", "[notify]") {
  hook h;
  for (int status : {500, 502, 503, 408}) {
    h.receiver.answer(status, "oops", {}, "text/plain");
    auto out = send_webhook(h.options(), h.url(), sample_alert(), sent_time);
    CAPTURE(status);
    CHECK(out.what == kind::retry);
    CHECK(out.status == status);
    CHECK(out.detail == "webhook: HTTP " + std::to_string(status) + ": oops");
  }
  for (int status : {400, 401, 403, 404, 410, 422}) {
    h.receiver.answer(status, "no", {}, "text/plain");
    auto out = send_webhook(h.options(), h.url(), sample_alert(), sent_time);
    CAPTURE(status);
    CHECK(out.what == kind::reject);
    CHECK(out.status == status);
  }
  h.receiver.answer(301, "", {{"Location", "https://example.com/"}});
  auto out = send_webhook(h.options(), h.url(), sample_alert(), sent_time);
  CHECK(out.what == kind::reject);
  CHECK_THAT(out.detail, Catch::Contains("redirect"));
  CHECK(h.receiver.requests().size() == 11);
}

TEST_CASE("classify_webhook reads statuses without a server", "[notify]") {
  CHECK(classify_webhook(response(200)).what == kind::sent);
  CHECK(classify_webhook(response(202, "queued")).what == kind::sent);
  auto busy = classify_webhook(response(503, "", {{"retry-after", " 12 "}}));
  CHECK(busy.what == kind::retry);
  CHECK(busy.retry_after == 12s);
  CHECK(classify_webhook(response(500, "", {{"retry-after", "12"}})).retry_after == 0s);
  CHECK(classify_webhook(response(429, "", {{"retry-after", "-5"}})).retry_after == 0s);
  CHECK(
      classify_webhook(response(429, "", {{"retry-after", "99999999999999999999"}})).retry_after ==
      max_retry_after);
  auto long_body = classify_webhook(response(500, std::string(5000, 'x')));
  CHECK(long_body.detail.size() < 260);
}

TEST_CASE("a webhook receiver that does not answer in time is retry", "[notify]") {
  hook h;
  h.receiver.hang();
  auto opts = h.options();
  opts.timeout = 300ms;
  auto start = std::chrono::steady_clock::now();
  auto out = send_webhook(opts, h.url(), sample_alert(), sent_time);
  auto took = std::chrono::steady_clock::now() - start;
  CHECK(out.what == kind::retry);
  CHECK(out.status == 0);
  CHECK_THAT(out.detail, Catch::Contains("timeout"));
  CHECK(took >= 250ms);
  CHECK(took < 3s);
  CHECK(h.receiver.requests().size() == 1);
}

TEST_CASE("only http and https webhook URLs are used", "[notify]") {
  hook h;
  h.receiver.answer(200, "");
  for (std::string url : {"ftp://127.0.0.1/x", "mailto:ops@example.com", "", "127.0.0.1/hooks/x",
                          "file:///etc/passwd", "javascript:alert(1)", "http://"}) {
    auto out = send_webhook(h.options(), url, sample_alert(), sent_time);
    CAPTURE(url);
    CHECK(out.what == kind::reject);
    CHECK(out.status == 0);
    CHECK_THAT(out.detail, Catch::Contains("http:// or https://"));
  }
  CHECK(h.receiver.requests().empty());
  auto out = send_webhook(h.options(), h.url(), sample_alert(), sent_time);
  CHECK(out.what == kind::sent);
}

TEST_CASE("an alert id that cannot be a header is reject, not a broken request", "[notify]") {
  hook h;
  h.receiver.answer(200, "");
  auto a = sample_alert();
  a.id = "x\r\nX-Injected: 1";
  auto out = send_webhook(h.options(), h.url(), a, sent_time);
  CHECK(out.what == kind::reject);
  CHECK(h.receiver.requests().empty());
}
