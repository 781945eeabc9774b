#include "actors/jobs/simulations_sql.hpp"

#include <pqxx/connection_base>
#include <pqxx/transaction>

#include "actors/jobs/jobs_sql.hpp"
#include "adapters/pg/array_literal.hpp"

namespace playclock::simulations_sql {

namespace {

// The simulation as the API shows it: the job's state, the row's results.
const std::string view_columns =
    "j.job_id, json_build_object('id', j.job_id, 'tenant', j.tenant_id,"
    " 'kind', j.params->>'kind', 'params', j.params, 'status', j.status,"
    " 'progress', j.progress, 'progress_message', j.progress_message, 'attempts', j.attempts,"
    " 'error', j.error, 'events', coalesce(s.steps_done, 0), 'node', j.lease_owner,"
    " 'created_at', j.created_at, 'started_at', j.started_at, 'finished_at', j.finished_at,"
    " 'result', s.result, 'narrative_available', s.narrative IS NOT NULL)::text"
    " FROM jobs j LEFT JOIN simulations s ON s.simulation_id = j.job_id"
    " WHERE j.job_type = 'simulation' AND j.tenant_id = $1";

} // namespace

void start(pqxx::connection_base& conn, std::int64_t id, const std::string& tenant,
           const std::string& kind, const std::string& params, std::uint64_t seed,
           const std::string& node) {
  pqxx::work tx{conn, "simulation_start"};
  tx.exec_params(
      "INSERT INTO simulations (simulation_id, tenant_id, kind, params, seed, status, node_id,"
      " started_at) OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4::jsonb, $5, 'running', $6,"
      " now()) ON CONFLICT (simulation_id) DO UPDATE SET status = 'running', node_id = $6,"
      " started_at = now(), progress = 0, steps_done = 0, result = NULL, narrative = NULL,"
      " finished_at = NULL",
      id, tenant, kind, params, static_cast<std::int64_t>(seed), node);
  tx.exec_params("DELETE FROM simulation_events WHERE simulation_id = $1", id);
  tx.commit();
}

void add_events(pqxx::connection_base& conn, std::int64_t id, const std::string& tenant,
                const std::vector<event_row>& events, std::int32_t steps_done,
                std::int32_t progress) {
  pg::array_literal seqs, keys, bodies;
  for (const auto& e : events) {
    seqs.add(std::int64_t{e.seq});
    keys.add(e.game_key);
    bodies.add(e.event);
  }
  pqxx::work tx{conn, "simulation_events"};
  if (!events.empty())
    tx.exec_params("INSERT INTO simulation_events (simulation_id, seq, tenant_id, game_key, event)"
                   " SELECT $1, s, $2, k, e::jsonb FROM unnest($3::int[], $4::text[], $5::text[])"
                   " AS u(s, k, e)",
                   id, tenant, seqs.str(), keys.str(), bodies.str());
  tx.exec_params("UPDATE simulations SET steps_done = $2, progress = $3 WHERE simulation_id = $1",
                 id, steps_done, progress);
  tx.commit();
}

void finish(pqxx::connection_base& conn, std::int64_t id, const std::string& result_json,
            const std::string& narrative, const std::string& narrative_source) {
  pqxx::work tx{conn, "simulation_finish"};
  tx.exec_params("UPDATE simulations SET status = 'completed', progress = 100, finished_at = now(),"
                 " result = jsonb_set($2::jsonb, '{narrative_source}', to_jsonb($4::text)),"
                 " narrative = $3 WHERE simulation_id = $1",
                 id, result_json, narrative, narrative_source);
  tx.commit();
}

json_page get(pqxx::connection_base& conn, const std::string& tenant, std::int64_t id) {
  pqxx::read_transaction tx{conn, "simulation_get"};
  auto res = tx.exec_params("SELECT " + view_columns + " AND j.job_id = $2", tenant, id);
  if (res.empty())
    return json_page{"", false};
  return json_page{res[0][1].as<std::string>(), true};
}

json_page list(pqxx::connection_base& conn, const std::string& tenant, std::int32_t limit,
               const std::string& cursor) {
  std::optional<std::int64_t> before;
  if (!cursor.empty())
    before = jobs_sql::decode_id_cursor(cursor, "simulation");
  pqxx::read_transaction tx{conn, "simulation_list"};
  auto res = tx.exec_params("SELECT " + view_columns +
                                " AND ($2::bigint IS NULL OR j.job_id < $2::bigint)"
                                " ORDER BY j.job_id DESC LIMIT $3::int + 1",
                            tenant, before, limit);
  return jobs_sql::id_page(res, static_cast<std::size_t>(limit), "simulations", "simulation");
}

bool valid_cursor(const std::string& text) {
  return jobs_sql::decode_id_cursor(text, "simulation").has_value();
}

narrative_view narrative(pqxx::connection_base& conn, const std::string& tenant, std::int64_t id) {
  pqxx::read_transaction tx{conn, "simulation_narrative"};
  auto res =
      tx.exec_params("SELECT j.status, json_build_object('id', j.job_id, 'narrative', s.narrative,"
                     " 'source', s.result->>'narrative_source')::text, s.narrative IS NOT NULL"
                     " FROM jobs j LEFT JOIN simulations s ON s.simulation_id = j.job_id"
                     " WHERE j.job_type = 'simulation' AND j.tenant_id = $1 AND j.job_id = $2",
                     tenant, id);
  if (res.empty())
    return {};
  narrative_view v;
  v.found = true;
  v.status = res[0][0].as<std::string>();
  if (res[0][2].as<bool>())
    v.json = res[0][1].as<std::string>();
  return v;
}

json_page events(pqxx::connection_base& conn, const std::string& tenant, std::int64_t id,
                 std::int32_t after, std::int32_t limit) {
  pqxx::read_transaction tx{conn, "simulation_events"};
  auto owner = tx.exec_params("SELECT 1 FROM jobs WHERE job_type = 'simulation' AND"
                              " tenant_id = $1 AND job_id = $2",
                              tenant, id);
  if (owner.empty())
    return json_page{"", false};
  auto res = tx.exec_params(
      "SELECT seq, json_build_object('seq', seq, 'game', game_key, 'event', event)::text"
      " FROM simulation_events WHERE simulation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3::int + "
      "1",
      id, after, limit);
  std::string body = R"({"events":[)";
  auto n = std::min<std::size_t>(res.size(), static_cast<std::size_t>(limit));
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0)
      body += ',';
    body += res[static_cast<pqxx::result::size_type>(i)][1].as<std::string>();
  }
  body += R"(],"next_after":)";
  body += res.size() > n ? res[static_cast<pqxx::result::size_type>(n - 1)][0].as<std::string>()
                         : std::string{"null"};
  body += '}';
  return json_page{body, true};
}

} // namespace playclock::simulations_sql
