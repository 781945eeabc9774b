#pragma once

namespace playclock::http {
class router;
} // namespace playclock::http

namespace playclock {

struct http_api_context;

/// GET /api/markets, /api/markets/{ticker}, /api/games/{id}/correlations and
/// /api/correlations: parameters are validated here (400 problem naming the
/// parameter), then the query actor registered as "node/query" answers with
/// the JSON body (404 for an unknown market or game).
void add_markets_routes(http::router& r, const http_api_context& ctx);

} // namespace playclock
