#pragma once
// The Telegram Bot API notifier: one sendMessage call per alert, in
// MarkdownV2 with the alert text escaped (the text is plain; nothing in it is
// ever markup). Blocking: call it from a detached actor or an I/O pool.
//
//   telegram_options opts;
//   opts.token = config.telegram_token;
//   auto out = send_telegram(opts, "-1001234567890", alert.message, "Score");
//   if (out.what == delivery_outcome::kind::retry) ... next_retry(policy, ...)

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "adapters/http/client.hpp"
#include "adapters/notify/outcome.hpp"

namespace playclock::notify {

/// Where and how to reach the Bot API.
struct telegram_options {
  /// Scheme, host and optional port (a trailing '/' is ignored); tests point
  /// it at a local server.
  std::string base_url = "https://api.telegram.org";
  /// The bot token, "123456:ABC-DEF...": a secret, never logged and never in
  /// a delivery_outcome's detail.
  std::string token;
  /// For the whole exchange.
  std::chrono::milliseconds timeout{10000};
  /// A PEM file of CA certificates to trust instead of the system's (https).
  std::string ca_file;
};

/// The most UTF-16 code units Telegram accepts in a message text after
/// entity parsing.
inline constexpr std::size_t telegram_max_text = 4096;

/// The MarkdownV2 text of a message: the title (if not empty) in bold on the
/// first line, then the text; both are plain text and escaped here
/// (escape_markdown_v2). The text is cut with "…" so that the message shows
/// at most telegram_max_text characters; the title at most 256.
std::string telegram_text(std::string_view text, std::string_view title = {});

/// True for a chat id the Bot API can take: an integer ("-1001234567890",
/// "123456789") or a public username ("@playclock_alerts").
bool valid_telegram_chat_id(std::string_view chat_id);

/// True for a token that can go into the URL path: not empty, only
/// [A-Za-z0-9_:-].
bool valid_telegram_token(std::string_view token);

/// POST {base_url}/bot{token}/sendMessage with the JSON body {"chat_id",
/// "text": telegram_text(text, title), "parse_mode": "MarkdownV2",
/// "link_preview_options": {"is_disabled": true}}. `text` and `title` are
/// plain text: escaping happens here, callers must not escape them. An
/// integer chat id is sent as a JSON number, a username as a string.
/// (link_preview_options replaced disable_web_page_preview in Bot API 7.0.)
http::client_request telegram_request(const telegram_options& opts, const std::string& chat_id,
                                      const std::string& text, std::string_view title = {});

/// Reads a Bot API answer: {"ok":true,...} with a 2xx status is sent;
/// {"ok":false,"error_code":429,...} is retry with retry_after from
/// parameters.retry_after, else from "retry after N" in the description
/// (older servers), else from a Retry-After header; 5xx (or error_code >=
/// 500) and 408 are retry; other 4xx are reject with the description as
/// detail ("telegram: 400 Bad Request: chat not found"). A missing or
/// unreadable body falls back on the HTTP status: 429, 408 and 5xx retry,
/// other 4xx reject, and a 2xx without {"ok":true} retry (it did not come
/// from the Bot API, so nothing was sent).
delivery_outcome classify_telegram(const http::client_response& res);

/// Checks the token and chat id (reject if malformed), sends the message
/// and classifies the answer. No response (connection refused, time-out,
/// TLS failure) is retry; a base_url that is not an http(s) URL is reject.
/// Never throws; the token never appears in the detail.
delivery_outcome send_telegram(const telegram_options& opts, const std::string& chat_id,
                               const std::string& text, std::string_view title = {});

} // namespace playclock::notify
