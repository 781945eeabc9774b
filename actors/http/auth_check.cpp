#include "actors/http/auth_check.hpp"

#include <prometheus/counter.h>

#include "actors/http/params.hpp"
#include "adapters/auth/directory.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/metrics/registry.hpp"

namespace playclock::http_auth {

namespace {

std::optional<http::response> refusal(const http_api_context& ctx, const http::request& req,
                                      auth::access a, const std::string& forbidden_detail) {
  if (auth::allowed(a))
    return std::nullopt;
  if (ctx.auth_denied != nullptr)
    ctx.auth_denied->Add({{"reason", auth::to_string(a)}}).Increment();
  if (a == auth::access::forbidden)
    return http::problem(http::ec::forbidden, forbidden_detail, req.path);
  auto res = http::problem(http::ec::unauthorized,
                           a == auth::access::missing
                               ? "an Authorization: Bearer <token> header is required"
                               : "the bearer token is not valid",
                           req.path);
  res.headers.emplace_back("WWW-Authenticate",
                           a == auth::access::missing
                               ? R"(Bearer realm="playclock")"
                               : R"(Bearer realm="playclock", error="invalid_token")");
  return res;
}

} // namespace

std::optional<http::response> deny_tenant(const http_api_context& ctx, const http::request& req,
                                          const std::string& tenant) {
  auto a = ctx.auth ? ctx.auth->check(req.header("authorization"), tenant) : auth::access::invalid;
  return refusal(ctx, req, a, "this token may not act on tenant " + tenant);
}

std::optional<http::response> deny_admin(const http_api_context& ctx, const http::request& req) {
  auto a = ctx.auth ? ctx.auth->check_admin(req.header("authorization")) : auth::access::invalid;
  return refusal(ctx, req, a, "the admin token is required");
}

std::optional<http::response> identify(const http_api_context& ctx, const http::request& req,
                                       std::string& scope) {
  auto c = ctx.auth ? ctx.auth->identify(req.header("authorization"))
                    : auth::caller{auth::access::invalid, {}};
  scope = c.who == auth::access::tenant ? c.tenant : std::string{};
  return refusal(ctx, req, c.who, {});
}

http::response forbid(const http_api_context& ctx, const http::request& req,
                      const std::string& detail) {
  return *refusal(ctx, req, auth::access::forbidden, detail);
}

void add_tenant_route(http::router& r, const http_api_context& ctx, std::string method,
                      std::string pattern, http::handler h) {
  r.add(std::move(method), std::move(pattern),
        [ctx, h = std::move(h)](const http::request& req, const http::path_params& params,
                                http::responder respond) {
          if (auto no = deny_tenant(ctx, req, http_params::path_param(params, "tenant")))
            return respond(std::move(*no));
          h(req, params, std::move(respond));
        });
}

void add_admin_route(http::router& r, const http_api_context& ctx, std::string method,
                     std::string pattern, http::handler h) {
  r.add(std::move(method), std::move(pattern),
        [ctx, h = std::move(h)](const http::request& req, const http::path_params& params,
                                http::responder respond) {
          if (auto no = deny_admin(ctx, req))
            return respond(std::move(*no));
          h(req, params, std::move(respond));
        });
}

void register_metrics(http_api_context& ctx) {
  if (!ctx.metrics)
    return;
  ctx.auth_denied = &prometheus::BuildCounter()
                         .Name("playclock_auth_denied_total")
                         .Help("Requests refused for their bearer token, by reason: missing, "
                               "invalid (401), forbidden (403).")
                         .Register(ctx.metrics->prom());
}

} // namespace playclock::http_auth
