// Input that is not a usable document: errors, never exceptions or crashes.
#include <catch2/catch.hpp>

#include "adapters/espn/parse.hpp"
#include "tests/adapters/espn_samples.hpp"

using namespace playclock;

namespace {

// Offsets to cut a document at: every byte of the first 600, about 300 more
// spread over the rest, and the last few.
std::vector<std::size_t> cuts(std::size_t size) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < size && i < 600; ++i)
    out.push_back(i);
  const std::size_t step = size / 300 + 1;
  for (std::size_t i = 600; i + step < size; i += step)
    out.push_back(i + (i * 7919) % step); // not always on the same byte pattern
  for (std::size_t back = 1; back <= 8 && back <= size; ++back)
    out.push_back(size - back);
  return out;
}

std::string deep(std::size_t n, const char* open) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i)
    s += open;
  return s;
}

// Not JSON, or JSON that is no document of any kind here.
std::vector<std::string> junk() {
  return {"",
          " ",
          "nul",
          "null",
          "true",
          "0",
          "-1e999",
          "\"events\"",
          "[]",
          "[{}]",
          "{",
          "}",
          "{\"events\":[}",
          "{\"events\":[{\"id\":\"1\"},]}",
          "{\"events\":NaN}",
          "{\"events\":[]}{}",
          std::string{"{\"events\":[]}\0{", 15},
          "\xff\xfe{\"events\":[]}",
          "{\"events\":\"\\ud800\"}",
          "{\"events\":[\"\xc3\x28\"]}",
          deep(100000, "["),
          "{\"events\":" + deep(100000, "[") + deep(100000, "]") + "}",
          "{\"header\":" + deep(50000, "{\"a\":") + "1" + deep(50000, "}") + "}"};
}

} // namespace

TEST_CASE("not JSON and wrong documents give an error, never a game", "[espn]") {
  for (const auto& text : junk()) {
    INFO(text.substr(0, 60));
    auto board = espn::parse_scoreboard(text);
    CHECK(board.games.empty());
    auto summary = espn::parse_summary(text);
    CHECK_FALSE(summary.summary.header);
    CHECK(summary.summary.drives.empty());
    espn::parse_core_injury_refs(text);
    espn::parse_core_injury(text);
  }
  CHECK(espn::parse_scoreboard("not json").error);
  CHECK(espn::parse_scoreboard("[]").error);
  CHECK(espn::parse_scoreboard("{}").error);
  CHECK(espn::parse_scoreboard(R"({"events":{}})").error);
  CHECK(espn::parse_summary("{}").error);
  CHECK(espn::parse_summary("[1]").error);
  CHECK(espn::parse_summary(R"({"boxscore":{}})").error);
  // An empty view (null data) is no document either.
  CHECK(espn::parse_scoreboard(std::string_view{}).error);
  CHECK(espn::parse_summary(std::string_view{}).error);
  CHECK(std::holds_alternative<std::string>(espn::parse_core_injury_refs(std::string_view{})));
  CHECK(std::holds_alternative<std::string>(espn::parse_core_injury(std::string_view{})));
  // An empty day is not an error.
  auto empty = espn::parse_scoreboard(R"({"events":[]})");
  CHECK_FALSE(empty.error);
  CHECK(empty.games.empty());
  CHECK(empty.issues.empty());
}

TEST_CASE("every recorded ESPN sample cut short gives an error and nothing else", "[espn]") {
  if (!test::realdata_dir())
    return test::skip_without_realdata();
  std::vector<std::string> names(std::begin(test::espn_scoreboards),
                                 std::end(test::espn_scoreboards));
  names.insert(names.end(),
               {test::summary_gb_atl, test::core_injury_refs, test::core_injury_detail});
  for (const auto& name : names) {
    const std::string text = *test::realdata_file(name);
    // No prefix of an object without trailing space is a whole document.
    REQUIRE(text.back() == '}');
    for (auto at : cuts(text.size())) {
      INFO(name << " cut at " << at << " of " << text.size());
      const std::string_view prefix{text.data(), at};
      if (name.find("scoreboard") != std::string::npos) {
        auto r = espn::parse_scoreboard(prefix);
        CHECK(r.error);
        CHECK(r.games.empty());
        CHECK(r.issues.empty());
      } else if (name.find("summary") != std::string::npos) {
        auto r = espn::parse_summary(prefix);
        CHECK(r.error);
        CHECK_FALSE(r.summary.header);
        CHECK(r.summary.drives.empty());
        CHECK(r.summary.injuries.empty());
        CHECK(r.issues.empty());
      } else {
        CHECK(std::holds_alternative<std::string>(espn::parse_core_injury_refs(prefix)));
        CHECK(std::holds_alternative<std::string>(espn::parse_core_injury(prefix)));
      }
    }
  }
}

TEST_CASE("a document cut inside a string view is not read past its end", "[espn]") {
  // The parser gets a view into a longer buffer: what follows must not leak in.
  const std::string buffer = R"({"events":[]}{"events":[{"id":"1"}]})";
  auto r = espn::parse_scoreboard(std::string_view{buffer.data(), 13});
  CHECK_FALSE(r.error);
  CHECK(r.games.empty());
  auto cut = espn::parse_scoreboard(std::string_view{buffer.data(), 12});
  CHECK(cut.error);
}
