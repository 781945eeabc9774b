#include <rapidjson/document.h>

#include <set>

#include "adapters/espn/json_read.hpp"
#include "adapters/espn/parse.hpp"

namespace playclock::espn {

namespace {

using detail::json;

// drives.previous[] then drives.current when it is not already the last of
// previous (ESPN may list the drive in progress in both).
void read_drives(const json* drives, const sports::game* g, summary_result& out) {
  const std::string game_id = g != nullptr ? g->id : std::string{};
  if (drives == nullptr)
    return;
  if (!drives->IsObject()) {
    out.issues.push_back(issue{game_id, "drives", "drives: not an object"});
    return;
  }
  detail::play_cursor cursor;
  std::set<std::string> seen;
  const json* previous = detail::get(drives, "previous");
  if (previous != nullptr && !previous->IsArray())
    out.issues.push_back(issue{game_id, "drives.previous", "previous: not an array"});
  for (std::size_t i = 0; i < detail::size_of(previous); ++i) {
    auto path = detail::indexed("drives", "previous", i);
    if (auto d = detail::read_drive(*detail::at(previous, i), path, g, cursor, out.issues)) {
      seen.insert(d->id);
      out.summary.drives.push_back(std::move(*d));
    }
  }
  const json* current = detail::get(drives, "current");
  if (current == nullptr)
    return;
  auto current_id = detail::id_text(detail::get(current, "id"));
  if (current_id && seen.count(*current_id) != 0)
    return;
  if (auto d = detail::read_drive(*current, "drives.current", g, cursor, out.issues))
    out.summary.drives.push_back(std::move(*d));
}

void read_scoring_plays(const json* list, const std::string& game_id, summary_result& out) {
  if (list != nullptr && !list->IsArray())
    out.issues.push_back(issue{game_id, "scoringPlays", "scoringPlays: not an array"});
  for (std::size_t i = 0; i < detail::size_of(list); ++i) {
    if (auto id = detail::id_text(detail::get(detail::at(list, i), "id")))
      out.summary.scoring_play_ids.push_back(std::move(*id));
    else
      out.issues.push_back(issue{game_id, detail::indexed("", "scoringPlays", i) + ".id",
                                 "scoring play id: missing or not a string"});
  }
}

} // namespace

summary_result parse_summary(std::string_view json) {
  summary_result out;
  rapidjson::Document doc;
  if (auto error = detail::parse_document(doc, json)) {
    out.error = std::move(*error);
    return out;
  }
  if (!doc.IsObject()) {
    out.error = "summary: the document is not an object";
    return out;
  }
  const detail::json* header = detail::get(&doc, "header");
  const detail::json* drives = detail::get(&doc, "drives");
  if (header == nullptr && drives == nullptr) {
    out.error = "summary: neither a header nor drives";
    return out;
  }
  if (header != nullptr) {
    out.summary.header = detail::read_game(*header, "header", &doc, false, out.issues);
    // A live summary may carry the situation at the top level.
    const detail::json* situation = detail::get(&doc, "situation");
    if (out.summary.header && !out.summary.header->now && detail::is_object(situation))
      out.summary.header->now = detail::read_situation(*situation, *out.summary.header);
  }
  const sports::game* g = out.summary.header ? &*out.summary.header : nullptr;
  const std::string game_id = g != nullptr ? g->id : std::string{};
  read_drives(drives, g, out);
  read_scoring_plays(detail::get(&doc, "scoringPlays"), game_id, out);
  detail::read_summary_injuries(detail::get(&doc, "injuries"), g, out.summary.injuries, out.issues);
  return out;
}

} // namespace playclock::espn
