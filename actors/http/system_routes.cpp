#include "actors/http/system_routes.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "actors/health_json.hpp"
#include "actors/http/ask.hpp"
#include "actors/http/params.hpp"
#include "actors/http/query_reply.hpp"
#include "actors/http_api.hpp"
#include "actors/jobs/health_sql.hpp"
#include "adapters/metrics/registry.hpp"
#include "messages/actors.hpp"
#include "messages/jobs.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace {} // namespace

void add_system_routes(http::router& r, const http_api_context& ctx) {
  using namespace http_params;
  using http_query::ask_page;
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
  r.add("GET", "/api/system/health/history",
        [ctx](const http::request& req, const http::path_params&, http::responder respond) {
          std::int32_t limit = 60;
          std::string cursor;
          std::string node = req.query_param("node").value_or("");
          auto bad = check_names(req, {"limit", "node", "cursor"});
          if (!bad)
            bad = parse_count(req, "limit", 60, 1440, limit);
          if (!bad)
            bad = parse_cursor(req, health_sql::valid_history_cursor, cursor);
          if (!bad && node.size() > 255)
            bad = bad_param{"node", "must be at most 255 bytes"};
          if (bad)
            return respond(bad_request(*bad, req.path));
          ask_page<jobs_api_actor>(ctx, "node/jobs/api", std::move(respond), req.path,
                                   "no snapshots", health_atom::value, limit, node, cursor);
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
