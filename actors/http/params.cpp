#include "actors/http/params.hpp"

#include "actors/alerts/tenant_id.hpp"

#include <algorithm>
#include <cctype>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace playclock::http_params {

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

std::optional<std::int64_t> parse_digits(const std::string& s) {
  if (s.empty() || s.size() > 18 ||
      !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; }))
    return std::nullopt;
  return std::stoll(s);
}

std::optional<bad_param> parse_count(const http::request& req, const char* name,
                                     std::int32_t fallback, std::int32_t most, std::int32_t& out) {
  out = fallback;
  auto v = req.query_param(name);
  if (!v)
    return std::nullopt;
  auto n = parse_digits(*v);
  if (!n || *n < 1 || *n > most)
    return bad_param{name, "must be an integer between 1 and " + std::to_string(most)};
  out = static_cast<std::int32_t>(*n);
  return std::nullopt;
}

std::optional<bad_param> parse_limit(const http::request& req, std::int32_t& out) {
  return parse_count(req, "limit", default_limit, max_limit, out);
}

std::string path_param(const http::path_params& params, std::string_view name) {
  for (const auto& [k, v] : params)
    if (k == name)
      return v;
  return {};
}

std::optional<bad_param> check_game_id(const char* name, const std::string& id) {
  bool ok =
      !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 || c == '_' || c == '-';
      });
  if (!ok)
    return bad_param{name, "must be 1 to 32 characters of A-Z, a-z, 0-9, _ or -"};
  return std::nullopt;
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

std::optional<bad_param> check_tenant_request(const http::request& req,
                                              const http::path_params& params,
                                              std::initializer_list<std::string_view> allowed,
                                              std::string& tenant) {
  if (auto bad = check_names(req, allowed))
    return bad;
  tenant = path_param(params, "tenant");
  if (!valid_tenant_id(tenant))
    return bad_param{"tenant", "must match ^[a-z0-9][a-z0-9_-]{0,62}$"};
  return std::nullopt;
}

} // namespace playclock::http_params
