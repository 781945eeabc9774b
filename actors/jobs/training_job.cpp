// The model_training job: fits the win-probability model on the stored
// plays of finished games, scores it and the active version on held-out
// games, stores it as a new version in the registry, and promotes it only
// if it is not worse (log loss) than the active one.
#include <cstdio>
#include <stdexcept>
#include <string>

#include <pqxx/connection_base>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "actors/jobs/job_runner.hpp"
#include "actors/jobs/models_sql.hpp"
#include "adapters/pg/pool.hpp"
#include "adapters/winprob/stored_state.hpp"

namespace playclock {

namespace {

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_eval(writer& w, const winprob::evaluation& e) {
  w.StartObject();
  w.Key("samples");
  w.Uint64(e.samples);
  w.Key("log_loss");
  w.Double(e.log_loss);
  w.Key("brier");
  w.Double(e.brier);
  w.Key("calibration_error");
  w.Double(e.calibration_error);
  w.EndObject();
}

class training_runner final : public job_runner {
 public:
  training_runner(int min_games, int holdout_pct, double l2, bool promote)
      : min_games_(min_games), holdout_pct_(holdout_pct), promote_(promote) {
    options_.l2 = l2;
  }

  bool step(job_context& ctx) override {
    auto& pool = *ctx.env().pool;
    switch (stage_++) {
    case 0: {
      ctx.progress(5, "loading the plays of finished games");
      auto games =
          pool.run([](pqxx::connection_base& c) { return models_sql::load_training_games(c); });
      games_ = static_cast<int>(games.size());
      if (games_ < min_games_)
        throw std::runtime_error("only " + std::to_string(games_) +
                                 " finished game(s) with plays are stored; min_games is " +
                                 std::to_string(min_games_));
      for (auto& g : games) {
        bool test = winprob::held_out(g.game_id, holdout_pct_);
        (test ? holdout_games_ : train_games_)++;
        auto& into = test ? test_ : train_;
        into.insert(into.end(), g.samples.begin(), g.samples.end());
      }
      if (train_.empty())
        throw std::runtime_error("no training plays left after holding out " +
                                 std::to_string(holdout_pct_) + "% of the games");
      if (test_.empty()) // too few games to hold any out: score on the training set
        test_ = train_;
      return false;
    }
    case 1:
      ctx.progress(30, "fitting on " + std::to_string(train_.size()) + " plays of " +
                           std::to_string(train_games_) + " games");
      fitted_ = winprob::fit(train_, options_, 1, models_sql::wp_model);
      return false;
    case 2: {
      ctx.progress(70, "scoring on " + std::to_string(test_.size()) + " held-out plays");
      baseline_ = pool.run([](pqxx::connection_base& c) {
        return models_sql::active_model(c, models_sql::wp_model);
      });
      fresh_eval_ = winprob::evaluate(fitted_, test_);
      base_eval_ = winprob::evaluate(baseline_.coefficients, test_);
      return false;
    }
    default: {
      promoted_ = promote_ && fresh_eval_.log_loss <= base_eval_.log_loss;
      ctx.progress(90, promoted_ ? "storing and promoting the new version"
                                 : "storing the new version (not promoted)");
      auto metrics = metrics_json();
      version_ = pool.run([&](pqxx::connection_base& c) {
        return models_sql::store_version(c, fitted_, metrics, promoted_);
      });
      return true;
    }
    }
  }

  std::string result() const override {
    rapidjson::StringBuffer buf;
    writer w{buf};
    w.StartObject();
    w.Key("model");
    w.String(models_sql::wp_model);
    w.Key("version");
    w.Int(version_);
    w.Key("promoted");
    w.Bool(promoted_);
    write_body(w);
    w.EndObject();
    return buf.GetString();
  }

 private:
  void write_body(writer& w) const {
    w.Key("games");
    w.Int(games_);
    w.Key("train_games");
    w.Int(train_games_);
    w.Key("holdout_games");
    w.Int(holdout_games_);
    w.Key("train_samples");
    w.Uint64(train_.size());
    w.Key("metrics");
    write_eval(w, fresh_eval_);
    w.Key("baseline");
    w.StartObject();
    w.Key("version");
    w.Int(baseline_.coefficients.version);
    w.Key("builtin");
    w.Bool(!baseline_.stored);
    w.Key("metrics");
    write_eval(w, base_eval_);
    w.EndObject();
  }

  std::string metrics_json() const {
    rapidjson::StringBuffer buf;
    writer w{buf};
    w.StartObject();
    write_body(w);
    w.EndObject();
    return buf.GetString();
  }

  int min_games_;
  int holdout_pct_;
  bool promote_;
  winprob::fit_options options_;
  int stage_ = 0;
  int games_ = 0, train_games_ = 0, holdout_games_ = 0;
  std::vector<winprob::sample> train_, test_;
  winprob::coefficients fitted_;
  models_sql::model_version baseline_;
  winprob::evaluation fresh_eval_, base_eval_;
  bool promoted_ = false;
  int version_ = 0;
};

} // namespace

std::unique_ptr<job_runner> make_training_runner(const rapidjson::Value& d) {
  auto l2 = d.FindMember("l2");
  auto promote = d.FindMember("promote");
  return std::make_unique<training_runner>(
      int_param(d, "min_games", 10), int_param(d, "holdout_pct", 20),
      l2 != d.MemberEnd() && l2->value.IsNumber() ? l2->value.GetDouble() : 1e-3,
      promote == d.MemberEnd() || !promote->value.IsBool() || promote->value.GetBool());
}

} // namespace playclock
