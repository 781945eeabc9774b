#include "adapters/notify/markdown.hpp"

#include <cstring>

namespace playclock::notify {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD
constexpr std::string_view ellipsis = "\xE2\x80\xA6";    // U+2026

// The length of the valid UTF-8 sequence starting at text[i], 0 if invalid
// (overlong forms, surrogates and code points past U+10FFFF are invalid).
std::size_t sequence_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  auto lead = byte(i);
  if (lead < 0x80)
    return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3;
    if (lead == 0xE0)
      lo = 0xA0; // overlong
    else if (lead == 0xED)
      hi = 0x9F; // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4;
    if (lead == 0xF0)
      lo = 0x90; // overlong
    else if (lead == 0xF4)
      hi = 0x8F; // past U+10FFFF
  } else {
    return 0;
  }
  if (i + n > text.size())
    return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi)
    return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
      return 0;
  return n;
}

bool needs_escape(char c) {
  return c != '\0' && std::strchr("_*[]()~`>#+-=|{}.!\\", c) != nullptr;
}

} // namespace

std::string escape_markdown_v2(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8 + 8);
  for (std::size_t i = 0; i < text.size();) {
    auto n = sequence_length(text, i);
    if (n == 0) {
      out += replacement;
      ++i;
      continue;
    }
    if (n == 1 && needs_escape(text[i]))
      out += '\\';
    out.append(text, i, n);
    i += n;
  }
  return out;
}

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto n = sequence_length(text, i);
    if (n == 0) {
      out += replacement;
      ++i;
    } else {
      out.append(text, i, n);
      i += n;
    }
  }
  return out;
}

std::size_t utf16_length(std::string_view text) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto n = sequence_length(text, i);
    units += n == 4 ? 2 : 1;
    i += n == 0 ? 1 : n;
  }
  return units;
}

std::string truncate_utf16(std::string_view text, std::size_t max_units) {
  if (utf16_length(text) <= max_units)
    return std::string{text};
  if (max_units == 0)
    return {};
  // Room for the ellipsis (one unit).
  std::size_t budget = max_units - 1;
  std::size_t units = 0;
  std::size_t end = 0;
  while (end < text.size()) {
    auto n = sequence_length(text, end);
    std::size_t cost = n == 4 ? 2 : 1;
    if (units + cost > budget)
      break;
    units += cost;
    end += n == 0 ? 1 : n;
  }
  std::string out{text.substr(0, end)};
  out += ellipsis;
  return out;
}

} // namespace playclock::notify
