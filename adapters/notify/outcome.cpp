#include "adapters/notify/outcome.hpp"

#include <cctype>

#include "adapters/notify/markdown.hpp"

namespace playclock::notify {

const char* to_string(delivery_outcome::kind k) {
  switch (k) {
  case delivery_outcome::kind::sent:
    return "sent";
  case delivery_outcome::kind::retry:
    return "retry";
  case delivery_outcome::kind::reject:
    return "reject";
  }
  return "reject";
}

std::chrono::seconds retry_after_header(const http::client_response& res) {
  auto value = res.header("retry-after");
  if (!value)
    return std::chrono::seconds{0};
  std::string_view v{*value};
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
    v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
    v.remove_suffix(1);
  if (v.empty())
    return std::chrono::seconds{0};
  long long seconds = 0;
  for (char c : v) {
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return std::chrono::seconds{0}; // an HTTP date or garbage
    seconds = seconds * 10 + (c - '0');
    if (seconds > max_retry_after.count())
      return max_retry_after;
  }
  return std::chrono::seconds{seconds};
}

delivery_outcome outcome_of(const http::client_error& err, std::string_view channel) {
  delivery_outcome out;
  out.what = err.kind == http::client_error_kind::bad_url ? delivery_outcome::kind::reject
                                                          : delivery_outcome::kind::retry;
  out.detail = std::string{channel} + ": " + http::to_string(err.kind) + ": " + err.message;
  return out;
}

std::string body_excerpt(std::string_view body, std::size_t max) {
  bool cut = body.size() > max;
  auto end = cut ? max : body.size();
  // Back off to the start of the character the cut would split.
  while (cut && end > 0 && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80)
    --end;
  auto text = sanitize_utf8(body.substr(0, end));
  for (auto& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      c = ' ';
  if (cut)
    text += "\xE2\x80\xA6"; // "…"
  return text;
}

} // namespace playclock::notify
