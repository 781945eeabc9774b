#include "actors/http/tenants_routes.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <rapidjson/document.h>

#include "actors/alerts/tenant_id.hpp"
#include "actors/http/auth_check.hpp"
#include "actors/http/params.hpp"
#include "actors/http/query_reply.hpp"
#include "actors/http_api.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/router.hpp"
#include "messages/tenants.hpp"

namespace playclock {

using namespace http_params;
using http_query::ask;
using http_query::ask_page;

namespace {

constexpr std::size_t max_tenant_body_bytes = std::size_t{64} * 1024;

struct tenant_body {
  std::string id;
  std::string name;
  std::int32_t daily_alert_limit = 100;
  std::int32_t max_running_simulations = 4;
};

// An integer member in [lo, hi] into `out`; absent leaves `out`.
std::optional<bad_param> int_member(const rapidjson::Value& obj, const char* name, int lo, int hi,
                                    std::int32_t& out) {
  auto m = obj.FindMember(name);
  if (m == obj.MemberEnd())
    return std::nullopt;
  if (!m->value.IsInt() || m->value.GetInt() < lo || m->value.GetInt() > hi)
    return bad_param{name,
                     "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi)};
  out = m->value.GetInt();
  return std::nullopt;
}

// The body's fields, or the response that refuses it.
std::optional<http::response> parse_tenant(const http::request& req, tenant_body& out) {
  if (req.body.size() > max_tenant_body_bytes)
    return http::problem(http::ec::payload_too_large, "a tenant body is at most 64 KiB", req.path);
  if (!json_content_type(req))
    return http::problem(http::ec::unsupported_media_type, "the body must be application/json",
                         req.path);
  rapidjson::Document doc;
  doc.Parse(req.body.data(), req.body.size());
  if (doc.HasParseError() || !doc.IsObject())
    return http::problem(http::ec::bad_request, "the body must be a JSON object", req.path);
  auto refuse = [&](const bad_param& p) { return invalid(http::ec::unprocessable, p, req.path); };
  for (const auto& m : doc.GetObject()) {
    std::string name{m.name.GetString(), m.name.GetStringLength()};
    if (name != "id" && name != "name" && name != "daily_alert_limit" &&
        name != "max_running_simulations")
      return refuse(bad_param{name, "unknown field"});
  }
  auto id = doc.FindMember("id");
  if (id == doc.MemberEnd() || !id->value.IsString())
    return refuse(bad_param{"id", "required, a string"});
  out.id.assign(id->value.GetString(), id->value.GetStringLength());
  if (!valid_tenant_id(out.id))
    return refuse(bad_param{"id", "must match ^[a-z0-9][a-z0-9_-]{0,62}$"});
  if (auto name = doc.FindMember("name"); name != doc.MemberEnd()) {
    if (!name->value.IsString() || name->value.GetStringLength() > 200)
      return refuse(bad_param{"name", "must be a string of at most 200 bytes"});
    out.name.assign(name->value.GetString(), name->value.GetStringLength());
  }
  if (auto bad = int_member(doc, "daily_alert_limit", 0, 1000000, out.daily_alert_limit))
    return refuse(*bad);
  if (auto bad = int_member(doc, "max_running_simulations", 0, 1000, out.max_running_simulations))
    return refuse(*bad);
  return std::nullopt;
}

} // namespace

void add_tenants_routes(http::router& r, const http_api_context& ctx) {
  http_auth::add_admin_route(
      r, ctx, "POST", "/api/tenants",
      [ctx](const http::request& req, const http::path_params&, http::responder respond) {
        if (auto bad = check_names(req, {}))
          return respond(bad_request(*bad, req.path));
        tenant_body t;
        if (auto refused = parse_tenant(req, t))
          return respond(std::move(*refused));
        auto on_reply = [path = req.path, id = t.id](json_page& page) {
          http::response res;
          res.status = 201;
          res.headers.emplace_back("Location", path + "/" + id);
          // The token is shown once: no cache may keep it.
          res.headers.emplace_back("Cache-Control", "no-store");
          res.body = std::move(page.body);
          return res;
        };
        ask<tenants_actor, json_page>(ctx, "node/tenants", std::move(respond), req.path, on_reply,
                                      create_atom::value, t.id, t.name, t.daily_alert_limit,
                                      t.max_running_simulations);
      });

  http_auth::add_admin_route(
      r, ctx, "GET", "/api/tenants",
      [ctx](const http::request& req, const http::path_params&, http::responder respond) {
        if (auto bad = check_names(req, {}))
          return respond(bad_request(*bad, req.path));
        ask_page<tenants_actor>(ctx, "node/tenants", std::move(respond), req.path, "no tenants",
                                tenants_atom::value);
      });

  http_auth::add_tenant_route(
      r, ctx, "GET", "/api/tenants/{tenant}",
      [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
        std::string tenant;
        if (auto bad = check_tenant_request(req, params, {}, tenant))
          return respond(bad_request(*bad, req.path));
        ask_page<tenants_actor>(ctx, "node/tenants", std::move(respond), req.path,
                                "tenant " + tenant + " not found", tenants_atom::value, tenant);
      });

  http_auth::add_tenant_route(
      r, ctx, "POST", "/api/tenants/{tenant}/token",
      [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
        std::string tenant;
        if (auto bad = check_tenant_request(req, params, {}, tenant))
          return respond(bad_request(*bad, req.path));
        auto on_reply = [path = req.path, tenant](json_page& page) {
          if (!page.found)
            return http::problem(http::ec::not_found, "tenant " + tenant + " not found", path);
          http::response res;
          res.headers.emplace_back("Cache-Control", "no-store");
          res.body = std::move(page.body);
          return res;
        };
        ask<tenants_actor, json_page>(ctx, "node/tenants", std::move(respond), req.path, on_reply,
                                      token_atom::value, tenant);
      });
}

} // namespace playclock
