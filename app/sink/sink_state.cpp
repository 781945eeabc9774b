#include "app/sink/sink_state.hpp"

#include <algorithm>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace playclock::sink {

int sink_state::answer_for(const std::string& id) {
  std::lock_guard<std::mutex> guard{mtx_};
  ++requests_;
  if (rate_limit_every > 0 && requests_ % static_cast<std::uint64_t>(rate_limit_every) == 0)
    return 429;
  auto it = by_id_.find(id);
  int before = it == by_id_.end() ? 0 : it->second.attempts;
  if (before < fail_first)
    return 500;
  return 200;
}

void sink_state::record(const std::string& id, const std::string& type, const std::string& message,
                        int status, double latency_ms) {
  std::lock_guard<std::mutex> guard{mtx_};
  auto [it, fresh] = by_id_.try_emplace(id);
  auto& a = it->second;
  if (fresh) {
    a.id = id;
    a.type = type;
    a.message = message;
    order_.push_back(id);
  }
  ++a.attempts;
  if (status < 200 || status > 299) {
    ++failed_answers_;
    return;
  }
  ++a.accepted;
  ++deliveries_;
  if (a.accepted > 1) {
    ++duplicates_;
    return;
  }
  ++by_type_[type];
  if (latency_ms >= 0)
    latencies_.push_back(latency_ms);
}

void sink_state::reset() {
  std::lock_guard<std::mutex> guard{mtx_};
  by_id_.clear();
  order_.clear();
  by_type_.clear();
  latencies_.clear();
  requests_ = deliveries_ = duplicates_ = failed_answers_ = 0;
}

std::string sink_state::report_json() const {
  std::lock_guard<std::mutex> guard{mtx_};
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartObject();
  w.Key("alerts");
  w.Uint64(by_type_.empty() ? 0 : [&] {
    std::uint64_t n = 0;
    for (const auto& kv : by_type_)
      n += static_cast<std::uint64_t>(kv.second);
    return n;
  }());
  w.Key("deliveries");
  w.Uint64(deliveries_);
  w.Key("duplicates");
  w.Uint64(duplicates_);
  w.Key("failed_answers");
  w.Uint64(failed_answers_);
  w.Key("by_type");
  w.StartObject();
  for (const auto& [type, n] : by_type_) {
    w.Key(type.c_str());
    w.Int(n);
  }
  w.EndObject();
  auto sorted = latencies_;
  std::sort(sorted.begin(), sorted.end());
  auto pct = [&](double p) {
    if (sorted.empty())
      return 0.0;
    auto i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(i, sorted.size() - 1)];
  };
  w.Key("latency_ms");
  w.StartObject();
  w.Key("count");
  w.Uint64(sorted.size());
  w.Key("p50");
  w.Double(pct(0.50));
  w.Key("p99");
  w.Double(pct(0.99));
  w.Key("max");
  w.Double(sorted.empty() ? 0.0 : sorted.back());
  w.EndObject();
  w.Key("recent");
  w.StartArray();
  auto from = order_.size() > 50 ? order_.size() - 50 : 0;
  for (auto i = from; i < order_.size(); ++i) {
    const auto& a = by_id_.at(order_[i]);
    w.StartObject();
    w.Key("id");
    w.String(a.id.c_str());
    w.Key("type");
    w.String(a.type.c_str());
    w.Key("message");
    w.String(a.message.c_str());
    w.Key("attempts");
    w.Int(a.attempts);
    w.Key("accepted");
    w.Int(a.accepted);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return buf.GetString();
}

} // namespace playclock::sink
