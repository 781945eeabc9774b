#pragma once

namespace playclock::http {
class router;
} // namespace playclock::http

namespace playclock {

struct http_api_context;

/// GET /api/system/health, GET /metrics, GET / (index of routes).
void add_system_routes(http::router& r, const http_api_context& ctx);

} // namespace playclock
