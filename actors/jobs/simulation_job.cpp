// The simulation job (seed: simulation_loop): a tenant's simulation, one
// job actor. Each step is a tick that generates events with the game engine
// (a play each), enriches them (tags, each team's rolling numbers),
// persists them under the tenant, and paces them to `speed` events a
// second. At the end it writes the result and the narrative: the built-in
// summary, retold by the configured chat-completions API when there is one.
// A re-run (retry, rescue after a crash) starts over from the same seed.
#include <chrono>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <pqxx/connection_base>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "actors/jobs/job_runner.hpp"
#include "actors/jobs/simulations_sql.hpp"
#include "adapters/pg/pool.hpp"
#include "adapters/sim/engine.hpp"
#include "adapters/sim/stats.hpp"
#include "adapters/simulations/plan.hpp"
#include "adapters/simulations/summary.hpp"
#include "adapters/sports/enrich.hpp"

namespace playclock {

namespace {

using clock_type = std::chrono::steady_clock;

// One tick's budget when unpaced: enough events per write to keep
// PostgreSQL busy, short enough to see a cancel quickly.
constexpr int unpaced_batch = 500;
constexpr std::chrono::milliseconds tick{250};

std::string event_json(const simulations::fixture& f, const sports::play& p,
                       const std::vector<std::string>& tags,
                       const sports::rolling_window& rolling) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartObject();
  w.Key("type");
  w.String("play");
  w.Key("home");
  w.String(f.home.team.abbreviation.c_str());
  w.Key("away");
  w.String(f.away.team.abbreviation.c_str());
  w.Key("period");
  w.Int(p.period);
  w.Key("clock");
  w.String(p.clock.c_str());
  w.Key("team");
  w.String(p.team.c_str());
  w.Key("play_type");
  w.String(p.type.c_str());
  w.Key("text");
  w.String(p.text.c_str());
  w.Key("yards");
  w.Int(p.yards);
  w.Key("home_score");
  w.Int(p.home_score);
  w.Key("away_score");
  w.Int(p.away_score);
  w.Key("tags");
  w.StartArray();
  for (const auto& t : tags)
    w.String(t.c_str());
  w.EndArray();
  w.Key("rolling");
  w.StartObject();
  for (const auto* team : {&f.home.team.abbreviation, &f.away.team.abbreviation}) {
    auto n = rolling.of(*team);
    w.Key(team->c_str());
    w.StartObject();
    w.Key("plays");
    w.Int(n.plays);
    w.Key("yards_per_play");
    w.Double(std::round(n.yards_per_play * 100) / 100);
    w.Key("success_rate");
    w.Double(std::round(n.success_rate * 1000) / 1000);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return buf.GetString();
}

std::string final_json(const simulations::outcome& o) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartObject();
  w.Key("type");
  w.String("game_final");
  w.Key("home");
  w.String(o.home.c_str());
  w.Key("away");
  w.String(o.away.c_str());
  w.Key("home_score");
  w.Int(o.home_score);
  w.Key("away_score");
  w.Int(o.away_score);
  w.Key("winner");
  auto win = o.winner();
  if (win.empty())
    w.Null();
  else
    w.String(win.c_str());
  w.EndObject();
  return buf.GetString();
}

std::string moment(const sports::play& p) {
  return "Q" + std::to_string(p.period) + " " + p.clock + " (" + std::to_string(p.home_score) +
         "-" + std::to_string(p.away_score) + "): " + p.text;
}

class simulation_runner final : public job_runner {
 public:
  simulation_runner(std::int64_t id, std::string tenant, std::string params)
      : id_(id), tenant_(std::move(tenant)), params_(std::move(params)),
        req_(simulations::read_request(params_)), plan_(req_) {}

  bool step(job_context& ctx) override {
    auto& pool = *ctx.env().pool;
    if (!started_) {
      if (tenant_.empty())
        throw std::invalid_argument("a simulation belongs to a tenant");
      pool.run([&](pqxx::connection_base& c) {
        simulations_sql::start(c, id_, tenant_, req_.kind, params_, req_.seed, ctx.env().node);
        return true;
      });
      started_ = true;
      ctx.progress(0, "0 of " + std::to_string(plan_.total_games()) + " games");
      return false;
    }
    auto began = clock_type::now();
    int budget = req_.speed > 0 ? std::max(1, static_cast<int>(req_.speed * 0.25)) : unpaced_batch;
    std::vector<simulations_sql::event_row> batch;
    bool over = false;
    while (static_cast<int>(batch.size()) < budget && !ctx.stopping()) {
      if (!next_event(batch)) {
        over = true;
        break;
      }
      if (req_.speed <= 0 && clock_type::now() - began > tick)
        break;
    }
    int done = static_cast<int>(records_.size());
    int percent = over ? 99 : std::min(99, done * 100 / std::max(1, plan_.total_games()));
    pool.run([&](pqxx::connection_base& c) {
      simulations_sql::add_events(c, id_, tenant_, batch, events_, percent);
      return true;
    });
    if (!over) {
      ctx.progress(percent, std::to_string(done) + " of " + std::to_string(plan_.total_games()) +
                                " games, " + std::to_string(events_) + " events");
      if (req_.speed > 0) {
        // Paced: this tick's events spread over the time they stand for.
        auto due = std::chrono::milliseconds{
            static_cast<std::int64_t>(static_cast<double>(batch.size()) * 1000.0 / req_.speed)};
        auto spent =
            std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - began);
        if (due > spent)
          ctx.sleep_for(due - spent);
      }
      return false;
    }
    finish(ctx);
    return true;
  }

