#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "adapters/notify/markdown.hpp"
#include "tests/support/realdata.hpp"

using namespace playclock::notify;

TEST_CASE("escape_markdown_v2 escapes every reserved character and nothing else", "[notify]") {
  CHECK(escape_markdown_v2("_*[]()~`>#+-=|{}.!") ==
        "\\_\\*\\[\\]\\(\\)\\~\\`\\>\\#\\+\\-\\=\\|\\{\\}\\.\\!");
  CHECK(escape_markdown_v2("\\") == "\\\\");
  CHECK(escape_markdown_v2("a\\b") == "a\\\\b");
  CHECK(escape_markdown_v2("Plain text 123 @user $5 %50 &amp; ? , ; : ' \" / < ^ ") ==
        "Plain text 123 @user $5 %50 &amp; ? , ; : ' \" / < ^ ");
  CHECK(escape_markdown_v2("") == "");
}

TEST_CASE("escape_markdown_v2 handles scores, clocks, places and URLs", "[notify]") {
  CHECK(escape_markdown_v2("Chiefs 21-17") == "Chiefs 21\\-17");
  CHECK(escape_markdown_v2("Q3 8:24") == "Q3 8:24");
  CHECK(escape_markdown_v2("St. Louis") == "St\\. Louis");
  CHECK(escape_markdown_v2("+7.5 (KC) vs. -3!") == "\\+7\\.5 \\(KC\\) vs\\. \\-3\\!");
  CHECK(escape_markdown_v2("https://example.com/a_b?x=1&y=[2]#top") ==
        "https://example\\.com/a\\_b?x\\=1&y\\=\\[2\\]\\#top");
  CHECK(escape_markdown_v2("*bold* _it_ ||spoiler|| `code` > quote") ==
        "\\*bold\\* \\_it\\_ \\|\\|spoiler\\|\\| \\`code\\` \\> quote");
  CHECK(escape_markdown_v2("already \\- escaped") == "already \\\\\\- escaped");
}

TEST_CASE("escape_markdown_v2 copies multi-byte characters whole", "[notify]") {
  // Emoji (4 bytes), accented letters (2), CJK (3), a flag (two 4-byte chars),
  // a family with zero-width joiners.
  std::string text = "\xF0\x9F\x8F\x88 Touchdown! Jos\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC "
                     "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8 "
                     "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9-";
  std::string want = "\xF0\x9F\x8F\x88 Touchdown\\! Jos\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC "
                     "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8 "
                     "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\\-";
  CHECK(escape_markdown_v2(text) == want);
  // No backslash ever lands inside a multi-byte sequence.
  auto out = escape_markdown_v2(text);
  for (std::size_t i = 0; i + 1 < out.size(); ++i)
    if (out[i] == '\\')
      CHECK(static_cast<unsigned char>(out[i + 1]) < 0x80);
}

TEST_CASE("escape_markdown_v2 turns invalid UTF-8 into replacement characters", "[notify]") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(escape_markdown_v2("a\xFF"
                           "b") == "a" + fffd + "b");
  // A truncated emoji (3 of 4 bytes) at the end, then a lone continuation byte.
  CHECK(escape_markdown_v2("x\xF0\x9F\x8F") == "x" + fffd + fffd + fffd);
  CHECK(escape_markdown_v2("\x80.") == fffd + "\\.");
  // Overlong '.' (0xC0 0xAE) must not sneak an unescaped '.' through.
  CHECK(escape_markdown_v2("\xC0\xAE") == fffd + fffd);
  // A UTF-16 surrogate encoded in UTF-8 is invalid.
  CHECK(escape_markdown_v2("\xED\xA0\x80") == fffd + fffd + fffd);
}

TEST_CASE("utf16_length and truncate_utf16 count what Telegram counts", "[notify]") {
  CHECK(utf16_length("abc") == 3);
  CHECK(utf16_length("\xC3\xA9") == 1);         // é
  CHECK(utf16_length("\xF0\x9F\x8F\x88") == 2); // 🏈, a surrogate pair
  CHECK(truncate_utf16("abcdef", 6) == "abcdef");
  CHECK(truncate_utf16("abcdef", 4) == "abc\xE2\x80\xA6");
  CHECK(truncate_utf16("abcdef", 0) == "");
  // Never splits the emoji: with 3 units left for text, "a" + 🏈 fits exactly.
  CHECK(truncate_utf16("a\xF0\x9F\x8F\x88"
                       "bc",
                       4) == "a\xF0\x9F\x8F\x88\xE2\x80\xA6");
  CHECK(truncate_utf16("a\xF0\x9F\x8F\x88"
                       "bc",
                       3) == "a\xE2\x80\xA6");
}

TEST_CASE("every character the Bot API documentation lists is escaped", "[notify]") {
  auto dir = playclock::test::realdata_dir();
  if (!dir) {
    WARN("skipped: real data not found at " << playclock::test::realdata_expected_dir());
    return;
  }
  std::ifstream in{*dir / "telegram" / "markdownv2_rules_botapi_docs.md"};
  if (!in) {
    WARN("skipped: telegram/markdownv2_rules_botapi_docs.md not found");
    return;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = ss.str();
  // "In all other places characters '_', '*', ... must be escaped"
  auto at = doc.find("In all other places characters");
  REQUIRE(at != std::string::npos);
  auto end = doc.find("must be escaped", at);
  REQUIRE(end != std::string::npos);
  auto list = doc.substr(at, end - at);
  int listed = 0;
  for (std::size_t i = 0; i + 2 < list.size(); ++i) {
    if (list[i] == '\'' && list[i + 2] == '\'') {
      std::string c(1, list[i + 1]);
      CHECK(escape_markdown_v2(c) == "\\" + c);
      ++listed;
      i += 2;
    }
  }
  CHECK(listed == 18);
  // "This implies that '\' character usually must be escaped"
  CHECK(escape_markdown_v2("\\") == "\\\\");
}
