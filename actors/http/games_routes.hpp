#pragma once

namespace playclock::http {
class router;
} // namespace playclock::http

namespace playclock {

struct http_api_context;

/// GET /api/games, /api/games/{id}, /api/games/{id}/plays and /api/injuries:
/// parameters are validated here (400 problem naming the parameter), then
/// the query actor registered as "node/query" answers with the JSON body.
void add_games_routes(http::router& r, const http_api_context& ctx);

} // namespace playclock
