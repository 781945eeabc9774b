#include "actors/http/games_routes.hpp"

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
#include "actors/query_actor.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/router.hpp"
#include "messages/actors.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace {

constexpr std::int32_t default_limit = 50;
constexpr std::int32_t max_limit = 500;

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
  // RFC 9457's example extension, so clients need not parse the detail.
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

// A plain decimal number (no sign, no spaces) of at most 18 digits.
std::optional<std::int64_t> parse_digits(const std::string& s) {
  if (s.empty() || s.size() > 18 ||
      !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; }))
    return std::nullopt;
  return std::stoll(s);
}

std::optional<bad_param> parse_limit(const http::request& req, std::int32_t& out) {
  out = default_limit;
  auto v = req.query_param("limit");
  if (!v)
    return std::nullopt;
  auto n = parse_digits(*v);
  if (!n || *n < 1 || *n > max_limit)
    return bad_param{"limit", "must be an integer between 1 and 500"};
  out = static_cast<std::int32_t>(*n);
  return std::nullopt;
}

std::optional<bad_param> parse_cursor(const http::request& req, bool games, std::string& out) {
  auto v = req.query_param("cursor");
  if (!v)
    return std::nullopt;
  bool ok = games ? decode_games_cursor(*v).has_value() : decode_injuries_cursor(*v).has_value();
  if (!ok)
    return bad_param{"cursor", "malformed"};
  out = *v;
  return std::nullopt;
}

bool valid_game_id(const std::string& id) {
  return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '_' || c == '-';
  });
}

std::optional<bad_param> check_game_id(const http::path_params& params, std::string& out) {
  out = params.empty() ? std::string{} : params.front().second;
  if (!valid_game_id(out))
    return bad_param{"id", "must be 1 to 32 characters of A-Z, a-z, 0-9, _ or -"};
  return std::nullopt;
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

// The bridge of http/ask.hpp, plus what a query reply means in HTTP: a page
// not found is 404, an unavailable database 503 (with Retry-After).
template <class... Args>
void ask_query(const http_api_context& ctx, http::responder respond, std::string instance,
               std::string not_found, Args... args) {
  auto target = ctx.names->get_as<query_actor>("node/query");
  if (!target) {
    respond(http::problem(http::ec::unavailable, "query is not running (restarting?)", instance));
    return;
  }
  // The target travels as a spawn argument: CAF 0.17 dereferences a null
  // argument tuple when a function actor is spawned without arguments.
  ctx.sys->spawn(
      [=, timeout = ctx.request_timeout](caf::event_based_actor* self,
                                         const query_actor& to) mutable {
        self->request(to, timeout, args...)
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
            bad = parse_cursor(req, true, q.cursor);
          if (bad)
            return respond(bad_request(*bad, req.path));
          ask_query(ctx, std::move(respond), req.path, {}, std::move(q));
        });

  r.add("GET", "/api/games/{id}",
        [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
          std::string id;
          auto bad = check_names(req, {});
          if (!bad)
            bad = check_game_id(params, id);
          if (bad)
            return respond(bad_request(*bad, req.path));
          ask_query(ctx, std::move(respond), req.path, "game " + id + " not found", get_atom::value,
                    id);
        });

  r.add("GET", "/api/games/{id}/plays",
        [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
          plays_query q;
          auto bad = check_names(req, {"limit", "after"});
          if (!bad)
            bad = check_game_id(params, q.game_id);
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
            bad = parse_cursor(req, false, q.cursor);
          if (bad)
            return respond(bad_request(*bad, req.path));
          ask_query(ctx, std::move(respond), req.path, {}, std::move(q));
        });
}

} // namespace playclock
