#pragma once
// The SQL of the model registry (model_versions) and of predictions: what
// the training and prediction jobs read and write, and what the models and
// predictions routes serve. Blocking; each function is one transaction.

#include <optional>
#include <string>
#include <vector>

#include "adapters/winprob/model.hpp"
#include "messages/games_query.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace playclock::models_sql {

/// The win-probability model's registry name.
inline constexpr const char* wp_model = "nfl_wp";

struct training_game {
  std::string game_id;
  /// Every play's state at its snap (the score before the play), labelled
  /// with the final result.
  std::vector<winprob::sample> samples;
};

/// The stored plays of every final game.
std::vector<training_game> load_training_games(pqxx::connection_base& conn);

struct model_version {
  winprob::coefficients coefficients;
  /// False: nothing is active, these are the built-in coefficients.
  bool stored = false;
};

/// The active version of `model`, else the built-in coefficients.
model_version active_model(pqxx::connection_base& conn, const std::string& model);

/// Stores `c` as the next version of its model (numbered after every stored
/// version and the built-in one) with `metrics_json`; when `promote`, it
/// becomes the active version. Returns its number.
int store_version(pqxx::connection_base& conn, const winprob::coefficients& c,
                  const std::string& metrics_json, bool promote);

/// {"model":...,"active_version":n|null,"versions":[{version, active,
/// trained_at, metrics}...]} newest first; found = false if none is stored.
json_page list_versions(pqxx::connection_base& conn, const std::string& model);

/// Makes `version` the active one (0 = the newest version older than the
/// active one). Below the oldest stored version is the built-in one
/// (version 1): activating it deactivates every stored version. nullopt if
/// there is no such version; else the version now active.
std::optional<int> activate(pqxx::connection_base& conn, const std::string& model, int version);

struct prediction_game {
  std::string game_id;
  winprob::game_state state;
};

/// The games to predict: scheduled and live ones, or just `ids` (any state).
std::vector<prediction_game> load_prediction_games(pqxx::connection_base& conn,
                                                   const std::vector<std::string>& ids);

struct prediction {
  std::string game_id;
  double home_win_prob = 0.5;
  /// The state it was computed from, as JSON.
  std::string state_json;
};

/// Upserts predictions of model version (model, version).
void store_predictions(pqxx::connection_base& conn, const std::string& model, int version,
                       const std::vector<prediction>& ps);

/// {"game_id":...,"predictions":[{model, model_version, home_win_prob,
/// game_state, predicted_at}...]} newest first; found = false if the game is
/// unknown.
json_page game_predictions(pqxx::connection_base& conn, const std::string& game_id);

} // namespace playclock::models_sql
