#pragma once
// Bearer-token checks of the routes: a tenant's routes admit its own token
// and the admin's, the cluster-wide ones the admin's only. A refusal is 401
// (no token, or one nobody has; with WWW-Authenticate) or 403 (a token that
// may not act here), counted in playclock_auth_denied_total{reason}.

#include <optional>
#include <string>

#include "actors/http_api.hpp"
#include "adapters/http/message.hpp"
#include "adapters/http/router.hpp"

namespace playclock::http_auth {

/// nullopt when the request may act on `tenant`'s data; else the refusal.
std::optional<http::response> deny_tenant(const http_api_context& ctx, const http::request& req,
                                          const std::string& tenant);

/// nullopt when the request carries the admin token; else the refusal.
std::optional<http::response> deny_admin(const http_api_context& ctx, const http::request& req);

/// For endpoints open to every tenant (the job API): nullopt when the
/// request carries a token, with `scope` set to its tenant ("" for the
/// admin); else the 401.
std::optional<http::response> identify(const http_api_context& ctx, const http::request& req,
                                       std::string& scope);

/// The 403 for a token acting beyond its tenant (counted as forbidden).
http::response forbid(const http_api_context& ctx, const http::request& req,
                      const std::string& detail);

/// r.add(method, pattern, h) behind deny_tenant() of path parameter "tenant".
void add_tenant_route(http::router& r, const http_api_context& ctx, std::string method,
                      std::string pattern, http::handler h);

/// r.add(method, pattern, h) behind deny_admin().
void add_admin_route(http::router& r, const http_api_context& ctx, std::string method,
                     std::string pattern, http::handler h);

/// Registers playclock_auth_denied_total in `ctx.metrics` and remembers it
/// in `ctx` (make_router calls it).
void register_metrics(http_api_context& ctx);

} // namespace playclock::http_auth