  std::string result() const override {
    // The source may carry an endpoint's error text: written, not pasted.
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w{buf};
    w.StartObject();
    w.Key("simulation_id");
    w.Int64(id_);
    w.Key("games");
    w.Uint64(records_.size());
    w.Key("events");
    w.Int(events_);
    w.Key("truncated");
    w.Bool(truncated_);
    w.Key("narrative_source");
    w.String(narrative_source_.c_str());
    w.EndObject();
    return buf.GetString();
  }

 private:
  // Generates the next event into `batch`; false when the simulation is over.
  bool next_event(std::vector<simulations_sql::event_row>& batch) {
    if (req_.steps > 0 && events_ >= req_.steps) {
      truncated_ = engine_.has_value() || plan_.next(played_).has_value();
      return false;
    }
    if (!engine_) {
      auto f = plan_.next(played_);
      if (!f)
        return false;
      fixture_ = *f;
      sim::game_options o;
      o.game_id = fixture_.key;
      o.home = fixture_.home;
      o.away = fixture_.away;
      // Each game its own stream, the same for the same request.
      o.seed = req_.seed * 1000003ULL + records_.size() + 1;
      o.allow_tie = fixture_.allow_tie;
      o.week = fixture_.round;
      engine_.emplace(o);
      rolling_ = sports::rolling_window{10};
      lead_ = 0;
      record_ = simulations::game_record{};
      record_.key = fixture_.key;
    }
    const auto& p = engine_->step();
    rolling_.add(p);
    auto tags = sports::tag_play(p);
    batch.push_back({++events_, fixture_.key, event_json(fixture_, p, tags, rolling_)});
    if (p.scoring) {
      int lead = (p.home_score > p.away_score) - (p.home_score < p.away_score);
      if (lead != 0 && lead != lead_)
        record_.turning_points.push_back(moment(p));
      lead_ = lead;
    }
    // Long gains from scrimmage (not field goals, whose yards are their
    // distance), and scores by the defense or on returns.
    bool big = (sports::is_scrimmage_play(p) && std::abs(p.yards) >= 40) ||
               (p.scoring && std::find(tags.begin(), tags.end(), "turnover") != tags.end());
    if (big)
      record_.big_plays.push_back(moment(p));
    if (engine_->finished()) {
      const auto& g = engine_->state();
      simulations::outcome o;
      o.home = g.home.abbreviation;
      o.away = g.away.abbreviation;
      o.home_score = g.home_score;
      o.away_score = g.away_score;
      o.round = fixture_.round;
      sports::game_summary summary;
      summary.header = g;
      summary.drives = engine_->drives();
      summary.scoring_play_ids = engine_->scoring_play_ids();
      record_.box = sim::compute_box_score(summary);
      record_.result = o;
      records_.push_back(std::move(record_));
      played_.push_back(o);
      batch.push_back({++events_, fixture_.key, final_json(o)});
      engine_.reset();
    }
    return true;
  }

  void finish(job_context& ctx) {
    auto builtin = simulations::narrate(req_.kind, records_, truncated_);
    auto narrative = builtin;
    narrative_source_ = "builtin";
    if (!ctx.env().llm.url.empty()) {
      ctx.progress(99, "writing the narrative");
      auto llm = simulations::llm_narrative(ctx.env().llm, builtin);
      if (llm.ok) {
        narrative = llm.text;
        narrative_source_ = "llm";
      } else {
        narrative_source_ = "builtin (llm failed: " + llm.text + ")";
      }
    }
    auto result = simulations::result_json(req_.kind, records_, events_, truncated_);
    ctx.env().pool->run([&](pqxx::connection_base& c) {
      simulations_sql::finish(c, id_, result, narrative, narrative_source_);
      return true;
    });
    ctx.progress(100, std::to_string(records_.size()) + " games, " + std::to_string(events_) +
                          " events" + (truncated_ ? " (stopped at steps)" : ""));
  }

  std::int64_t id_;
  std::string tenant_;
  std::string params_;
  simulations::request req_;
  simulations::plan plan_;
  bool started_ = false;
  bool truncated_ = false;
  int events_ = 0;
  std::optional<sim::game_engine> engine_;
  simulations::fixture fixture_;
  sports::rolling_window rolling_{10};
  int lead_ = 0;
  simulations::game_record record_;
  std::vector<simulations::game_record> records_;
  std::vector<simulations::outcome> played_;
  std::string narrative_source_ = "builtin";
};

} // namespace

std::unique_ptr<job_runner> make_simulation_runner(const jobs_sql::claimed_job& job) {
  return std::make_unique<simulation_runner>(job.id, job.tenant, job.params);
}

} // namespace playclock
