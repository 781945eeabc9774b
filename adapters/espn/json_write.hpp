#pragma once
// INTERNAL to the ESPN adapter's writers; not a public header (RapidJSON).

#include <cstdint>
#include <string>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "adapters/sports/types.hpp"

namespace playclock::espn::detail {

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(writer& w, const char* key, std::string_view v);
void put(writer& w, const char* key, const char* v);
void put(writer& w, const char* key, int v);
void put(writer& w, const char* key, std::int64_t v);
void put(writer& w, const char* key, bool v);
/// A number; NaN and infinities (not JSON) are written as 0.
void put_number(writer& w, const char* key, double v);

/// The feed id of a team given by abbreviation: the game's home or away team,
/// else ESPN's table (teams.hpp); empty if neither knows it.
std::string team_id_for(const std::string& abbreviation, const sports::game* g);

/// "team": {"id", "abbreviation"} (the abbreviation alone if no id is known).
void write_team_ref(writer& w, const char* key, const std::string& abbreviation,
                    const sports::game* g);

/// competitors[], home first: id, homeAway, team {id, abbreviation,
/// displayName}, score as a string.
void write_competitors(writer& w, const sports::game& g);
/// status {clock, displayClock, period, type {id, name, state, completed,
/// description, detail, shortDetail}}.
void write_status(writer& w, const sports::game& g);
/// venue {id, fullName, address {city, state}, indoor}.
void write_venue(writer& w, const sports::venue& v);
/// situation {down, distance, yardLine, possessionText, ..., possession}
/// when the game has one.
void write_situation(writer& w, const sports::game& g);

} // namespace playclock::espn::detail
