#pragma once

namespace playclock::http {
class router;
} // namespace playclock::http

namespace playclock {

struct http_api_context;

/// A tenant's alert rules and alerts:
///
///   GET    /api/tenants/{t}/alert-rules        {"rules":[...]}            (alert store)
///   POST   /api/tenants/{t}/alert-rules        201 + the rule + Location  (alert router)
///   DELETE /api/tenants/{t}/alert-rules/{id}   204, or 404                (alert router)
///   GET    /api/tenants/{t}/alerts?status=&limit=&cursor=                  (alert store)
///
/// Each needs the tenant's bearer token or the admin's (401 without one or
/// with an unknown one, 403 with another tenant's; http/auth_check.hpp).
/// The tenant id must match ^[a-z0-9][a-z0-9_-]{0,62}$ (400); an unknown
/// tenant is 404. A rule body is checked by alerts::parse_rule: a body that
/// is not a JSON object is 400, a bad field 422 naming it (invalid_params).
/// Rules go through the router ("node/alert_router") so that it routes with
/// them at once; reads go to the store ("node/alert_store").
void add_alerts_routes(http::router& r, const http_api_context& ctx);

} // namespace playclock
