#include "actors/jobs/models_sql.hpp"

#include <algorithm>

#include <pqxx/connection_base>
#include <pqxx/result>
#include <pqxx/transaction>

#include "actors/storage/sql_time.hpp"
#include "adapters/pg/array_literal.hpp"
#include "adapters/winprob/stored_state.hpp"

namespace playclock::models_sql {

std::vector<training_game> load_training_games(pqxx::connection_base& conn) {
  pqxx::read_transaction tx{conn, "wp_training_plays"};
  auto res = tx.exec(
      "SELECT p.game_id, g.home_team, g.away_team, g.home_score - g.away_score, p.period,"
      " p.clock, coalesce(p.team, ''), coalesce(p.start_down, 0), coalesce(p.start_distance, 0),"
      " coalesce(p.start_yard_line, 0),"
      " coalesce(lag(p.home_score) OVER w, 0), coalesce(lag(p.away_score) OVER w, 0)"
      " FROM plays p JOIN games g USING (game_id) WHERE g.state = 'post'"
      " WINDOW w AS (PARTITION BY p.game_id ORDER BY p.sequence)"
      " ORDER BY p.game_id, p.sequence");
  std::vector<training_game> out;
  for (const auto& row : res) {
    auto id = row[0].as<std::string>();
    if (out.empty() || out.back().game_id != id)
      out.push_back(training_game{id, {}});
    winprob::stored_row r;
    r.home_team = row[1].as<std::string>();
    r.away_team = row[2].as<std::string>();
    auto margin = row[3].as<int>();
    r.period = row[4].as<int>();
    r.clock = row[5].as<std::string>();
    r.possession = row[6].as<std::string>();
    r.down = row[7].as<int>();
    r.distance = row[8].as<int>();
    r.yards_to_endzone = row[9].as<int>();
    r.home_score = row[10].as<int>();
    r.away_score = row[11].as<int>();
    auto state = winprob::state_of(r);
    if (margin == 0) {
      out.back().samples.push_back({state, true, 0.5});
      out.back().samples.push_back({state, false, 0.5});
    } else {
      out.back().samples.push_back({state, margin > 0, 1});
    }
  }
  return out;
}

model_version active_model(pqxx::connection_base& conn, const std::string& model) {
  pqxx::read_transaction tx{conn, "wp_active_model"};
  auto res = tx.exec_params("SELECT coefficients::text FROM model_versions"
                            " WHERE model = $1 AND active",
                            model);
  if (!res.empty()) {
    std::string error;
    if (auto c = winprob::from_json(res[0][0].as<std::string>(), &error))
      return {*c, true};
    throw std::runtime_error("the active version of " + model + " does not load: " + error);
  }
  return {winprob::builtin(), false};
}

int store_version(pqxx::connection_base& conn, const winprob::coefficients& c,
                  const std::string& metrics_json, bool promote) {
  pqxx::work tx{conn, "wp_store_version"};
  // One writer at a time per model: version numbers never collide.
  tx.exec_params("SELECT pg_advisory_xact_lock(hashtext('model_versions:' || $1))", c.name);
  auto last =
      tx.exec_params1("SELECT coalesce(max(version), 0) FROM model_versions WHERE model = $1",
                      c.name)[0]
          .as<int>();
  auto stored = c;
  stored.version = std::max(last, winprob::builtin().version) + 1;
  if (promote)
    tx.exec_params("UPDATE model_versions SET active = false WHERE model = $1 AND active", c.name);
  tx.exec_params("INSERT INTO model_versions (model, version, coefficients, metrics, active)"
                 " VALUES ($1, $2, $3::jsonb, $4::jsonb, $5)",
                 c.name, stored.version, winprob::to_json(stored), metrics_json, promote);
  tx.commit();
  return stored.version;
}

json_page list_versions(pqxx::connection_base& conn, const std::string& model) {
  pqxx::read_transaction tx{conn, "wp_list_versions"};
  auto row = tx.exec_params1(
      "SELECT count(*) > 0, json_build_object('model', $1::text, 'active_version',"
      " (SELECT version FROM model_versions WHERE model = $1 AND active), 'versions',"
      " coalesce(json_agg(json_build_object('version', v.version, 'active', v.active,"
      " 'trained_at', " +
          sql_time::iso("v.trained_at") +
          ", 'metrics', v.metrics) ORDER BY v.version DESC), '[]'::json))::text"
          " FROM model_versions v WHERE v.model = $1",
      model);
  return json_page{row[1].as<std::string>(), row[0].as<bool>()};
}

std::optional<int> activate(pqxx::connection_base& conn, const std::string& model, int version) {
  pqxx::work tx{conn, "wp_activate"};
  tx.exec_params("SELECT pg_advisory_xact_lock(hashtext('model_versions:' || $1))", model);
  pqxx::result target;
  if (version > 0)
    target = tx.exec_params("SELECT version FROM model_versions WHERE model = $1 AND version = $2",
                            model, version);
  else
    target = tx.exec_params("SELECT version FROM model_versions WHERE model = $1 AND version <"
                            " (SELECT version FROM model_versions WHERE model = $1 AND active)"
                            " ORDER BY version DESC LIMIT 1",
                            model);
  if (target.empty()) {
    // Below every stored version lie the built-in coefficients: rolling
    // back to them deactivates the stored ones.
    if (version != 0 && version != winprob::builtin().version)
      return std::nullopt;
    auto off = tx.exec_params(
        "UPDATE model_versions SET active = false WHERE model = $1 AND active", model);
    if (off.affected_rows() == 0)
      return std::nullopt;
    tx.commit();
    return winprob::builtin().version;
  }
  auto v = target[0][0].as<int>();
  tx.exec_params("UPDATE model_versions SET active = false WHERE model = $1 AND active", model);
  tx.exec_params("UPDATE model_versions SET active = true WHERE model = $1 AND version = $2", model,
                 v);
  tx.commit();
  return v;
}

std::vector<prediction_game> load_prediction_games(pqxx::connection_base& conn,
                                                   const std::vector<std::string>& ids) {
  pg::array_literal arr;
  for (const auto& id : ids)
    arr.add(id);
  pqxx::read_transaction tx{conn, "wp_prediction_games"};
  auto res =
      tx.exec_params("SELECT game_id, home_team, away_team, home_score, away_score, period, clock,"
                     " coalesce(possession, ''), coalesce(down, 0), coalesce(distance, 0),"
                     " coalesce(yard_line, 0), state = 'post' FROM games"
                     " WHERE CASE WHEN cardinality($1::text[]) > 0 THEN game_id = ANY($1::text[])"
                     " ELSE state IN ('pre', 'in') END ORDER BY start_time NULLS LAST, game_id",
                     arr.str());
  std::vector<prediction_game> out;
  out.reserve(res.size());
  for (const auto& row : res) {
    winprob::stored_row r;
    r.home_team = row[1].as<std::string>();
    r.away_team = row[2].as<std::string>();
    r.home_score = row[3].as<int>();
    r.away_score = row[4].as<int>();
    r.period = row[5].as<int>();
    r.clock = row[6].as<std::string>();
    r.possession = row[7].as<std::string>();
    r.down = row[8].as<int>();
    r.distance = row[9].as<int>();
    r.yards_to_endzone = row[10].as<int>();
    r.final = row[11].as<bool>();
    out.push_back({row[0].as<std::string>(), winprob::state_of(r)});
  }
  return out;
}

void store_predictions(pqxx::connection_base& conn, const std::string& model, int version,
                       const std::vector<prediction>& ps) {
  if (ps.empty())
    return;
  pg::array_literal ids;
  pg::array_literal probs;
  pg::array_literal states;
  for (const auto& p : ps) {
    ids.add(p.game_id);
    probs.add(std::to_string(p.home_win_prob));
    states.add(p.state_json);
  }
  pqxx::work tx{conn, "wp_store_predictions"};
  tx.exec_params(
      "INSERT INTO predictions (game_id, model, model_version, home_win_prob, game_state)"
      " SELECT g, $1, $2, p, s FROM unnest($3::text[], $4::float8[], $5::jsonb[]) AS u(g, p, s)"
      " ON CONFLICT (game_id, model, model_version) DO UPDATE SET"
      " home_win_prob = EXCLUDED.home_win_prob, game_state = EXCLUDED.game_state,"
      " predicted_at = now()",
      model, version, ids.str(), probs.str(), states.str());
  tx.commit();
}

json_page game_predictions(pqxx::connection_base& conn, const std::string& game_id) {
  pqxx::read_transaction tx{conn, "wp_game_predictions"};
  auto row = tx.exec_params1(
      "SELECT EXISTS (SELECT 1 FROM games WHERE game_id = $1), json_build_object('game_id',"
      " $1::text, 'predictions', coalesce((SELECT json_agg(json_build_object('model', p.model,"
      " 'model_version', p.model_version, 'home_win_prob', p.home_win_prob, 'game_state',"
      " p.game_state, 'predicted_at', " +
          sql_time::iso_ms("p.predicted_at") +
          ") ORDER BY p.predicted_at DESC, p.model_version DESC) FROM predictions p"
          " WHERE p.game_id = $1), '[]'::json))::text",
      game_id);
  return json_page{row[1].as<std::string>(), row[0].as<bool>()};
}

} // namespace playclock::models_sql
