#include "actors/http/markets_routes.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/sec.hpp>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "actors/http_api.hpp"
#include "actors/query/markets_sql.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/router.hpp"
#include "messages/actors.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace {

// The validation and the bridge to the query actor follow games_routes.cpp:
// the same problem bodies (invalid_params), limits and error mapping.

constexpr std::int32_t default_limit = 50;
constexpr std::int32_t max_limit = 500;
constexpr std::int32_t default_history = 100;
constexpr std::int32_t max_history = 1000;

// -- validation ------------------------------------------------------------------

/// A rejected query parameter (or path segment).
struct bad_param {
  std::string name;
  std::string reason;
  bool unknown = false;

  std::string detail() const {
    return unknown ? "unknown parameter: " + name : name + ": " + reason;
  }
};

http::response bad_request(const bad_param& p, const std::string& instance) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartObject();
  w.Key("invalid_params");
  w.StartArray();
  w.StartObject();
  w.Key("name");
  w.String(p.name.data(), static_cast<rapidjson::SizeType>(p.name.size()));
  w.Key("reason");
  auto reason = p.unknown ? std::string{"unknown parameter"} : p.reason;
  w.String(reason.data(), static_cast<rapidjson::SizeType>(reason.size()));
  w.EndObject();
  w.EndArray();
  w.EndObject();
  return http::problem(http::ec::bad_request, p.detail(), instance,
                       std::string_view{buf.GetString(), buf.GetSize()});
}

// Unknown or repeated parameters, in wire order.
std::optional<bad_param> check_names(const http::request& req,
                                     std::initializer_list<std::string_view> allowed) {
  for (std::size_t i = 0; i < req.query.size(); ++i) {
    const auto& name = req.query[i].first;
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      return bad_param{name, {}, true};
    for (std::size_t j = 0; j < i; ++j)
      if (req.query[j].first == name)
        return bad_param{name, "given more than once"};
  }
  return std::nullopt;
}

// An integer parameter in [1, most] (plain digits), `fallback` when absent.
std::optional<bad_param> parse_count(const http::request& req, const char* name,
                                     std::int32_t fallback, std::int32_t most, std::int32_t& out) {
  out = fallback;
  auto v = req.query_param(name);
  if (!v)
    return std::nullopt;
  bool digits = !v->empty() && v->size() <= 9 &&
                std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; });
  auto n = digits ? std::stol(*v) : 0L;
  if (n < 1 || n > most)
    return bad_param{name, "must be an integer between 1 and " + std::to_string(most)};
  out = static_cast<std::int32_t>(n);
  return std::nullopt;
}

template <class Decode>
std::optional<bad_param> parse_cursor(const http::request& req, Decode decode, std::string& out) {
  auto v = req.query_param("cursor");
  if (!v)
    return std::nullopt;
  if (!decode(*v))
    return bad_param{"cursor", "malformed"};
  out = *v;
  return std::nullopt;
}

bool valid_game_id(const std::string& id) {
  return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '_' || c == '-';
  });
}

const char* const game_id_rule = "must be 1 to 32 characters of A-Z, a-z, 0-9, _ or -";

std::string path_param(const http::path_params& params, std::string_view name) {
  for (const auto& [k, v] : params)
    if (k == name)
      return v;
  return {};
}

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
    bad = parse_count(req, "limit", default_limit, max_limit, q.limit);
  if (!bad)
    bad = parse_cursor(req, decode_correlations_cursor, q.cursor);
  return bad;
}

// -- asking the query actor --------------------------------------------------------

http::response error_response(caf::actor_system& sys, const caf::error& e,
                              const std::string& instance) {
  if (e == caf::sec::request_timeout)
    return http::problem(http::ec::timeout, "query did not answer in time", instance);
  if (e.category() == query_error_category) {
    switch (static_cast<query_errc>(e.code())) {
    case query_errc::database_unavailable: {
      auto res = http::problem(http::ec::unavailable, "database unavailable", instance);
      res.headers.emplace_back("Retry-After", "1");
      return res;
    }
    case query_errc::malformed_cursor:
      return bad_request(bad_param{"cursor", "malformed"}, instance);
    default:
      break;
    }
  }
  return http::problem(http::ec::internal, "query failed: " + sys.render(e), instance);
}

// Asks "node/query" and answers with its page: 404 `not_found` when the page
// is not found, 503 (Retry-After) when the database is unavailable.
template <class Query>
void ask_query(const http_api_context& ctx, http::responder respond, std::string instance,
               std::string not_found, Query q) {
  auto target = ctx.names->get_as<query_actor>("node/query");
  if (!target) {
    respond(http::problem(http::ec::unavailable, "query is not running (restarting?)", instance));
    return;
  }
  // The target travels as a spawn argument (see http/ask.hpp).
  ctx.sys->spawn(
      [=, timeout = ctx.request_timeout](caf::event_based_actor* self,
                                         const query_actor& to) mutable {
        self->request(to, timeout, q)
            .then(
                [=](json_page& page) mutable {
                  if (!page.found) {
                    respond(http::problem(http::ec::not_found, not_found, instance));
                    return;
                  }
                  http::response res;
                  res.body = std::move(page.body);
                  respond(std::move(res));
                },
                [=](caf::error& e) mutable {
                  respond(error_response(self->system(), e, instance));
                });
      },
      target);
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
              if (!valid_game_id(q.game_id))
                bad = bad_param{"game_id", game_id_rule};
            }
          }
          if (!bad)
            bad = parse_count(req, "limit", default_limit, max_limit, q.limit);
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
          if (!bad && !valid_game_id(q.game_id))
            bad = bad_param{"id", game_id_rule};
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
