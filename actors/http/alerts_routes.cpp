#include "actors/http/alerts_routes.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/sec.hpp>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "actors/alerts/alert_sql.hpp"
#include "actors/alerts/tenant_id.hpp"
#include "actors/http_api.hpp"
#include "adapters/alerts/rule_json.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/router.hpp"
#include "messages/alerts.hpp"
#include "supervisors/registry.hpp"

namespace playclock {

namespace {

// -- validation ------------------------------------------------------------------

/// A rejected parameter, path segment or body field.
struct bad_param {
  std::string name;
  std::string reason;
  bool unknown = false;

  std::string detail() const {
    return unknown ? "unknown parameter: " + name : name + ": " + reason;
  }
};

http::response invalid(http::ec code, const bad_param& p, const std::string& instance) {
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
  return http::problem(code, p.detail(), instance,
                       std::string_view{buf.GetString(), buf.GetSize()});
}

http::response bad_request(const bad_param& p, const std::string& instance) {
  return invalid(http::ec::bad_request, p, instance);
}

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

std::string param(const http::path_params& params, std::string_view name) {
  for (const auto& [k, v] : params)
    if (k == name)
      return v;
  return {};
}

std::optional<bad_param> check_tenant(const http::path_params& params, std::string& out) {
  out = param(params, "tenant");
  if (!valid_tenant_id(out))
    return bad_param{"tenant", "must match ^[a-z0-9][a-z0-9_-]{0,62}$"};
  return std::nullopt;
}

// A positive decimal number of at most 18 digits.
std::optional<std::int64_t> parse_id(const std::string& s) {
  if (s.empty() || s.size() > 18 ||
      !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; }))
    return std::nullopt;
  auto n = std::stoll(s);
  return n > 0 ? std::optional<std::int64_t>{n} : std::nullopt;
}

bool json_content_type(const http::request& req) {
  auto ct = req.header("content-type");
  if (!ct)
    return true;
  std::string v = ct->substr(0, ct->find(';'));
  v.erase(std::remove_if(v.begin(), v.end(), [](unsigned char c) { return std::isspace(c); }),
          v.end());
  std::transform(v.begin(), v.end(), v.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return v == "application/json" || (v.size() > 5 && v.compare(v.size() - 5, 5, "+json") == 0);
}

// -- asking the alert actors ----------------------------------------------------------

http::response error_response(caf::actor_system& sys, const caf::error& e, const std::string& what,
                              const std::string& instance) {
  if (e == caf::sec::request_timeout)
    return http::problem(http::ec::timeout, what + " did not answer in time", instance);
  if (e.category() == query_error_category) {
    auto context = e.context().match_elements<std::string>() ? e.context().get_as<std::string>(0)
                                                             : std::string{};
    switch (static_cast<query_errc>(e.code())) {
    case query_errc::database_unavailable: {
      auto res = http::problem(http::ec::unavailable, "database unavailable", instance);
      res.headers.emplace_back("Retry-After", "1");
      return res;
    }
    case query_errc::not_found:
      return http::problem(http::ec::not_found, context, instance);
    case query_errc::malformed_cursor:
      return bad_request(bad_param{"cursor", "malformed"}, instance);
    default:
      break;
    }
  }
  return http::problem(http::ec::internal, what + " failed: " + sys.render(e), instance);
}

// Asks the actor registered as `name` and answers with on_reply(result).
template <class Handle, class Result, class OnReply, class... Args>
void ask(const http_api_context& ctx, const std::string& name, http::responder respond,
         std::string instance, OnReply on_reply, Args... args) {
  auto target = ctx.names->get_as<Handle>(name);
  auto what = name.substr(name.rfind('/') + 1);
  if (!target) {
    respond(http::problem(http::ec::unavailable, what + " is not running (restarting?)", instance));
    return;
  }
  // The target travels as a spawn argument (CAF 0.17 needs one, see ask.hpp).
  ctx.sys->spawn(
      [=, timeout = ctx.request_timeout](caf::event_based_actor* self, const Handle& to) mutable {
        self->request(to, timeout, args...)
            .then([=](Result& x) mutable { respond(on_reply(x)); },
                  [=](caf::error& e) mutable {
                    respond(error_response(self->system(), e, what, instance));
                  });
      },
      target);
}

// A json_page as 200, or 404 naming the tenant.
auto page_reply(std::string tenant, std::string instance) {
  return [tenant = std::move(tenant), instance = std::move(instance)](json_page& page) {
    if (!page.found)
      return http::problem(http::ec::not_found, "tenant " + tenant + " not found", instance);
    http::response res;
    res.body = std::move(page.body);
    return res;
  };
}

} // namespace

