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

#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "actors/jobs/job_runner.hpp"
#include "messages/games.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace {

/// The sources a refresh may name, with their pollers' registry paths.
const std::vector<std::pair<std::string, std::string>>& pollers() {
  static const std::vector<std::pair<std::string, std::string>> all{
      {"scoreboard", "node/pollers/scoreboard"}, {"schedule", "node/pollers/schedule"},
      {"injuries", "node/pollers/injuries"},     {"weather", "node/pollers/weather"},
      {"markets", "node/markets_poller"},
  };
  return all;
}

struct outcome {
  std::string source;
  std::string status; // ok, error, skipped (no such poller on this node)
  sync_entry row;
  std::string error;
};

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
    for (const auto& [name, _] : pollers())
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

  // Asks each named poller for a round, then collects the answers (the
  // requests are all out before the first wait, so they run together).
  void poll(job_context& ctx, const std::vector<std::string>& names) {
    auto& reg = *ctx.env().names;
    caf::scoped_actor self{*ctx.env().sys};
    using handle = decltype(self->request(caf::actor{}, wait_, poll_now_atom::value));
    std::vector<std::pair<outcome, handle>> asked;
    for (const auto& name : names) {
      auto path = std::find_if(pollers().begin(), pollers().end(), [&](const auto& p) {
                    return p.first == name;
                  })->second;
      auto h = reg.get(path);
      if (!h) {
        done_.push_back(outcome{name, "skipped", {}, "not running on this node"});
        continue;
      }
      asked.emplace_back(outcome{name, "", {}, ""}, self->request(h, wait_, poll_now_atom::value));
    }
    for (auto& entry : asked) {
      auto& o = entry.first;
      entry.second.receive(
          [&o](sync_entry& row) {
            o.status = row.status == "ok" ? "ok" : "error";
            o.error = row.error;
            o.row = std::move(row);
          },
          [&o, &self](caf::error& e) {
            o.status = "error";
            o.error = self->system().render(e);
          });
      done_.push_back(std::move(o));
    }
  }

  std::vector<std::string> wanted_;
  std::chrono::seconds wait_;
  int stage_ = 0;
  std::vector<outcome> done_;
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
