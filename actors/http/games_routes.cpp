#include "actors/http/games_routes.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "actors/http/params.hpp"
#include "actors/http/query_reply.hpp"
#include "actors/http_api.hpp"
#include "actors/query_actor.hpp"
#include "adapters/http/router.hpp"
#include "messages/actors.hpp"

namespace playclock {

using namespace http_params;
using http_query::ask_query;

void add_games_routes(http::router& r, const http_api_context& ctx) {
  r.add("GET", "/api/games",
        [ctx](const http::request& req, const http::path_params&, http::responder respond) {
          games_query q;
          auto bad = check_names(req, {"state", "limit", "cursor"});
          if (!bad) {
            q.state = req.query_param("state").value_or("");
            if (req.query_param("state") && q.state != "pre" && q.state != "in" &&
                q.state != "post")
              bad = bad_param{"state", "must be one of pre, in, post"};
          }
          if (!bad)
            bad = parse_limit(req, q.limit);
          if (!bad)
            bad = parse_cursor(req, decode_games_cursor, q.cursor);
          if (bad)
            return respond(bad_request(*bad, req.path));
          ask_query(ctx, std::move(respond), req.path, {}, std::move(q));
        });

  r.add("GET", "/api/games/{id}",
        [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
          auto id = path_param(params, "id");
          auto bad = check_names(req, {});
          if (!bad)
            bad = check_game_id("id", id);
          if (bad)
            return respond(bad_request(*bad, req.path));
          ask_query(ctx, std::move(respond), req.path, "game " + id + " not found", get_atom::value,
                    id);
        });

  r.add("GET", "/api/games/{id}/plays",
        [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
          plays_query q;
          q.game_id = path_param(params, "id");
          auto bad = check_names(req, {"limit", "after"});
          if (!bad)
            bad = check_game_id("id", q.game_id);
          if (!bad)
            bad = parse_limit(req, q.limit);
          if (!bad) {
            if (auto v = req.query_param("after")) {
              auto n = parse_digits(*v);
              if (n)
                q.after_sequence = *n;
              else
                bad = bad_param{"after", "must be a non-negative integer"};
            }
          }
          if (bad)
            return respond(bad_request(*bad, req.path));
          auto not_found = "game " + q.game_id + " not found";
          ask_query(ctx, std::move(respond), req.path, std::move(not_found), std::move(q));
        });

  r.add("GET", "/api/injuries",
        [ctx](const http::request& req, const http::path_params&, http::responder respond) {
          injuries_query q;
          auto bad = check_names(req, {"team", "status", "limit", "cursor"});
          if (!bad) {
            if (auto team = req.query_param("team")) {
              // Abbreviations are stored upper-case ("KC", "SF").
              q.team = *team;
              std::transform(q.team.begin(), q.team.end(), q.team.begin(),
                             [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
              if (q.team.empty() || q.team.size() > 8 ||
                  !std::all_of(q.team.begin(), q.team.end(),
                               [](unsigned char c) { return std::isalnum(c) != 0; }))
                bad = bad_param{"team", "must be 1 to 8 letters or digits"};
            }
          }
          if (!bad) {
            if (auto status = req.query_param("status")) {
              q.status = *status;
              if (q.status.empty() || q.status.size() > 64 ||
                  std::any_of(q.status.begin(), q.status.end(),
                              [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
                bad = bad_param{"status", "must be 1 to 64 printable characters"};
            }
          }
          if (!bad)
            bad = parse_limit(req, q.limit);
          if (!bad)
            bad = parse_cursor(req, decode_injuries_cursor, q.cursor);
          if (bad)
            return respond(bad_request(*bad, req.path));
          ask_query(ctx, std::move(respond), req.path, {}, std::move(q));
        });
}

} // namespace playclock
