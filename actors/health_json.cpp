#include "actors/health_json.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace playclock {

namespace {

using json_writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string_or_null(json_writer& w, const std::string& s) {
  if (s.empty())
    w.Null();
  else
    w.String(s);
}

} // namespace

std::string health_json(const health_report& r) {
  rapidjson::StringBuffer buf;
  json_writer w{buf};
  w.StartObject();
  w.Key("status");
  w.String(r.status);
  w.Key("node");
  w.String(r.node);
  w.Key("version");
  w.String(r.version);
  w.Key("started_at");
  w.String(r.started_at);
  w.Key("uptime_s");
  w.Double(r.uptime_s);
  w.Key("database");
  w.StartObject();
  w.Key("status");
  w.String(r.database.up ? "up" : "down");
  w.Key("latency_ms");
  w.Double(r.database.latency_ms);
  w.Key("error");
  write_string_or_null(w, r.database.error);
  w.Key("pool");
  w.StartObject();
  w.Key("size");
  w.Int(r.database.pool_size);
  w.Key("in_use");
  w.Int(r.database.pool_in_use);
  w.Key("idle");
  w.Int(r.database.pool_idle);
  w.Key("waits_total");
  w.Uint64(r.database.pool_waits);
  w.EndObject();
  w.EndObject();
  w.Key("components");
  w.StartArray();
  for (const auto& c : r.supervision.components) {
    w.StartObject();
    w.Key("path");
    w.String(c.path);
    w.Key("kind");
    w.String(c.kind);
    w.Key("state");
    w.String(c.state);
    w.Key("restarts");
    w.Uint(c.restarts);
    w.Key("count");
    w.Uint(c.count);
    w.Key("last_exit");
    write_string_or_null(w, c.last_exit);
    w.EndObject();
  }
  w.EndArray();
  if (!r.operations.empty()) {
    // Already JSON (health_sql::operations): its members join the report.
    rapidjson::Document ops;
    ops.Parse(r.operations.c_str());
    if (!ops.HasParseError() && ops.IsObject())
      for (const auto& m : ops.GetObject()) {
        w.Key(m.name.GetString(), m.name.GetStringLength());
        m.value.Accept(w);
      }
  }
  w.EndObject();
  return buf.GetString();
}

} // namespace playclock
