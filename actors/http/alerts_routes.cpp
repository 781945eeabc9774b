#include "actors/http/alerts_routes.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "actors/alerts/alert_sql.hpp"
#include "actors/http/auth_check.hpp"
#include "actors/http/params.hpp"
#include "actors/http/query_reply.hpp"
#include "actors/http_api.hpp"
#include "adapters/alerts/rule_json.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/router.hpp"
#include "messages/alerts.hpp"

namespace playclock {

using namespace http_params;
using http_query::ask;
using http_query::ask_page;

void add_alerts_routes(http::router& r, const http_api_context& ctx) {
  const std::string rules = "/api/tenants/{tenant}/alert-rules";

  http_auth::add_tenant_route(
      r, ctx, "GET", rules,
      [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
        std::string tenant;
        if (auto bad = check_tenant_request(req, params, {}, tenant))
          return respond(bad_request(*bad, req.path));
        ask_page<alert_store_actor>(ctx, "node/alert_store", std::move(respond), req.path,
                                    "tenant " + tenant + " not found", rules_atom::value, tenant);
      });

  http_auth::add_tenant_route(
      r, ctx, "POST", rules,
      [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
        std::string tenant;
        if (auto bad = check_tenant_request(req, params, {}, tenant))
          return respond(bad_request(*bad, req.path));
        if (req.body.size() > alerts::max_rule_body_bytes)
          return respond(http::problem(http::ec::payload_too_large, "a rule body is at most 64 KiB",
                                       req.path));
        if (!json_content_type(req))
          return respond(http::problem(http::ec::unsupported_media_type,
                                       "the body must be application/json", req.path));
        auto parsed = alerts::parse_rule(req.body, tenant);
        if (auto* err = std::get_if<alerts::rule_error>(&parsed)) {
          if (err->field.empty())
            return respond(http::problem(http::ec::bad_request, err->message, req.path));
          return respond(
              invalid(http::ec::unprocessable, bad_param{err->field, err->message}, req.path));
        }
        auto on_reply = [path = req.path](alerts::rule& stored) {
          http::response res;
          res.status = 201;
          res.headers.emplace_back("Location", path + "/" + std::to_string(stored.id));
          res.body = alerts::rule_to_json(stored);
          return res;
        };
        ask<alert_router_actor, alerts::rule>(ctx, "node/alert_router", std::move(respond),
                                              req.path, on_reply, rules_atom::value,
                                              std::get<alerts::rule>(std::move(parsed)));
      });

  http_auth::add_tenant_route(
      r, ctx, "DELETE", rules + "/{id}",
      [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
        std::string tenant;
        auto bad = check_tenant_request(req, params, {}, tenant);
        auto id = parse_digits(path_param(params, "id"));
        if (!bad && (!id || *id < 1))
          bad = bad_param{"id", "must be a positive integer"};
        if (bad)
          return respond(bad_request(*bad, req.path));
        auto on_reply = [path = req.path, tenant, id = *id](bool existed) {
          if (!existed)
            return http::problem(
                http::ec::not_found,
                "rule " + std::to_string(id) + " of tenant " + tenant + " not found", path);
          http::response res;
          res.status = 204;
          res.content_type.clear();
          return res;
        };
        ask<alert_router_actor, bool>(ctx, "node/alert_router", std::move(respond), req.path,
                                      on_reply, delete_atom::value, tenant, *id);
      });

  http_auth::add_tenant_route(
      r, ctx, "GET", "/api/tenants/{tenant}/alerts",
      [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
        alerts_query q;
        auto bad = check_tenant_request(req, params, {"status", "limit", "cursor"}, q.tenant);
        if (!bad) {
          if (auto status = req.query_param("status")) {
            q.status = *status;
            if (q.status != "pending" && q.status != "sent" && q.status != "suppressed" &&
                q.status != "failed")
              bad = bad_param{"status", "must be one of pending, sent, suppressed, failed"};
          }
        }
        if (!bad)
          bad = parse_limit(req, q.limit);
        if (!bad)
          bad = parse_cursor(req, alerts_sql::decode_alerts_cursor, q.cursor);
        if (bad)
          return respond(bad_request(*bad, req.path));
        auto not_found = "tenant " + q.tenant + " not found";
        ask_page<alert_store_actor>(ctx, "node/alert_store", std::move(respond), req.path,
                                    std::move(not_found), std::move(q));
      });
}

} // namespace playclock
