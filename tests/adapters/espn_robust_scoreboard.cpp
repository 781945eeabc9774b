// A damaged scoreboard event is read whole or reported with its game id and
// a path; the other events of the document are untouched.
#include <catch2/catch.hpp>

#include "adapters/espn/parse.hpp"
#include "tests/adapters/espn_compare.hpp"
#include "tests/adapters/espn_mutate.hpp"
#include "tests/adapters/espn_samples.hpp"

using namespace playclock;

namespace {

// The game is usable: what read_game requires is there.
void check_whole(const sports::game& g) {
  CHECK(!g.id.empty());
  CHECK(!g.home.id.empty());
  CHECK(!g.away.id.empty());
  CHECK(!g.home.abbreviation.empty());
  CHECK(!g.away.abbreviation.empty());
  CHECK(g.home_score >= 0);
  CHECK(g.away_score >= 0);
  if (g.now) {
    CHECK(g.now->down >= 0);
    CHECK(g.now->down <= 4);
    CHECK(g.now->yards_to_endzone >= 0);
    CHECK(g.now->yards_to_endzone <= 100);
  }
}

void damage_every_value(const rapidjson::Document& doc, std::size_t target) {
  auto baseline = espn::parse_scoreboard(test::to_text(doc));
  REQUIRE_FALSE(baseline.error);
  REQUIRE(baseline.issues.empty());
  REQUIRE(baseline.games.size() == doc["events"].Size());
  const sports::game expected = baseline.games[target];
  const std::string event = "/events/" + std::to_string(target);
  const std::string event_path = "events[" + std::to_string(target) + "]";
  std::vector<std::string> pointers;
  test::collect_pointers(doc["events"][static_cast<rapidjson::SizeType>(target)], event, pointers);
  std::size_t rejected = 0;
  for (const auto& pointer : pointers) {
    for (auto d : test::all_damages) {
      INFO(pointer << " " << test::to_string(d));
      auto r = espn::parse_scoreboard(test::damaged(doc, pointer, d));
      REQUIRE_FALSE(r.error);
      // The damaged game keeps its place if read; the neighbours, in order,
      // are exactly as before.
      std::vector<sports::game> others = r.games;
      std::optional<sports::game> mine;
      if (r.games.size() == baseline.games.size()) {
        mine = r.games[target];
        others.erase(others.begin() + static_cast<std::ptrdiff_t>(target));
      }
      std::vector<sports::game> expected_others = baseline.games;
      expected_others.erase(expected_others.begin() + static_cast<std::ptrdiff_t>(target));
      CHECK(test::diff(others, expected_others) == "");
      if (pointer == event && d == test::damage::removed) {
        CHECK_FALSE(mine);
        CHECK(r.issues.empty());
        continue;
      }
      if (mine) {
        CHECK(r.issues.empty());
        check_whole(*mine);
        if (pointer != event + "/id")
          CHECK(mine->id == expected.id);
        if (!test::game_may_read(pointer))
          CHECK(test::diff(*mine, expected) == "");
      } else {
        ++rejected;
        REQUIRE(r.issues.size() == 1);
        const auto& issue = r.issues[0];
        CHECK(issue.path.rfind(event_path, 0) == 0);
        CHECK(!issue.message.empty());
        // Only a game whose id is the damage goes unnamed.
        if (pointer != event + "/id" && pointer != event)
          CHECK(issue.game_id == expected.id);
      }
    }
  }
  CHECK(rejected > 0);
}

// Keeps events `keep` of a sample scoreboard, in that order.
rapidjson::Document events_of(const std::string& text, std::initializer_list<std::size_t> keep) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  REQUIRE(doc.IsObject());
  rapidjson::Value events(rapidjson::kArrayType);
  for (auto i : keep)
    events.PushBack(
        rapidjson::Value(doc["events"][static_cast<rapidjson::SizeType>(i)], doc.GetAllocator()),
        doc.GetAllocator());
  doc["events"] = events;
  return doc;
}

} // namespace

TEST_CASE("every damaged value of a live event spares the other events", "[espn]") {
  auto text = test::realdata_file(test::scoreboard_2022_wk11);
  if (!text)
    return test::skip_without_realdata();
  // DEN (pre), CHI at ATL (in, with a situation), TEN at GB (post).
  auto doc = events_of(*text, {8, 0, 12});
  damage_every_value(doc, 1);
}

TEST_CASE("every damaged value of a final event is read whole or reported", "[espn]") {
  auto text = test::realdata_file(test::scoreboard_lix);
  if (!text)
    return test::skip_without_realdata();
  auto doc = events_of(*text, {0});
  damage_every_value(doc, 0);
}
