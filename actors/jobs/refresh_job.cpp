// The quick_data_refresh job: every live source of this node polled once,
// now, by its own poller (so rate limits, backoff and storage stay theirs),
// and no training. The scoreboard goes first, because the injury and
// weather rounds work on the games it lists; the rest then run together.
// The result lists each source's sync-log row; the job fails only when
// every source failed, so one broken feed does not hide the others' news.
#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "actors/jobs/job_runner.hpp"
#include "actors/jobs/poll_sources.hpp"

namespace playclock {

namespace {

class refresh_runner final : public job_runner {
 public:
  refresh_runner(std::vector<std::string> wanted, std::chrono::seconds wait)
      : wanted_(std::move(wanted)), wait_(wait) {}

  bool step(job_context& ctx) override {
    if (stage_++ == 0) {
      if (want("scoreboard")) {
        ctx.progress(5, "polling the scoreboard");
        poll(ctx, {"scoreboard"});
      }
      return false;
    }
    std::vector<std::string> rest;
    for (const auto& name : live_sources())
      if (name != "scoreboard" && want(name))
        rest.push_back(name);
    ctx.progress(40, "polling " + std::to_string(rest.size()) + " more sources");
    poll(ctx, rest);
    int failed = 0;
    int polled = 0;
    for (const auto& o : done_) {
      polled += o.status != "skipped" ? 1 : 0;
      failed += o.status == "error" ? 1 : 0;
    }
    if (polled == 0)
      throw std::runtime_error("no live source runs on this node");
    if (failed == polled)
      throw std::runtime_error("every source failed: " + done_.front().error);
    ctx.progress(100, std::to_string(polled - failed) + " of " + std::to_string(polled) +
                          " sources refreshed");
    return true;
  }

  std::string result() const override {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w{buf};
    w.StartObject();
    w.Key("sources");
    w.StartArray();
    for (const auto& o : done_) {
      w.StartObject();
      w.Key("source");
      w.String(o.source.c_str());
      w.Key("status");
      w.String(o.status.c_str());
      if (o.status != "skipped") {
        w.Key("sync_source");
        w.String(o.row.source.c_str());
        w.Key("items");
        w.Int(o.row.items);
        w.Key("duration_ms");
        w.Double(o.row.duration_ms);
      }
      if (!o.error.empty()) {
        w.Key("error");
        w.String(o.error.c_str());
      }
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return buf.GetString();
  }

 private:
  bool want(const std::string& name) const {
    return wanted_.empty() || std::find(wanted_.begin(), wanted_.end(), name) != wanted_.end();
  }

  void poll(job_context& ctx, const std::vector<std::string>& names) {
    for (auto& o : poll_sources(*ctx.env().sys, *ctx.env().names, names, wait_))
      done_.push_back(std::move(o));
  }

  std::vector<std::string> wanted_;
  std::chrono::seconds wait_;
  int stage_ = 0;
  std::vector<source_outcome> done_;
};

} // namespace

std::unique_ptr<job_runner> make_refresh_runner(const rapidjson::Value& params) {
  std::vector<std::string> wanted;
  auto m = params.FindMember("sources");
  if (m != params.MemberEnd() && m->value.IsArray())
    for (const auto& s : m->value.GetArray())
      if (s.IsString())
        wanted.emplace_back(s.GetString(), s.GetStringLength());
  return std::make_unique<refresh_runner>(std::move(wanted),
                                          std::chrono::seconds{int_param(params, "wait_s", 120)});
}

} // namespace playclock
