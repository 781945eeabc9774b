// The data_pipeline job (seed: sources -> dbt run -> dbt test). Sources:
// nflverse schedules and play-by-play CSV files from a directory, and the
// live feeds (each poller asked for a round, as quick_data_refresh does).
// Independent sources run together (the live polls while the files load);
// play-by-play waits for the schedules (its plays need their games). Then
// the transform (final scores settled from the last play), then the tests.
// Governance per source: pre-load checks (file present, source reachable)
// and post-load checks (required columns, row count, change against the
// last load, rejected rows, freshness), every one recorded in
// pipeline_checks; a failed critical check fails the job with the reason, a
// failed warning is logged and counted.
#include <chrono>
#include <cmath>
#include <filesystem>
#include <future>
#include <stdexcept>
#include <string>
#include <vector>

#include <pqxx/connection_base>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>

#include "actors/jobs/job_metrics.hpp"
#include "actors/jobs/job_runner.hpp"
#include "actors/jobs/pipeline_sql.hpp"
#include "actors/jobs/poll_sources.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/pg/pool.hpp"
#include "adapters/pipeline/nflverse.hpp"

namespace playclock {

namespace {

namespace fs = std::filesystem;
using pipeline_sql::check;

struct options {
  std::string dir;
  std::vector<std::string> sources;
  double anomaly_pct = 50;
  int max_age_days = 0;
  std::chrono::seconds wait{120};
};

// The CSV files of a source in `dir`: names holding the source's word.
std::vector<fs::path> files_of(const std::string& dir, const std::string& word) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it{dir, ec}, end; !ec && it != end; it.increment(ec)) {
    auto name = it->path().filename().string();
    if (it->is_regular_file(ec) && name.size() > 4 &&
        name.compare(name.size() - 4, 4, ".csv") == 0 && name.find(word) != std::string::npos)
      out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class pipeline_runner final : public job_runner {
 public:
  explicit pipeline_runner(options o) : o_(std::move(o)), log_(log::component("pipeline")) {}

  bool step(job_context& ctx) override {
    switch (stage_++) {
    case 0:
      pre_checks(ctx);
      return false;
    case 1:
      if (want("schedules"))
        load_schedules(ctx);
      return false;
    case 2:
      if (want("pbp"))
        load_pbp(ctx);
      return false;
    case 3:
      live_checks(ctx);
      transform(ctx);
      return false;
    default:
      tests(ctx);
      finish(ctx);
      return true;
    }
  }

  std::string result() const override {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w{buf};
    w.StartObject();
    w.Key("loaded");
    w.StartObject();
    for (const auto& [k, v] : loaded_) {
      w.Key(k.c_str());
      w.Int(v);
    }
    w.EndObject();
    w.Key("settled_games");
    w.Int(settled_);
    int failed = 0;
    int warnings = 0;
    for (const auto& c : checks_) {
      failed += !c.passed && c.severity == "critical" ? 1 : 0;
      warnings += !c.passed && c.severity == "warning" ? 1 : 0;
    }
    w.Key("checks");
    w.Int(static_cast<int>(checks_.size()));
    w.Key("warnings");
    w.Int(warnings);
    w.Key("failed");
    w.Int(failed);
    w.EndObject();
    return buf.GetString();
  }

 private:
  bool want(const std::string& s) const {
    return std::find(o_.sources.begin(), o_.sources.end(), s) != o_.sources.end();
  }

  void add(job_context& ctx, check c) {
    if (!c.passed) {
      if (c.severity == "critical")
        log_->error("pipeline {}: {} {} failed: {}", ctx.job().id, c.source, c.name, c.detail);
      else
        log_->warn("pipeline {}: {} {}: {}", ctx.job().id, c.source, c.name, c.detail);
    }
    if (ctx.env().metrics)
      ctx.env().metrics->count_check(c.source, c.name,
                                     c.passed ? "passed"
                                              : (c.severity == "critical" ? "failed" : "warning"));
    checks_.push_back(std::move(c));
  }

  // Records every check so far; a failed critical one fails the job.
  void settle_checks(job_context& ctx) {
    std::string why;
    for (auto i = recorded_; i < checks_.size(); ++i)
      if (!checks_[i].passed && checks_[i].severity == "critical")
        why += (why.empty() ? "" : "; ") + checks_[i].source + " " + checks_[i].name + ": " +
               checks_[i].detail;
    std::vector<check> fresh(checks_.begin() + static_cast<std::ptrdiff_t>(recorded_),
                             checks_.end());
    ctx.env().pool->run([&](pqxx::connection_base& c) {
      pipeline_sql::record_checks(c, ctx.job().id, fresh);
      return true;
    });
    recorded_ = checks_.size();
    if (!why.empty())
      throw std::runtime_error("critical check failed: " + why);
  }

  void pre_checks(job_context& ctx) {
    ctx.progress(5, "pre-load checks");
    for (const char* source : {"schedules", "pbp"}) {
      if (!want(source))
        continue;
      auto files = files_of(o_.dir, source);
      std::string names;
      for (const auto& f : files)
        names += (names.empty() ? "" : ", ") + f.filename().string();
      add(ctx, check{source, "pre", "file_present", "critical", !files.empty(),
                     static_cast<double>(files.size()),
                     files.empty() ? "no *" + std::string{source} + "*.csv in " + o_.dir : names});
      files_[source] = std::move(files);
    }
    settle_checks(ctx);
    if (want("live")) {
      // Polled on another thread while the files load.
      auto* sys = ctx.env().sys;
      auto names = ctx.env().names;
      auto wait = o_.wait;
      live_ = std::async(std::launch::async, [sys, names, wait] {
        return poll_sources(*sys, *names, live_sources(), wait);
      });
    }
  }

  // Checks common to both file sources after their rows were read.
  void post_checks(job_context& ctx, const std::string& source, int rows, int rejected,
                   const std::vector<std::string>& reasons) {
    add(ctx, check{source, "post", "row_count", "critical", rows > 0, static_cast<double>(rows),
                   rows > 0 ? "" : "no row could be loaded"});
    auto last = ctx.env().pool->run([&](pqxx::connection_base& c) {
      return pipeline_sql::last_row_count(c, source, ctx.job().id);
    });
    if (last && *last > 0) {
      double change = (rows - *last) * 100.0 / *last;
      add(ctx, check{source, "post", "row_count_change", "warning",
                     std::fabs(change) <= o_.anomaly_pct, change,
                     std::to_string(static_cast<long long>(*last)) + " rows last time, " +
                         std::to_string(rows) + " now"});
    }
    std::string why;
    for (const auto& r : reasons)
      why += (why.empty() ? "" : "; ") + r;
    add(ctx, check{source, "post", "rejected_rows", "warning", rejected == 0,
                   static_cast<double>(rejected), why});
    if (o_.max_age_days > 0) {
      double oldest_days = 0;
      for (const auto& f : files_[source]) {
        std::error_code ec;
        auto t = fs::last_write_time(f, ec);
        if (ec)
          continue;
        auto age = std::chrono::duration<double>(fs::file_time_type::clock::now() - t).count();
        oldest_days = std::max(oldest_days, age / 86400);
      }
      add(ctx,
          check{source, "post", "freshness", "warning", oldest_days <= o_.max_age_days, oldest_days,
                "oldest file " + std::to_string(static_cast<int>(oldest_days)) + " day(s) old"});
    }
  }

  // Reads every file of `source`; a missing column is a failed critical check.
  // `key`: the column that tells the source's files from other files named
  // alike (a derived games table named "..._from_pbp.csv").
  std::vector<pipeline::csv_table> read_files(job_context& ctx, const std::string& source,
                                              const std::vector<std::string>& required,
                                              const std::string& key) {
    std::vector<pipeline::csv_table> tables;
    for (const auto& f : files_[source]) {
      pipeline::csv_table t;
      std::string error;
      try {
        t = pipeline::read_csv(f.string());
      } catch (const std::exception& e) {
        error = e.what();
      }
      if (error.empty() && t.column(key) < 0) {
        add(ctx, check{source, "post", "unrecognised_file", "warning", false, std::nullopt,
                       f.filename().string() + ": no " + key + " column; skipped"});
        continue;
      }
      auto missing =
          error.empty() ? pipeline::missing_columns(t, required) : std::vector<std::string>{};
      std::string what;
      for (const auto& m : missing)
        what += (what.empty() ? "" : ", ") + m;
      add(ctx,
          check{source, "post", "required_columns", "critical", error.empty() && missing.empty(),
                std::nullopt,
                f.filename().string() +
                    (error.empty() ? (what.empty() ? "" : ": missing " + what) : ": " + error)});
      tables.push_back(std::move(t));
    }
    settle_checks(ctx);
    return tables;
  }

  void load_schedules(job_context& ctx) {
    ctx.progress(15, "loading schedules");
    int rows = 0;
    int rejected = 0;
    std::vector<std::string> reasons;
    for (auto& t : read_files(ctx, "schedules", pipeline::schedule_columns(), "gameday")) {
      auto r = pipeline::read_schedules(t);
      rows += ctx.env().pool->run(
          [&](pqxx::connection_base& c) { return pipeline_sql::upsert_games(c, r.loaded, false); });
      rejected += r.rejected;
      reasons.insert(reasons.end(), r.reasons.begin(), r.reasons.end());
    }
    loaded_["schedules"] = rows;
    post_checks(ctx, "schedules", rows, rejected, reasons);
    settle_checks(ctx);
  }

  void load_pbp(job_context& ctx) {
    ctx.progress(40, "loading play-by-play");
    int rows = 0;
    int rejected = 0;
    std::vector<std::string> reasons;
    for (auto& t : read_files(ctx, "pbp", pipeline::pbp_columns(), "play_id")) {
      auto r = pipeline::read_pbp(t);
      rows += ctx.env().pool->run([&](pqxx::connection_base& c) {
        // Games no schedule listed first: the plays refer to them.
        pipeline_sql::upsert_games(c, r.games, true);
        return pipeline_sql::upsert_plays(c, r.plays.loaded);
      });
      rejected += r.plays.rejected;
      reasons.insert(reasons.end(), r.plays.reasons.begin(), r.plays.reasons.end());
      if (ctx.stopping())
        return;
    }
    loaded_["pbp"] = rows;
    post_checks(ctx, "pbp", rows, rejected, reasons);
    settle_checks(ctx);
  }

  void live_checks(job_context& ctx) {
    if (!live_.valid())
      return;
    ctx.progress(70, "waiting for the live sources");
    int polled = 0;
    for (const auto& o : live_.get()) {
      if (o.status == "skipped")
        continue;
      ++polled;
      add(ctx, check{"live." + o.source, "pre", "source_reachable", "critical", o.status == "ok",
                     std::nullopt, o.error});
      if (o.status == "ok")
        add(ctx, check{"live." + o.source, "post", "row_count", "warning", true,
                       static_cast<double>(o.row.items), o.row.source});
    }
    loaded_["live"] = polled;
    settle_checks(ctx);
  }

  void transform(job_context& ctx) {
    ctx.progress(80, "transform: settling final scores");
    settled_ =
        ctx.env().pool->run([](pqxx::connection_base& c) { return pipeline_sql::settle_games(c); });
  }

  // The tests after the transform: every loaded final game's score matches
  // its last play.
  void tests(job_context& ctx) {
    if (!want("pbp"))
      return;
    ctx.progress(90, "tests");
    auto mismatched = ctx.env().pool->run(
        [](pqxx::connection_base& c) { return pipeline_sql::score_mismatches(c); });
    add(ctx, check{"pbp", "post", "final_score_matches_last_play", "warning", mismatched == 0,
                   static_cast<double>(mismatched),
                   mismatched == 0 ? "" : std::to_string(mismatched) + " game(s) differ"});
    settle_checks(ctx);
  }

  void finish(job_context& ctx) {
    int warnings = 0;
    for (const auto& c : checks_)
      warnings += c.passed ? 0 : 1;
    ctx.progress(100, std::to_string(checks_.size()) + " checks, " + std::to_string(warnings) +
                          " warning(s)");
  }

  options o_;
  std::shared_ptr<spdlog::logger> log_;
  int stage_ = 0;
  std::map<std::string, std::vector<fs::path>> files_;
  std::map<std::string, int> loaded_;
  std::vector<check> checks_;
  std::size_t recorded_ = 0;
  int settled_ = 0;
  std::future<std::vector<source_outcome>> live_;
};

} // namespace

std::unique_ptr<job_runner> make_pipeline_runner(const rapidjson::Value& params) {
  options o;
  auto dir = params.FindMember("dir");
  if (dir != params.MemberEnd() && dir->value.IsString())
    o.dir = dir->value.GetString();
  auto sources = params.FindMember("sources");
  if (sources != params.MemberEnd() && sources->value.IsArray()) {
    for (const auto& s : sources->value.GetArray())
      if (s.IsString())
        o.sources.emplace_back(s.GetString());
  } else {
    // Without a directory only the live feeds.
    o.sources = o.dir.empty() ? std::vector<std::string>{"live"}
                              : std::vector<std::string>{"schedules", "pbp", "live"};
  }
  auto pct = params.FindMember("anomaly_pct");
  if (pct != params.MemberEnd() && pct->value.IsNumber())
    o.anomaly_pct = pct->value.GetDouble();
  o.max_age_days = int_param(params, "max_age_days", 0);
  o.wait = std::chrono::seconds{int_param(params, "wait_s", 120)};
  return std::make_unique<pipeline_runner>(std::move(o));
}

} // namespace playclock
