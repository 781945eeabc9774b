#include "actors/http/jobs_routes.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <variant>

#include <rapidjson/document.h>

#include "actors/alerts/tenant_id.hpp"
#include "actors/http/auth_check.hpp"
#include "actors/http/params.hpp"
#include "actors/http/query_reply.hpp"
#include "actors/http_api.hpp"
#include "actors/jobs/jobs_sql.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/router.hpp"
#include "adapters/jobs/job_request.hpp"
#include "adapters/simulations/plan.hpp"
#include "messages/jobs.hpp"

namespace playclock {

using namespace http_params;
using http_query::ask;
using http_query::ask_page;

namespace {

constexpr const char* api_name = "node/jobs/api";
constexpr std::size_t max_job_body_bytes = std::size_t{256} * 1024;
constexpr std::size_t max_idempotency_key = 255;

// The job id of a job's JSON ("id"), 0 if absent.
std::int64_t id_of(const std::string& job_json) {
  rapidjson::Document d;
  d.Parse(job_json.c_str());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("id") || !d["id"].IsInt64())
    return 0;
  return d["id"].GetInt64();
}

std::optional<bad_param> check_idempotency_key(const http::request& req, std::string& out) {
  auto key = req.header("idempotency-key");
  if (!key)
    return std::nullopt;
  bool printable =
      std::all_of(key->begin(), key->end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
  if (key->empty() || key->size() > max_idempotency_key || !printable)
    return bad_param{"Idempotency-Key", "must be 1 to 255 printable ASCII characters"};
  out = *key;
  return std::nullopt;
}

// The caller's scope and the job id in the path of /api/jobs/{id}..., or
// the 401/400 that refuses the request.
std::optional<http::response> check_job_request(const http_api_context& ctx,
                                                const http::request& req,
                                                const http::path_params& params, std::string& scope,
                                                std::int64_t& id) {
  if (auto no = http_auth::identify(ctx, req, scope))
    return no;
  if (auto bad = check_names(req, {}))
    return bad_request(*bad, req.path);
  auto v = parse_digits(path_param(params, "id"));
  if (!v || *v <= 0)
    return bad_request(bad_param{"id", "must be a positive integer"}, req.path);
  id = *v;
  return std::nullopt;
}

struct submit_options {
  /// Non-empty: the body is the job's params (or empty), as the seed's
  /// shortcut endpoints take it.
  std::string shortcut_type;
  /// Non-empty: the job is this tenant's (/api/tenants/{t}/simulations).
  std::string path_tenant;
  std::string location_prefix = "/api/jobs/";
};

void submit(const http_api_context& ctx, const http::request& req, http::responder respond,
            const submit_options& how = {}) {
  const auto& shortcut_type = how.shortcut_type;
  std::string scope;
  if (auto no = http_auth::identify(ctx, req, scope))
    return respond(std::move(*no));
  if (auto bad = check_names(req, {}))
    return respond(bad_request(*bad, req.path));
  if (req.body.size() > max_job_body_bytes)
    return respond(
        http::problem(http::ec::payload_too_large, "a job body is at most 256 KiB", req.path));
  if (!json_content_type(req))
    return respond(http::problem(http::ec::unsupported_media_type,
                                 "the body must be application/json", req.path));
  job_submission s;
  if (auto bad = check_idempotency_key(req, s.idempotency_key))
    return respond(bad_request(*bad, req.path));
  auto parsed =
      shortcut_type.empty()
          ? jobs::parse_job_request(req.body)
          : jobs::parse_job_request(R"({"type":")" + shortcut_type + R"(","params":)" +
                                    (req.body.empty() ? std::string{"{}"} : req.body) + "}");
  if (auto* bad = std::get_if<jobs::bad_field>(&parsed)) {
    auto code = bad->name == "body" ? http::ec::bad_request : http::ec::unprocessable;
    return respond(invalid(code, bad_param{bad->name, bad->reason}, req.path));
  }
  auto& r = std::get<jobs::job_request>(parsed);
  if (!how.path_tenant.empty()) {
    if (!valid_tenant_id(how.path_tenant))
      return respond(
          bad_request(bad_param{"tenant", "must match ^[a-z0-9][a-z0-9_-]{0,62}$"}, req.path));
    r.tenant = how.path_tenant;
  }
  if (!scope.empty()) {
    if (!r.tenant.empty() && r.tenant != scope)
      return respond(http_auth::forbid(ctx, req, "this token may not act on tenant " + r.tenant));
    r.tenant = scope;
  } else if (!r.tenant.empty() && !valid_tenant_id(r.tenant)) {
    return respond(invalid(http::ec::unprocessable,
                           bad_param{"tenant", "must match ^[a-z0-9][a-z0-9_-]{0,62}$"}, req.path));
  }
  if (r.type == "simulation") {
    if (r.tenant.empty())
      return respond(invalid(http::ec::unprocessable,
                             bad_param{"tenant", "a simulation belongs to a tenant"}, req.path));
    // A retry with the same Idempotency-Key gets the same seed, so the same
    // request hash.
    r.params = simulations::with_seed(r.params, s.idempotency_key);
  }
  s.type = r.type;
  s.params = r.params;
  s.tenant = r.tenant;
  s.priority = r.priority;
  s.run_at_ms = r.run_at_ms.value_or(-1);
  s.max_attempts = r.max_attempts;
  s.timeout_s = r.timeout_s;
  s.request_hash = jobs::request_hash(r);
  auto on_reply = [prefix = how.location_prefix](json_page& page) {
    http::response res;
    res.status = 202;
    res.headers.emplace_back("Location", prefix + std::to_string(id_of(page.body)));
    if (!page.found)
      res.headers.emplace_back("Idempotent-Replayed", "true");
    res.body = std::move(page.body);
    return res;
  };
  ask<jobs_api_actor, json_page>(ctx, api_name, std::move(respond), req.path, on_reply,
                                 std::move(s));
}

void list(const http_api_context& ctx, const http::request& req, http::responder respond) {
  std::string scope;
  if (auto no = http_auth::identify(ctx, req, scope))
    return respond(std::move(*no));
  jobs_query q;
  auto bad = check_names(req, {"type", "status", "tenant", "limit", "cursor"});
  if (!bad) {
    if (auto type = req.query_param("type")) {
      const auto& types = jobs::job_types();
      if (!std::binary_search(types.begin(), types.end(), *type))
        bad = bad_param{"type", "unknown job type"};
      q.type = *type;
    }
  }
  if (!bad) {
    if (auto status = req.query_param("status")) {
      q.status = *status;
      if (q.status != "pending" && q.status != "running" && q.status != "completed" &&
          q.status != "failed" && q.status != "cancelled")
        bad = bad_param{"status", "must be one of pending, running, completed, failed, cancelled"};
    }
  }
  if (!bad) {
    if (auto tenant = req.query_param("tenant")) {
      if (!valid_tenant_id(*tenant))
        bad = bad_param{"tenant", "must match ^[a-z0-9][a-z0-9_-]{0,62}$"};
      else if (!scope.empty() && *tenant != scope)
        return respond(http_auth::forbid(ctx, req, "this token may not act on tenant " + *tenant));
      q.tenant = *tenant;
    }
  }
  if (!bad)
    bad = parse_limit(req, q.limit);
  if (!bad)
    bad = parse_cursor(req, jobs_sql::decode_jobs_cursor, q.cursor);
  if (bad)
    return respond(bad_request(*bad, req.path));
  if (!scope.empty())
    q.tenant = scope;
  ask_page<jobs_api_actor>(ctx, api_name, std::move(respond), req.path, "no jobs", std::move(q));
}

} // namespace

void add_jobs_routes(http::router& r, const http_api_context& ctx) {
  // The seed's shortcuts: POST with the params (or nothing) as the body.
  for (const auto& [path, type] :
       {std::pair<const char*, const char*>{"/api/ml/train", "model_training"},
        {"/api/ml/generate-predictions", "prediction_generation"},
        {"/api/data/quick-refresh", "quick_data_refresh"},
        {"/api/run-pipeline", "data_pipeline"}}) {
    r.add("POST", path,
          [ctx, type = std::string{type}](const http::request& req, const http::path_params&,
                                          http::responder respond) {
            submit(ctx, req, std::move(respond), submit_options{type, {}, "/api/jobs/"});
          });
  }
  // A tenant's simulations are simulation jobs of that tenant; the job id
  // is the simulation id.
  r.add("POST", "/api/tenants/{tenant}/simulations",
        [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
          auto tenant = path_param(params, "tenant");
          submit(ctx, req, std::move(respond),
                 submit_options{"simulation", tenant, "/api/tenants/" + tenant + "/simulations/"});
        });

  r.add("GET", "/api/models/{model}",
        [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
          if (auto bad = check_names(req, {}))
            return respond(bad_request(*bad, req.path));
          auto model = path_param(params, "model");
          ask_page<jobs_api_actor>(ctx, api_name, std::move(respond), req.path,
                                   "no stored version of model " + model, models_atom::value,
                                   model);
        });

  http_auth::add_admin_route(
      r, ctx, "POST", "/api/models/{model}/rollback",
      [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
        // 0 (absent): the version before the active one.
        std::int32_t version = 0;
        auto bad = check_names(req, {"version"});
        if (!bad)
          bad = parse_count(req, "version", 0, 1000000000, version);
        if (bad)
          return respond(bad_request(*bad, req.path));
        ask_page<jobs_api_actor>(ctx, api_name, std::move(respond), req.path, "no such model",
                                 rollback_atom::value, path_param(params, "model"), version);
      });

  r.add("GET", "/api/games/{id}/predictions",
        [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
          auto id = path_param(params, "id");
          auto bad = check_names(req, {});
          if (!bad)
            bad = check_game_id("id", id);
          if (bad)
            return respond(bad_request(*bad, req.path));
          ask_page<jobs_api_actor>(ctx, api_name, std::move(respond), req.path,
                                   "game " + id + " not found", predictions_atom::value, id);
        });

  r.add("POST", "/api/jobs",
        [ctx](const http::request& req, const http::path_params&, http::responder respond) {
          submit(ctx, req, std::move(respond));
        });

  r.add("GET", "/api/jobs",
        [ctx](const http::request& req, const http::path_params&, http::responder respond) {
          list(ctx, req, std::move(respond));
        });

  r.add("DELETE", "/api/jobs/cleanup",
        [ctx](const http::request& req, const http::path_params&, http::responder respond) {
          std::string scope;
          if (auto no = http_auth::identify(ctx, req, scope))
            return respond(std::move(*no));
          std::int32_t days = 30;
          auto bad = check_names(req, {"older_than_days"});
          if (!bad) {
            if (auto v = req.query_param("older_than_days")) {
              auto n = parse_digits(*v);
              if (!n || *n > 36500)
                bad = bad_param{"older_than_days", "must be an integer from 0 to 36500"};
              else
                days = static_cast<std::int32_t>(*n);
            }
          }
          if (bad)
            return respond(bad_request(*bad, req.path));
          ask_page<jobs_api_actor>(ctx, api_name, std::move(respond), req.path, "no jobs",
                                   cleanup_atom::value, days, scope);
        });

  r.add("GET", "/api/jobs/{id}",
        [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
          std::string scope;
          std::int64_t id = 0;
          if (auto refused = check_job_request(ctx, req, params, scope, id))
            return respond(std::move(*refused));
          ask_page<jobs_api_actor>(ctx, api_name, std::move(respond), req.path, "job not found",
                                   get_atom::value, id, scope);
        });

  r.add("POST", "/api/jobs/{id}/cancel",
        [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
          std::string scope;
          std::int64_t id = 0;
          if (auto refused = check_job_request(ctx, req, params, scope, id))
            return respond(std::move(*refused));
          auto on_reply = [](json_page& page) {
            http::response res;
            // found = false: the job runs; the cancellation is accepted, not done yet.
            res.status = page.found ? 200 : 202;
            res.body = std::move(page.body);
            return res;
          };
          ask<jobs_api_actor, json_page>(ctx, api_name, std::move(respond), req.path, on_reply,
                                         cancel_atom::value, id, scope);
        });
}

} // namespace playclock
