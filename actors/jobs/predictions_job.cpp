// The prediction_generation job: the active model version's home win
// probability for every scheduled and live game (or the listed games),
// stored per model version and served at GET /api/games/{id}/predictions.
#include <stdexcept>
#include <string>

#include <pqxx/connection_base>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "actors/jobs/job_runner.hpp"
#include "actors/jobs/models_sql.hpp"
#include "adapters/pg/pool.hpp"

namespace playclock {

namespace {

std::string state_json(const winprob::game_state& s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartObject();
  w.Key("home_score");
  w.Int(s.home_score);
  w.Key("away_score");
  w.Int(s.away_score);
  w.Key("period");
  w.Int(s.period);
  w.Key("clock_seconds");
  w.Double(s.clock_seconds);
  w.Key("possession");
  w.Int(s.possession);
  w.Key("down");
  w.Int(s.down);
  w.Key("distance");
  w.Int(s.distance);
  w.Key("yards_to_endzone");
  w.Int(s.yards_to_endzone);
  w.Key("final");
  w.Bool(s.final);
  w.EndObject();
  return buf.GetString();
}

class predictions_runner final : public job_runner {
 public:
  explicit predictions_runner(std::vector<std::string> ids) : ids_(std::move(ids)) {}

  bool step(job_context& ctx) override {
    auto& pool = *ctx.env().pool;
    if (stage_++ == 0) {
      ctx.progress(10, "loading the model and the games");
      model_ = pool.run([](pqxx::connection_base& c) {
        return models_sql::active_model(c, models_sql::wp_model);
      });
      games_ = pool.run(
          [&](pqxx::connection_base& c) { return models_sql::load_prediction_games(c, ids_); });
      return false;
    }
    ctx.progress(50, "predicting " + std::to_string(games_.size()) + " game(s) with version " +
                         std::to_string(model_.coefficients.version));
    std::vector<models_sql::prediction> ps;
    ps.reserve(games_.size());
    for (const auto& g : games_)
      ps.push_back({g.game_id, winprob::home_win_probability(model_.coefficients, g.state),
                    state_json(g.state)});
    pool.run([&](pqxx::connection_base& c) {
      models_sql::store_predictions(c, models_sql::wp_model, model_.coefficients.version, ps);
    });
    stored_ = static_cast<int>(ps.size());
    return true;
  }

  std::string result() const override {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w{buf};
    w.StartObject();
    w.Key("model");
    w.String(models_sql::wp_model);
    w.Key("model_version");
    w.Int(model_.coefficients.version);
    w.Key("builtin");
    w.Bool(!model_.stored);
    w.Key("games");
    w.Int(stored_);
    w.EndObject();
    return buf.GetString();
  }

 private:
  std::vector<std::string> ids_;
  int stage_ = 0;
  models_sql::model_version model_;
  std::vector<models_sql::prediction_game> games_;
  int stored_ = 0;
};

} // namespace

std::unique_ptr<job_runner> make_predictions_runner(const rapidjson::Value& d) {
  std::vector<std::string> ids;
  if (d.HasMember("game_ids") && d["game_ids"].IsArray())
    for (const auto& v : d["game_ids"].GetArray())
      if (v.IsString())
        ids.emplace_back(v.GetString(), v.GetStringLength());
  return std::make_unique<predictions_runner>(std::move(ids));
}

} // namespace playclock
