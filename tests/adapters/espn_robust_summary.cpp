// A damaged summary play, drive or header is read whole or reported with the
// game id and a path; the rest of the summary is untouched.
#include <catch2/catch.hpp>

#include <set>

#include "adapters/espn/parse.hpp"
#include "tests/adapters/espn_compare.hpp"
#include "tests/adapters/espn_mutate.hpp"
#include "tests/adapters/espn_samples.hpp"

using namespace playclock;

namespace {

const std::string game_id = "401547417";

// The summary sample cut down to what parse_summary reads, kept small so
// that thousands of damaged copies parse quickly: the header, the venue, three
// drives (an interception, the 18-play field goal drive, the end of the
// half), two scoring plays and two injuries per team.
std::optional<rapidjson::Document> small_summary() {
  auto text = test::realdata_file(test::summary_gb_atl);
  if (!text)
    return std::nullopt;
  rapidjson::Document full;
  full.Parse(text->data(), text->size());
  REQUIRE(full.IsObject());
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  auto copy = [&](const rapidjson::Value& v) { return rapidjson::Value(v, a); };
  doc.AddMember("header", copy(full["header"]), a);
  doc.AddMember("gameInfo", copy(full["gameInfo"]), a);
  rapidjson::Value previous(rapidjson::kArrayType);
  for (rapidjson::SizeType i : {1u, 3u, 8u})
    previous.PushBack(copy(full["drives"]["previous"][i]), a);
  rapidjson::Value drives(rapidjson::kObjectType);
  drives.AddMember("previous", previous, a);
  doc.AddMember("drives", drives, a);
  rapidjson::Value scoring(rapidjson::kArrayType);
  for (rapidjson::SizeType i : {0u, 1u})
    scoring.PushBack(copy(full["scoringPlays"][i]), a);
  doc.AddMember("scoringPlays", scoring, a);
  rapidjson::Value injuries = copy(full["injuries"]);
  for (auto& team : injuries.GetArray())
    while (team["injuries"].Size() > 2)
      team["injuries"].PopBack();
  doc.AddMember("injuries", injuries, a);
  return doc;
}

espn::summary_result parse_clean(const rapidjson::Document& doc) {
  auto r = espn::parse_summary(test::to_text(doc));
  REQUIRE_FALSE(r.error);
  REQUIRE(r.issues.empty());
  REQUIRE(r.summary.header);
  return r;
}

// "/drives/previous/1/plays/4/start/down" -> 4; npos when not in a play.
std::size_t play_index(const std::string& pointer, const std::string& plays) {
  if (pointer.size() <= plays.size() || pointer.rfind(plays + "/", 0) != 0)
    return std::string::npos;
  return std::stoul(pointer.substr(plays.size() + 1));
}

// Checks the damaged drive against the whole one; counts plays left out.
void check_drive(const sports::drive& got, const sports::drive& expected,
                 const std::string& pointer, test::damage d, std::size_t damaged_play,
                 const std::vector<espn::issue>& issues, int& left_out) {
  const std::string plays = "/drives/previous/1/plays";
  std::vector<sports::play> want = expected.plays;
  for (auto& p : want)
    p.drive_id = got.id; // a damaged drive id moves with its plays
  if (pointer == plays) {
    CHECK(got.plays.empty());
    CHECK(issues.size() == (d == test::damage::removed || d == test::damage::array ? 0u : 1u));
    return;
  }
  if (damaged_play == std::string::npos) {
    CHECK(test::diff(got.plays, want) == "");
    CHECK(issues.empty());
    return;
  }
  // The damaged play is read whole, or left out with an issue naming it.
  const bool erased =
      pointer == plays + "/" + std::to_string(damaged_play) && d == test::damage::removed;
  std::vector<sports::play> rest = want;
  rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(damaged_play));
  if (got.plays.size() == want.size()) {
    CHECK(issues.empty());
    auto mine = got.plays[damaged_play];
    CHECK(!mine.id.empty());
    CHECK(mine.drive_id == got.id);
    auto others = got.plays;
    others.erase(others.begin() + static_cast<std::ptrdiff_t>(damaged_play));
    CHECK(test::diff(others, rest) == "");
  } else {
    CHECK(test::diff(got.plays, rest) == "");
    if (erased) {
      CHECK(issues.empty());
    } else {
      ++left_out;
      REQUIRE(issues.size() == 1);
      CHECK(issues[0].game_id == game_id);
      CHECK(issues[0].path.rfind("drives.previous[1].plays[" + std::to_string(damaged_play) + "]",
                                 0) == 0);
    }
  }
}

} // namespace

