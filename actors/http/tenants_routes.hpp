#pragma once
// Tenants over HTTP (the tenants actor, "node/tenants"):
//
//   POST /api/tenants                 admin: create {id, name?, daily_alert_limit?,
//                                     max_running_simulations?}; 201 + the tenant and
//                                     its token (shown only here) + Location; 409 if
//                                     the id is taken
//   GET  /api/tenants                 admin: {"tenants":[...]}
//   GET  /api/tenants/{t}             the tenant or admin: the tenant; 404 if unknown
//   POST /api/tenants/{t}/token       the tenant or admin: a new token {"id","token"};
//                                     the old one stops working
//
// Bodies must be JSON objects (415 for another Content-Type, 400 if not an
// object, 422 naming a bad or unknown field).

namespace playclock {

namespace http {
class router;
} // namespace http

struct http_api_context;

void add_tenants_routes(http::router& r, const http_api_context& ctx);

} // namespace playclock
