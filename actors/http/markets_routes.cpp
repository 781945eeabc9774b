#include "actors/http/markets_routes.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "actors/http/params.hpp"
#include "actors/http/query_reply.hpp"
#include "actors/http_api.hpp"
#include "actors/query/markets_sql.hpp"
#include "adapters/http/router.hpp"
#include "messages/actors.hpp"

namespace playclock {

using namespace http_params;
using http_query::ask_query;

namespace {

constexpr std::int32_t default_history = 100;
constexpr std::int32_t max_history = 1000;

// status=: a stored status word ("active", "closed", "settled", ...).
std::optional<bad_param> parse_status(const http::request& req, std::string& out) {
  auto v = req.query_param("status");
  if (!v)
    return std::nullopt;
  if (v->empty() || v->size() > 32 ||
      !std::all_of(v->begin(), v->end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; }))
    return bad_param{"status", "must be 1 to 32 characters of a-z or _"};
  out = *v;
  return std::nullopt;
}

std::optional<bad_param> parse_impact(const http::request& req, std::string& out) {
  auto v = req.query_param("impact");
  if (!v)
    return std::nullopt;
  if (*v != "low" && *v != "medium" && *v != "high" && *v != "extreme")
    return bad_param{"impact", "must be one of low, medium, high, extreme"};
  out = *v;
  return std::nullopt;
}

// The parameters both correlation routes take (their names checked first).
std::optional<bad_param> parse_correlations(const http::request& req, correlations_query& q) {
  auto bad = parse_impact(req, q.impact);
  if (!bad)
    bad = parse_limit(req, q.limit);
  if (!bad)
    bad = parse_cursor(req, decode_correlations_cursor, q.cursor);
  return bad;
}

} // namespace

void add_markets_routes(http::router& r, const http_api_context& ctx) {
  r.add("GET", "/api/markets",
        [ctx](const http::request& req, const http::path_params&, http::responder respond) {
          market_list_query q;
          auto bad = check_names(req, {"status", "game_id", "limit", "cursor"});
          if (!bad)
            bad = parse_status(req, q.status);
          if (!bad) {
            if (auto id = req.query_param("game_id")) {
              q.game_id = *id;
              bad = check_game_id("game_id", q.game_id);
            }
          }
          if (!bad)
            bad = parse_limit(req, q.limit);
          if (!bad)
            bad = parse_cursor(req, decode_markets_cursor, q.cursor);
          if (bad)
            return respond(bad_request(*bad, req.path));
          ask_query(ctx, std::move(respond), req.path, {}, std::move(q));
        });

  r.add("GET", "/api/markets/{ticker}",
        [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
          market_detail_query q;
          q.ticker = path_param(params, "ticker");
          auto bad = check_names(req, {"history"});
          if (!bad && !valid_ticker(q.ticker))
            bad = bad_param{"ticker", "must be 1 to 100 characters of A-Z, 0-9, ., _ or -"};
          if (!bad)
            bad = parse_count(req, "history", default_history, max_history, q.history);
          if (bad)
            return respond(bad_request(*bad, req.path));
          auto not_found = "market " + q.ticker + " not found";
          ask_query(ctx, std::move(respond), req.path, std::move(not_found), std::move(q));
        });

  r.add("GET", "/api/games/{id}/correlations",
        [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
          correlations_query q;
          q.game_id = path_param(params, "id");
          auto bad = check_names(req, {"impact", "limit", "cursor"});
          if (!bad)
            bad = check_game_id("id", q.game_id);
          if (!bad)
            bad = parse_correlations(req, q);
          if (bad)
            return respond(bad_request(*bad, req.path));
          auto not_found = "game " + q.game_id + " not found";
          ask_query(ctx, std::move(respond), req.path, std::move(not_found), std::move(q));
        });

  r.add("GET", "/api/correlations",
        [ctx](const http::request& req, const http::path_params&, http::responder respond) {
          correlations_query q;
          auto bad = check_names(req, {"impact", "limit", "cursor"});
          if (!bad)
            bad = parse_correlations(req, q);
          if (bad)
            return respond(bad_request(*bad, req.path));
          ask_query(ctx, std::move(respond), req.path, {}, std::move(q));
        });
}

} // namespace playclock