void add_alerts_routes(http::router& r, const http_api_context& ctx) {
  const std::string rules = "/api/tenants/{tenant}/alert-rules";

  r.add("GET", rules,
        [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
          std::string tenant;
          auto bad = check_names(req, {});
          if (!bad)
            bad = check_tenant(params, tenant);
          if (bad)
            return respond(bad_request(*bad, req.path));
          ask<alert_store_actor, json_page>(ctx, "node/alert_store", std::move(respond), req.path,
                                            page_reply(tenant, req.path), rules_atom::value,
                                            tenant);
        });

  r.add("POST", rules,
        [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
          std::string tenant;
          auto bad = check_names(req, {});
          if (!bad)
            bad = check_tenant(params, tenant);
          if (bad)
            return respond(bad_request(*bad, req.path));
          if (req.body.size() > alerts::max_rule_body_bytes)
            return respond(http::problem(http::ec::payload_too_large,
                                         "a rule body is at most 64 KiB", req.path));
          if (!json_content_type(req))
            return respond(http::problem(http::ec::unsupported_media_type,
                                         "the body must be application/json", req.path));
          auto parsed = alerts::parse_rule(req.body, tenant);
          if (auto* err = std::get_if<alerts::rule_error>(&parsed)) {
            if (err->field.empty())
              return respond(http::problem(http::ec::bad_request, err->message, req.path));
            return respond(
                invalid(http::ec::unprocessable, bad_param{err->field, err->message}, req.path));
          }
          auto on_reply = [path = req.path](alerts::rule& stored) {
            http::response res;
            res.status = 201;
            res.headers.emplace_back("Location", path + "/" + std::to_string(stored.id));
            res.body = alerts::rule_to_json(stored);
            return res;
          };
          ask<alert_router_actor, alerts::rule>(ctx, "node/alert_router", std::move(respond),
                                                req.path, on_reply, rules_atom::value,
                                                std::get<alerts::rule>(std::move(parsed)));
        });

  r.add("DELETE", rules + "/{id}",
        [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
          std::string tenant;
          auto bad = check_names(req, {});
          if (!bad)
            bad = check_tenant(params, tenant);
          auto id = parse_id(param(params, "id"));
          if (!bad && !id)
            bad = bad_param{"id", "must be a positive integer"};
          if (bad)
            return respond(bad_request(*bad, req.path));
          auto on_reply = [path = req.path, tenant, id = *id](bool existed) {
            if (!existed)
              return http::problem(
                  http::ec::not_found,
                  "rule " + std::to_string(id) + " of tenant " + tenant + " not found", path);
            http::response res;
            res.status = 204;
            res.content_type.clear();
            return res;
          };
          ask<alert_router_actor, bool>(ctx, "node/alert_router", std::move(respond), req.path,
                                        on_reply, delete_atom::value, tenant, *id);
        });

  r.add("GET", "/api/tenants/{tenant}/alerts",
        [ctx](const http::request& req, const http::path_params& params, http::responder respond) {
          alerts_query q;
          auto bad = check_names(req, {"status", "limit", "cursor"});
          if (!bad)
            bad = check_tenant(params, q.tenant);
          if (!bad) {
            if (auto status = req.query_param("status")) {
              q.status = *status;
              if (q.status != "pending" && q.status != "sent" && q.status != "suppressed" &&
                  q.status != "failed")
                bad = bad_param{"status", "must be one of pending, sent, suppressed, failed"};
            }
          }
          if (!bad) {
            if (auto v = req.query_param("limit")) {
              auto n = parse_id(*v);
              if (!n || *n > 500)
                bad = bad_param{"limit", "must be an integer between 1 and 500"};
              else
                q.limit = static_cast<std::int32_t>(*n);
            }
          }
          if (!bad) {
            if (auto v = req.query_param("cursor")) {
              if (!alerts_sql::decode_alerts_cursor(*v))
                bad = bad_param{"cursor", "malformed"};
              else
                q.cursor = *v;
            }
          }
          if (bad)
            return respond(bad_request(*bad, req.path));
          auto tenant = q.tenant;
          ask<alert_store_actor, json_page>(ctx, "node/alert_store", std::move(respond), req.path,
                                            page_reply(tenant, req.path), std::move(q));
        });
}

} // namespace playclock
