#pragma once
// Telegram's MarkdownV2 text: escaping plain text so that no character of it is
// read as markup, and cutting text to Telegram's message length.

#include <cstddef>
#include <string>
#include <string_view>

namespace playclock::notify {

/// Escapes plain text for MarkdownV2 outside entities: a backslash goes before
/// each of _ * [ ] ( ) ~ ` > # + - = | { } . ! and before '\' itself, so the
/// text shows exactly as given ("21-17" -> "21\-17"). Multi-byte UTF-8
/// characters are copied whole (every escaped character is ASCII); a byte that
/// is not part of valid UTF-8 becomes U+FFFD, so the result is always valid
/// UTF-8 (the Bot API rejects anything else).
std::string escape_markdown_v2(std::string_view text);

/// Valid UTF-8 with each invalid byte replaced by U+FFFD.
std::string sanitize_utf8(std::string_view text);

/// How many UTF-16 code units the UTF-8 text takes (what Telegram counts):
/// one per character, two for characters outside the Basic Multilingual Plane
/// (most emoji). Invalid bytes count one each.
std::size_t utf16_length(std::string_view text);

/// The text if it takes at most `max_units` UTF-16 code units, else its
/// longest prefix of whole characters that fits with "…" appended. Never
/// splits a multi-byte character. `max_units` 0 gives "".
std::string truncate_utf16(std::string_view text, std::size_t max_units);

} // namespace playclock::notify
