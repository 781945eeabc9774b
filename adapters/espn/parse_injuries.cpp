// Injuries: the summary's per-team lists and the core API documents.
#include <rapidjson/document.h>

#include "adapters/espn/json_read.hpp"
#include "adapters/espn/parse.hpp"
#include "adapters/espn/teams.hpp"

namespace playclock::espn {

namespace detail {

namespace {

// status, date and detail, shared by the summary entries and the core API
// object. detail: details.type ("Knee - ACL") only; type.description is the
// status again ("questionable", "active"), not a body part.
void read_status(const json& e, sports::injury& out) {
  out.status = text_or(get(&e, "status"));
  out.date = text_or(get(&e, "date"));
  out.detail = text_or(get(&e, "details", "type"));
}

std::string athlete_id(const json* athlete) {
  if (auto id = id_text(get(athlete, "id")))
    return *id;
  return segment_after(text_or(get(athlete, "$ref")), "athletes");
}

} // namespace

void read_summary_injuries(const json* list, const sports::game* g,
                           std::vector<sports::injury>& out, std::vector<issue>& issues) {
  const std::string game_id = g != nullptr ? g->id : std::string{};
  if (list != nullptr && !list->IsArray()) {
    issues.push_back(issue{game_id, "injuries", "injuries: not an array"});
    return;
  }
  for (std::size_t i = 0; i < size_of(list); ++i) {
    const json* group = at(list, i);
    const std::string path = indexed("", "injuries", i);
    if (!is_object(group)) {
      issues.push_back(issue{game_id, path, "injuries: team entry not an object"});
      continue;
    }
    const json* team = get(group, "team");
    std::string abbreviation = text_or(get(team, "abbreviation"));
    if (abbreviation.empty())
      abbreviation = abbreviation_for(id_text(get(team, "id")).value_or(""), g);
    const json* entries = get(group, "injuries");
    if (entries != nullptr && !entries->IsArray())
      issues.push_back(
          issue{game_id, member_path(path, "injuries"), "injuries: team list not an array"});
    for (std::size_t j = 0; j < size_of(entries); ++j) {
      const json* e = at(entries, j);
      const std::string here = indexed(path, "injuries", j);
      const json* athlete = get(e, "athlete");
      std::string player = athlete_id(athlete);
      if (!is_object(e) || player.empty()) {
        issues.push_back(issue{game_id, here + ".athlete.id", "injury: no athlete id"});
        continue;
      }
      sports::injury in;
      in.team = abbreviation;
      in.player_id = std::move(player);
      in.player_name = text_or(get(athlete, "displayName"), text_or(get(athlete, "fullName")));
      in.position = text_or(get(athlete, "position", "abbreviation"));
      read_status(*e, in);
      out.push_back(std::move(in));
    }
  }
}

} // namespace detail

std::variant<std::vector<std::string>, std::string> parse_core_injury_refs(std::string_view json) {
  rapidjson::Document doc;
  if (auto error = detail::parse_document(doc, json))
    return *error;
  const detail::json* items = detail::get(&doc, "items");
  if (!detail::is_array(items))
    return std::string{"core injuries: no items array"};
  std::vector<std::string> refs;
  for (std::size_t i = 0; i < items->Size(); ++i) {
    auto ref = detail::text(detail::get(detail::at(items, i), "$ref"));
    if (ref && !ref->empty())
      refs.push_back(std::move(*ref));
  }
  return refs;
}

std::variant<sports::injury, std::string> parse_core_injury(std::string_view json) {
  rapidjson::Document doc;
  if (auto error = detail::parse_document(doc, json))
    return *error;
  if (!doc.IsObject())
    return std::string{"core injury: not an object"};
  sports::injury out;
  const detail::json* athlete = detail::get(&doc, "athlete");
  out.player_id = detail::athlete_id(athlete);
  if (out.player_id.empty())
    return std::string{"core injury: no athlete id"};
  out.player_name = detail::text_or(detail::get(athlete, "displayName"));
  out.position = detail::text_or(detail::get(athlete, "position", "abbreviation"));
  const detail::json* team = detail::get(&doc, "team");
  std::string team_id =
      detail::id_text(detail::get(team, "id"))
          .value_or(detail::segment_after(detail::text_or(detail::get(team, "$ref")), "teams"));
  out.team = std::string{team_abbreviation(team_id)};
  if (out.team.empty())
    out.team = detail::text_or(detail::get(team, "abbreviation"));
  detail::read_status(doc, out);
  if (out.status.empty())
    return std::string{"core injury: no status"};
  return out;
}

} // namespace playclock::espn
