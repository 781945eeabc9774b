#pragma once
// INTERNAL to the ESPN adapter's .cpp files; not a public header (it pulls in
// RapidJSON). Reads that never throw and never trip a RapidJSON assertion:
// every accessor checks the type first and answers nullopt / a fallback.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "adapters/espn/parse.hpp"
#include "adapters/sports/types.hpp"

namespace playclock::espn::detail {

using json = rapidjson::Value;

/// Parses `text` (iteratively, so deep nesting cannot overflow the stack; full
/// precision doubles). Returns the error text, or nullopt on success.
std::optional<std::string> parse_document(rapidjson::Document& doc, std::string_view text);

/// v[name] when v is an object holding it; else null.
const json* get(const json* v, const char* name);

/// get() along a chain of member names.
template <class... Names>
const json* get(const json* v, const char* first, Names... rest) {
  if constexpr (sizeof...(rest) == 0)
    return get(v, first);
  else
    return get(get(v, first), rest...);
}

/// v[i] when v is an array longer than i; else null.
const json* at(const json* v, std::size_t i);

/// Elements of v when it is an array; 0 otherwise.
std::size_t size_of(const json* v);

bool is_object(const json* v);
bool is_array(const json* v);

/// A string value.
std::optional<std::string> text(const json* v);
/// An id: a non-empty string, or an integer number written in decimal.
std::optional<std::string> id_text(const json* v);
/// An integer: an integral number, or a string holding one ("7", "-3",
/// "5500"). Out-of-range values and fractions give nullopt.
std::optional<std::int64_t> integer(const json* v);
/// integer() when it fits an int.
std::optional<int> small_integer(const json* v);
/// A finite number, or a string holding one ("12.5").
std::optional<double> number(const json* v);
/// true/false, or the strings "true"/"false".
std::optional<bool> boolean(const json* v);

std::string text_or(const json* v, std::string fallback = {});
int int_or(const json* v, int fallback);
double number_or(const json* v, double fallback);
bool bool_or(const json* v, bool fallback);

/// The last path segment of a URL, before any query ("…/athletes/4426502?lang=en"
/// -> "4426502"); empty if none.
std::string last_segment(std::string_view url);

/// The segment after `/name/` in a URL ("teams" in "…/teams/8/injuries" -> "8").
std::string segment_after(std::string_view url, std::string_view name);

/// "events[3]" style path pieces.
std::string indexed(const std::string& path, const char* name, std::size_t i);
std::string member_path(const std::string& path, const char* name);

/// Reads one scoreboard event or summary header into a game. The season and
/// week fall back to the document's top-level ones. Required fields (id,
/// state, the home and away competitors with team id, abbreviation and a
/// score) missing or mistyped: nullopt and one issue naming the game and the
/// path. `scores_required` false lets a missing score read as 0 (summary
/// headers of games not yet started).
std::optional<sports::game> read_game(const json& event, const std::string& path, const json* root,
                                      bool scores_required, std::vector<issue>& issues);

/// Reads `situation` of a game whose teams are known (possession id ->
/// abbreviation, yard line -> yards to the end zone).
sports::situation read_situation(const json& s, const sports::game& g);

/// Team abbreviation for a feed team id: the game's home or away team, else
/// ESPN's fixed NFL table, else empty.
std::string abbreviation_for(const std::string& team_id, const sports::game* g);

/// Carried from play to play in document order: the score before the play,
/// for a scoring play whose points the feed does not name.
struct play_cursor {
  int home_score = 0;
  int away_score = 0;
};

/// One drive (summary drives.previous[i] or drives.current) with its plays;
/// unreadable plays are skipped with an issue. nullopt (and an issue) if the
/// drive is not an object. `g` is the header's game (may be null).
std::optional<sports::drive> read_drive(const json& d, const std::string& path,
                                        const sports::game* g, play_cursor& cursor,
                                        std::vector<issue>& issues);

/// The summary's injuries[] (per team: team, injuries[]) appended to `out`;
/// entries without an athlete id are skipped with an issue.
void read_summary_injuries(const json* list, const sports::game* g,
                           std::vector<sports::injury>& out, std::vector<issue>& issues);

} // namespace playclock::espn::detail
