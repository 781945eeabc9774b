#pragma once
// The read side of tenant simulations: GET /api/tenants/{t}/simulations,
// .../{id}, .../{id}/events and .../{id}/narrative (POST is a job
// submission, in jobs_routes).

namespace playclock::http {
class router;
} // namespace playclock::http

namespace playclock {

struct http_api_context;

void add_simulations_routes(http::router& r, const http_api_context& ctx);

} // namespace playclock