TEST_CASE("every damaged value of a summary drive spares the rest", "[espn]") {
  auto doc = small_summary();
  if (!doc)
    return test::skip_without_realdata();
  const auto baseline = parse_clean(*doc);
  REQUIRE(baseline.summary.drives.size() == 3);
  const auto& expected = baseline.summary.drives[1];
  std::vector<std::string> pointers;
  test::collect_pointers((*doc)["drives"]["previous"][1], "/drives/previous/1", pointers);
  int left_out = 0;
  for (const auto& pointer : pointers) {
    for (auto d : test::all_damages) {
      INFO(pointer << " " << test::to_string(d));
      auto r = espn::parse_summary(test::damaged(*doc, pointer, d));
      REQUIRE_FALSE(r.error);
      const auto& s = r.summary;
      CHECK(test::diff(s.header, baseline.summary.header) == "");
      CHECK(test::diff(s.scoring_play_ids, baseline.summary.scoring_play_ids) == "");
      CHECK(test::diff(s.injuries, baseline.summary.injuries) == "");
      REQUIRE(s.drives.size() >= 2);
      CHECK(test::diff(s.drives.front(), baseline.summary.drives.front()) == "");
      CHECK(test::diff(s.drives.back(), baseline.summary.drives.back()) == "");
      if (pointer == "/drives/previous/1") {
        bool kept = d == test::damage::object;
        CHECK(s.drives.size() == (kept ? 3u : 2u));
        bool reported = d != test::damage::removed && !kept;
        CHECK(r.issues.size() == (reported ? 1u : 0u));
        if (reported)
          CHECK(r.issues[0].path == "drives.previous[1]");
        continue;
      }
      REQUIRE(s.drives.size() == 3);
      check_drive(s.drives[1], expected, pointer, d,
                  play_index(pointer, "/drives/previous/1/plays"), r.issues, left_out);
    }
  }
  CHECK(left_out > 0);
}

TEST_CASE("every damaged value of the summary header is read whole or reported", "[espn]") {
  auto doc = small_summary();
  if (!doc)
    return test::skip_without_realdata();
  const auto baseline = parse_clean(*doc);
  std::vector<std::string> pointers;
  test::collect_pointers((*doc)["header"], "/header", pointers);
  int rejected = 0;
  for (const auto& pointer : pointers) {
    for (auto d : test::all_damages) {
      INFO(pointer << " " << test::to_string(d));
      auto r = espn::parse_summary(test::damaged(*doc, pointer, d));
      REQUIRE_FALSE(r.error);
      // Drives are read with or without the header.
      CHECK(r.summary.drives.size() == 3);
      CHECK(r.summary.all_plays().size() == baseline.summary.all_plays().size());
      CHECK(test::diff(r.summary.scoring_play_ids, baseline.summary.scoring_play_ids) == "");
      if (r.summary.header) {
        CHECK(r.issues.empty());
        CHECK(!r.summary.header->home.abbreviation.empty());
        CHECK(!r.summary.header->away.abbreviation.empty());
        if (!test::game_may_read(pointer))
          CHECK(test::diff(r.summary, baseline.summary) == "");
      } else if (pointer == "/header" && d == test::damage::removed) {
        CHECK(r.issues.empty());
      } else {
        ++rejected;
        REQUIRE(r.issues.size() == 1);
        CHECK(r.issues[0].path.rfind("header", 0) == 0);
        if (pointer != "/header/id" && pointer != "/header")
          CHECK(r.issues[0].game_id == game_id);
      }
    }
  }
  CHECK(rejected > 0);
}
