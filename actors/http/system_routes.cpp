#include "actors/http/system_routes.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "actors/http/ask.hpp"
#include "actors/http_api.hpp"
#include "adapters/metrics/registry.hpp"
#include "messages/actors.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace {

using json_writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string_or_null(json_writer& w, const std::string& s) {
  if (s.empty())
    w.Null();
  else
    w.String(s);
}

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
  w.EndObject();
  return buf.GetString();
}

} // namespace

void add_system_routes(http::router& r, const http_api_context& ctx) {
  r.add("GET", "/api/system/health",
        [ctx](const http::request& req, const http::path_params&, http::responder respond) {
          auto health = ctx.names->get_as<health_actor>("node/health");
          http_bridge::ask<health_report>(
              *ctx.sys, health, ctx.request_timeout, std::move(respond), "health", req.path,
              [](health_report& rep) {
                http::response res;
                // Load balancers and probes read the status code.
                res.status = rep.status == "down" ? 503 : 200;
                res.body = health_json(rep);
                return res;
              },
              health_atom::value);
        });
  r.add("GET", "/metrics",
        [ctx](const http::request&, const http::path_params&, http::responder respond) {
          http::response res;
          res.content_type = "text/plain; version=0.0.4; charset=utf-8";
          res.body = ctx.metrics->serialize();
          respond(std::move(res));
        });
  // Lists every route of the router, including those added after this one;
  // the handler is owned by the router, so the pointer cannot dangle.
  const http::router* all = &r;
  r.add("GET", "/", [all](const http::request&, const http::path_params&, http::responder respond) {
    std::string list;
    for (const auto& route : all->describe())
      list += (list.empty() ? "\"" : ",\"") + route + "\"";
    http::response res;
    res.body =
        R"({"service":"playclock","version":")" PLAYCLOCK_VERSION R"(","routes":[)" + list + "]}";
    respond(std::move(res));
  });
}

} // namespace playclock
