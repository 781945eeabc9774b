#include <rapidjson/document.h>

#include "adapters/espn/json_read.hpp"
#include "adapters/espn/parse.hpp"

namespace playclock::espn {

scoreboard_result parse_scoreboard(std::string_view json) {
  scoreboard_result out;
  rapidjson::Document doc;
  if (auto error = detail::parse_document(doc, json)) {
    out.error = std::move(*error);
    return out;
  }
  if (!doc.IsObject()) {
    out.error = "scoreboard: the document is not an object";
    return out;
  }
  const detail::json* events = detail::get(&doc, "events");
  if (!detail::is_array(events)) {
    out.error = "scoreboard: no events array";
    return out;
  }
  out.games.reserve(events->Size());
  for (std::size_t i = 0; i < events->Size(); ++i) {
    auto path = "events[" + std::to_string(i) + "]";
    if (auto g = detail::read_game(*detail::at(events, i), path, &doc, true, out.issues))
      out.games.push_back(std::move(*g));
  }
  return out;
}

} // namespace playclock::espn
