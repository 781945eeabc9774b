#include "adapters/notify/webhook.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "adapters/http/url.hpp"
#include "adapters/notify/markdown.hpp"
#include "adapters/sports/timestamp.hpp"

namespace playclock::notify {

namespace {

constexpr const char* channel_name = "webhook";

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(writer& w, const char* key, std::string_view value) {
  w.Key(key);
  auto clean = sanitize_utf8(value);
  w.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
}

std::string hmac_hex(std::string_view secret, std::string_view timestamp, std::string_view body) {
  std::string message;
  message.reserve(timestamp.size() + 1 + body.size());
  message.append(timestamp).append(1, '.').append(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  // A zero-length key is allowed; HMAC wants a non-null pointer for it.
  static const unsigned char empty_key = 0;
  const void* key = secret.empty() ? static_cast<const void*>(&empty_key)
                                   : static_cast<const void*>(secret.data());
  if (HMAC(EVP_sha256(), key, static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac,
           &mac_len) == nullptr)
    return {};
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(std::size_t{mac_len} * 2);
  for (unsigned int i = 0; i < mac_len; ++i) {
    hex += digits[mac[i] >> 4];
    hex += digits[mac[i] & 0x0f];
  }
  return hex;
}

bool header_safe(std::string_view value) {
  for (char c : value)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return false;
  return true;
}

} // namespace

std::string webhook_body(const alerts::alert& a, std::int64_t unix_time) {
  rapidjson::StringBuffer buf;
  writer w{buf};
  w.StartObject();
  put(w, "id", a.id);
  put(w, "tenant", a.tenant);
  w.Key("rule_id");
  w.Int64(a.rule_id);
  put(w, "type", alerts::to_string(a.type));
  put(w, "key", a.key);
  put(w, "priority", alerts::to_string(a.level));
  put(w, "message", a.message);
  w.Key("payload");
  auto first = a.payload_json.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    w.StartObject();
    w.EndObject();
  } else {
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseValidateEncodingFlag>(a.payload_json.data(), a.payload_json.size());
    if (doc.HasParseError()) {
      w.Null();
      put(w, "payload_raw", a.payload_json);
    } else {
      // Verbatim, so numbers keep the exact text the router wrote.
      w.RawValue(a.payload_json.data(), a.payload_json.size(), doc.GetType());
    }
  }
  put(w, "sent_at", sports::utc_timestamp(unix_time));
  if (a.detected_at_ms > 0) {
    w.Key("detected_at_ms");
    w.Int64(a.detected_at_ms);
  }
  w.EndObject();
  return {buf.GetString(), buf.GetSize()};
}

std::string webhook_signature(std::string_view secret, std::string_view timestamp,
                              std::string_view body) {
  return "sha256=" + hmac_hex(secret, timestamp, body);
}

bool verify_webhook_signature(std::string_view secret, std::string_view timestamp,
                              std::string_view body, std::string_view header) {
  constexpr std::string_view scheme = "sha256=";
  if (header.size() < scheme.size() || header.substr(0, scheme.size()) != scheme)
    return false;
  std::string given{header.substr(scheme.size())};
  for (auto& c : given)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto expected = hmac_hex(secret, timestamp, body);
  // The length of a SHA-256 digest is no secret; the bytes are compared in
  // constant time.
  if (expected.empty() || given.size() != expected.size())
    return false;
  return CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

bool verify_webhook(std::string_view secret, std::string_view timestamp, std::string_view body,
                    std::string_view header, std::int64_t now_unix,
                    std::chrono::seconds tolerance) {
  std::int64_t stamp = 0;
  auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), stamp);
  if (timestamp.empty() || ec != std::errc{} || end != timestamp.data() + timestamp.size())
    return false;
  if (stamp < now_unix - tolerance.count() || stamp > now_unix + tolerance.count())
    return false;
  return verify_webhook_signature(secret, timestamp, body, header);
}

http::client_request webhook_request(const webhook_options& opts, const std::string& url,
                                     const alerts::alert& a, std::int64_t unix_time) {
  http::client_request req;
  req.method = "POST";
  req.url = url;
  req.body = webhook_body(a, unix_time);
  auto stamp = std::to_string(unix_time);
  req.headers.emplace_back("Content-Type", "application/json");
  req.headers.emplace_back("Idempotency-Key", a.id);
  req.headers.emplace_back("X-Playclock-Timestamp", stamp);
  req.headers.emplace_back("X-Playclock-Signature",
                           webhook_signature(opts.secret, stamp, req.body));
  req.timeout = opts.timeout;
  req.ca_file = opts.ca_file;
  req.body_limit = 1 << 20;
  return req;
}

delivery_outcome classify_webhook(const http::client_response& res) {
  delivery_outcome out;
  out.status = res.status;
  if (res.status >= 200 && res.status < 300) {
    out.what = delivery_outcome::kind::sent;
    return out;
  }
  out.detail = std::string{channel_name} + ": HTTP " + std::to_string(res.status);
  if (res.status >= 300 && res.status < 400) {
    out.detail += " (redirects are not followed; configure the final URL)";
  } else if (!res.body.empty()) {
    out.detail += ": " + body_excerpt(res.body);
  }
  if (res.status == 408 || res.status == 429 || res.status >= 500) {
    out.what = delivery_outcome::kind::retry;
    if (res.status == 429 || res.status == 503)
      out.retry_after = retry_after_header(res);
  } else {
    out.what = delivery_outcome::kind::reject;
  }
  return out;
}

delivery_outcome send_webhook(const webhook_options& opts, const std::string& url,
                              const alerts::alert& a, std::int64_t unix_time) {
  delivery_outcome bad;
  bad.what = delivery_outcome::kind::reject;
  if (!http::parse_url(url)) {
    bad.detail = "webhook: target is not an http:// or https:// URL";
    return bad;
  }
  if (!header_safe(a.id)) {
    bad.detail = "webhook: alert id has control characters (cannot be an Idempotency-Key)";
    return bad;
  }
  auto res = http::fetch(webhook_request(opts, url, a, unix_time));
  if (auto* err = std::get_if<http::client_error>(&res))
    return outcome_of(*err, channel_name);
  return classify_webhook(std::get<http::client_response>(res));
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

} // namespace playclock::notify
