#include "actors/http/simulations_routes.hpp"

#include "actors/http/auth_check.hpp"
#include "actors/http/params.hpp"
#include "actors/http/query_reply.hpp"
#include "actors/http_api.hpp"
#include "actors/jobs/simulations_sql.hpp"
#include "adapters/http/router.hpp"
#include "messages/jobs.hpp"

namespace playclock {

using namespace http_params;
using http_query::ask_page;

namespace {

constexpr const char* api_name = "node/jobs/api";

// The tenant and simulation id of a .../simulations/{id} path, or the 400.
std::optional<bad_param> check_simulation(const http::request& req, const http::path_params& params,
                                          std::initializer_list<std::string_view> allowed,
                                          std::string& tenant, std::int64_t& id) {
  if (auto bad = check_tenant_request(req, params, allowed, tenant))
    return bad;
  auto v = parse_digits(path_param(params, "id"));
  if (!v || *v <= 0)
    return bad_param{"id", "must be a positive integer"};
  id = *v;
  return std::nullopt;
}

std::string not_found(const std::string& tenant, std::int64_t id) {
  return "tenant " + tenant + " has no simulation " + std::to_string(id);
}

// GET <path> of one simulation with no query parameters, asked of the job
// API as (atom, tenant, id): the simulation itself, its narrative.
template <class Atom>
void add_simulation_read(http::router& r, const http_api_context& ctx, const std::string& path,
                         Atom atom) {
  http_auth::add_tenant_route(r, ctx, "GET", path,
                              [ctx, atom](const http::request& req, const http::path_params& params,
                                          http::responder respond) {
                                std::string tenant;
                                std::int64_t id = 0;
                                if (auto bad = check_simulation(req, params, {}, tenant, id))
                                  return respond(bad_request(*bad, req.path));
                                ask_page<jobs_api_actor>(ctx, api_name, std::move(respond),
                                                         req.path, not_found(tenant, id), atom,
                                                         tenant, id);
                              });
}

} // namespace

void add_simulations_routes(http::router& r, const http_api_context& ctx) {
  const std::string base = "/api/tenants/{tenant}/simulations";
  http_auth::add_tenant_route(
      r, ctx, "GET", base,
      [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
        std::string tenant;
        std::string cursor;
        std::int32_t limit = default_limit;
        auto bad = check_tenant_request(req, params, {"limit", "cursor"}, tenant);
        if (!bad)
          bad = parse_limit(req, limit);
        if (!bad)
          bad = parse_cursor(req, simulations_sql::valid_cursor, cursor);
        if (bad)
          return respond(bad_request(*bad, req.path));
        ask_page<jobs_api_actor>(ctx, api_name, std::move(respond), req.path, "no simulations",
                                 simulations_atom::value, tenant, limit, cursor);
      });
  add_simulation_read(r, ctx, base + "/{id}", simulations_atom::value);
  http_auth::add_tenant_route(
      r, ctx, "GET", base + "/{id}/events",
      [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
        std::string tenant;
        std::int64_t id = 0;
        std::int32_t limit = default_limit;
        std::int32_t after = 0;
        auto bad = check_simulation(req, params, {"after", "limit"}, tenant, id);
        if (!bad)
          bad = parse_limit(req, limit);
        if (!bad) {
          if (auto a = req.query_param("after")) {
            auto v = parse_digits(*a);
            if (!v || *v > 2000000000)
              bad = bad_param{"after", "must be an event number (0 or more)"};
            else
              after = static_cast<std::int32_t>(*v);
          }
        }
        if (bad)
          return respond(bad_request(*bad, req.path));
        ask_page<jobs_api_actor>(ctx, api_name, std::move(respond), req.path, not_found(tenant, id),
                                 simulations_atom::value, tenant, id, after, limit);
      });
  add_simulation_read(r, ctx, base + "/{id}/narrative", narrative_atom::value);
}

} // namespace playclock
