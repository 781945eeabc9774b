#include "adapters/notify/telegram.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <optional>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "adapters/http/url.hpp"
#include "adapters/notify/markdown.hpp"

namespace playclock::notify {

namespace {

constexpr std::size_t max_title = 256;
constexpr const char* channel_name = "telegram";

std::optional<std::int64_t> integer_chat_id(std::string_view s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty() || s.front() == '+')
    return std::nullopt;
  return v;
}

// "Too Many Requests: retry after 134" -> 134 (older Bot API servers sent no
// parameters object).
std::chrono::seconds retry_after_in(std::string_view description) {
  constexpr std::string_view marker = "retry after ";
  auto at = description.find(marker);
  if (at == std::string_view::npos)
    return std::chrono::seconds{0};
  long long seconds = 0;
  bool any = false;
  for (auto i = at + marker.size(); i < description.size(); ++i) {
    auto c = description[i];
    if (!std::isdigit(static_cast<unsigned char>(c)))
      break;
    any = true;
    seconds = seconds * 10 + (c - '0');
    if (seconds > max_retry_after.count())
      return max_retry_after;
  }
  return any ? std::chrono::seconds{seconds} : std::chrono::seconds{0};
}

std::chrono::seconds clamp_seconds(std::int64_t s) {
  if (s <= 0)
    return std::chrono::seconds{0};
  return std::min(std::chrono::seconds{s}, max_retry_after);
}

bool retryable_status(int status) {
  return status == 408 || status == 429 || status >= 500;
}

std::string redact(std::string text, const std::string& token) {
  if (token.empty())
    return text;
  for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at))
    text.replace(at, token.size(), "<redacted>");
  return text;
}

} // namespace

std::string telegram_text(std::string_view text, std::string_view title) {
  std::string out;
  std::size_t budget = telegram_max_text;
  if (!title.empty()) {
    auto t = truncate_utf16(sanitize_utf8(title), max_title);
    budget -= utf16_length(t) + 1; // the title and the line break
    out = "*" + escape_markdown_v2(t) + "*\n";
  }
  out += escape_markdown_v2(truncate_utf16(sanitize_utf8(text), budget));
  return out;
}

bool valid_telegram_chat_id(std::string_view chat_id) {
  if (integer_chat_id(chat_id))
    return chat_id != "0" && chat_id != "-0";
  if (chat_id.size() < 2 || chat_id.size() > 65 || chat_id.front() != '@')
    return false;
  for (char c : chat_id.substr(1))
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
      return false;
  return true;
}

bool valid_telegram_token(std::string_view token) {
  if (token.empty())
    return false;
  for (char c : token)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != ':' && c != '-')
      return false;
  return true;
}

http::client_request telegram_request(const telegram_options& opts, const std::string& chat_id,
                                      const std::string& text, std::string_view title) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartObject();
  w.Key("chat_id");
  if (auto id = integer_chat_id(chat_id))
    w.Int64(*id);
  else
    w.String(sanitize_utf8(chat_id));
  w.Key("text");
  w.String(telegram_text(text, title));
  w.Key("parse_mode");
  w.String("MarkdownV2");
  w.Key("link_preview_options");
  w.StartObject();
  w.Key("is_disabled");
  w.Bool(true);
  w.EndObject();
  w.EndObject();

  std::string base = opts.base_url;
  while (!base.empty() && base.back() == '/')
    base.pop_back();
  http::client_request req;
  req.method = "POST";
  req.url = base + "/bot" + opts.token + "/sendMessage";
  req.headers.emplace_back("Content-Type", "application/json");
  req.body.assign(buf.GetString(), buf.GetSize());
  req.timeout = opts.timeout;
  req.ca_file = opts.ca_file;
  req.body_limit = 1 << 20;
  return req;
}

delivery_outcome classify_telegram(const http::client_response& res) {
  delivery_outcome out;
  out.status = res.status;
  auto prefix = std::string{channel_name} + ": ";

  rapidjson::Document doc;
  doc.Parse(res.body.data(), res.body.size());
  bool api_answer =
      !doc.HasParseError() && doc.IsObject() && doc.HasMember("ok") && doc["ok"].IsBool();
  if (!api_answer) {
    auto what = "HTTP " + std::to_string(res.status) + " without a Bot API answer";
    if (!res.body.empty())
      what += ": " + body_excerpt(res.body);
    out.detail = prefix + what;
    if (retryable_status(res.status) || (res.status >= 200 && res.status < 300)) {
      out.what = delivery_outcome::kind::retry;
      if (res.status == 429 || res.status == 503)
        out.retry_after = retry_after_header(res);
    } else {
      out.what = delivery_outcome::kind::reject;
    }
    return out;
  }

  if (doc["ok"].GetBool() && res.status >= 200 && res.status < 300) {
    out.what = delivery_outcome::kind::sent;
    return out;
  }

  int code = res.status;
  if (doc.HasMember("error_code") && doc["error_code"].IsInt())
    code = doc["error_code"].GetInt();
  std::string description;
  if (doc.HasMember("description") && doc["description"].IsString())
    description = sanitize_utf8(
        std::string_view{doc["description"].GetString(), doc["description"].GetStringLength()});
  out.detail = prefix + std::to_string(code) + " " +
               (description.empty() ? std::string{"(no description)"} : description);

  const rapidjson::Value* params = nullptr;
  if (doc.HasMember("parameters") && doc["parameters"].IsObject())
    params = &doc["parameters"];

  if (code == 429 || res.status == 429) {
    out.what = delivery_outcome::kind::retry;
    if (params && params->HasMember("retry_after") && (*params)["retry_after"].IsInt64())
      out.retry_after = clamp_seconds((*params)["retry_after"].GetInt64());
    if (out.retry_after.count() == 0)
      out.retry_after = retry_after_in(description);
    if (out.retry_after.count() == 0)
      out.retry_after = retry_after_header(res);
    return out;
  }
  if (params && params->HasMember("migrate_to_chat_id") &&
      (*params)["migrate_to_chat_id"].IsInt64())
    out.detail += " (the group is now chat " +
                  std::to_string((*params)["migrate_to_chat_id"].GetInt64()) + ")";
  // ok:true with a non-2xx status, or ok:false with any status: the code decides.
  out.what = retryable_status(code) || retryable_status(res.status)
                 ? delivery_outcome::kind::retry
                 : delivery_outcome::kind::reject;
  return out;
}

delivery_outcome send_telegram(const telegram_options& opts, const std::string& chat_id,
                               const std::string& text, std::string_view title) {
  delivery_outcome bad;
  bad.what = delivery_outcome::kind::reject;
  if (!valid_telegram_token(opts.token)) {
    bad.detail =
        opts.token.empty() ? "telegram: no bot token configured" : "telegram: malformed bot token";
    return bad;
  }
  if (!valid_telegram_chat_id(chat_id)) {
    bad.detail = "telegram: malformed chat id \"" + body_excerpt(chat_id, 80) +
                 "\" (an integer or @username)";
    return bad;
  }
  auto req = telegram_request(opts, chat_id, text, title);
  auto parsed = http::parse_url(req.url);
  if (!parsed) {
    bad.detail = "telegram: base_url is not an http:// or https:// URL";
    return bad;
  }
  auto res = http::fetch(req);
  delivery_outcome out;
  if (auto* err = std::get_if<http::client_error>(&res))
    out = outcome_of(*err, channel_name);
  else
    out = classify_telegram(std::get<http::client_response>(res));
  out.detail = redact(std::move(out.detail), opts.token);
  return out;
}

} // namespace playclock::notify
