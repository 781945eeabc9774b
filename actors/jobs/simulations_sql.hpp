#pragma once
// The SQL of tenant simulations (tables simulations and simulation_events).
// A simulation is a job of type "simulation" and shares its id: its status,
// progress and error are the job's; its events, result and narrative are
// here. Blocking, like jobs_sql.

#include <cstdint>
#include <string>
#include <vector>

#include "messages/games_query.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace playclock::simulations_sql {

/// (Re)starts simulation `id` of `tenant`: its row running on `node`, the
/// events of an earlier attempt deleted (a re-run replays the same seed).
void start(pqxx::connection_base& conn, std::int64_t id, const std::string& tenant,
           const std::string& kind, const std::string& params, std::uint64_t seed,
           const std::string& node);

struct event_row {
  std::int32_t seq = 0;
  std::string game_key;
  /// JSON object.
  std::string event;
};

/// Appends events and records how far the simulation is.
void add_events(pqxx::connection_base& conn, std::int64_t id, const std::string& tenant,
                const std::vector<event_row>& events, std::int32_t steps_done,
                std::int32_t progress);

/// Stores the result, the narrative and where it came from (builtin, llm).
void finish(pqxx::connection_base& conn, std::int64_t id, const std::string& result_json,
            const std::string& narrative, const std::string& narrative_source);

/// One simulation of `tenant` (found = false if it has none with that id).
json_page get(pqxx::connection_base& conn, const std::string& tenant, std::int64_t id);

/// {"simulations":[...],"next_cursor":...}, newest first.
json_page list(pqxx::connection_base& conn, const std::string& tenant, std::int32_t limit,
               const std::string& cursor);

/// Whether `text` is a simulations page cursor.
bool valid_cursor(const std::string& text);

struct narrative_view {
  bool found = false;
  /// The job's status (completed, running, ...).
  std::string status;
  std::string json;
};

/// {"id","narrative","source"} once the simulation completed.
narrative_view narrative(pqxx::connection_base& conn, const std::string& tenant, std::int64_t id);

/// {"events":[{seq, game, event}],"next_after":seq|null}: events after
/// `after`, in order (found = false if the tenant has no such simulation).
json_page events(pqxx::connection_base& conn, const std::string& tenant, std::int64_t id,
                 std::int32_t after, std::int32_t limit);

} // namespace playclock::simulations_sql
