// jobs.schedules: the cron-scheduled jobs, read from and written to JSON.
#include <set>
#include <variant>

#include "config/cron.hpp"
#include "config/json_fields.hpp"
#include "config/json_keys.hpp"

namespace playclock::config {

using namespace json_fields;

namespace {

std::optional<std::string> int_field(const object& obj, const char* key, int lo, int hi, int& out) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd())
    return std::nullopt;
  if (!it->value.IsInt() || it->value.GetInt() < lo || it->value.GetInt() > hi)
    return std::string{key} + ": must be an integer from " + std::to_string(lo) + " to " +
           std::to_string(hi);
  out = it->value.GetInt();
  return std::nullopt;
}

} // namespace

std::optional<std::string> parse_job_schedules(const std::string& json,
                                               std::vector<job_schedule_setting>& out) {
  std::set<std::string> seen;
  return parse_array(json, out,
                     [&](const object& obj, job_schedule_setting& s) -> std::optional<std::string> {
                       if (auto err = unknown_keys(obj, {"name", "cron", "type", "params", "tenant",
                                                         "priority", "max_attempts", "timeout_s"}))
                         return err;
                       if (auto err = string_field(obj, "name", true, s.name))
                         return err;
                       if (!valid_tenant_id(s.name))
                         return std::string{"name: must match ^[a-z0-9][a-z0-9_-]{0,62}$"};
                       if (!seen.insert(s.name).second)
                         return "name: duplicate schedule " + s.name;
                       if (auto err = string_field(obj, "cron", true, s.cron))
                         return err;
                       auto spec = parse_cron(s.cron);
                       if (const auto* why = std::get_if<std::string>(&spec))
                         return "cron: " + *why;
                       if (auto err = string_field(obj, "type", true, s.type))
                         return err;
                       auto params = obj.FindMember("params");
                       if (params != obj.MemberEnd()) {
                         if (!params->value.IsObject())
                           return std::string{"params: must be a JSON object"};
                         rapidjson::StringBuffer buf;
                         rapidjson::Writer<rapidjson::StringBuffer> w{buf};
                         params->value.Accept(w);
                         s.params = buf.GetString();
                       }
                       if (auto err = string_field(obj, "tenant", false, s.tenant))
                         return err;
                       if (!s.tenant.empty() && !valid_tenant_id(s.tenant))
                         return std::string{"tenant: must match ^[a-z0-9][a-z0-9_-]{0,62}$"};
                       if (auto err = int_field(obj, "priority", -1000, 1000, s.priority))
                         return err;
                       if (auto err = int_field(obj, "max_attempts", 1, 100, s.max_attempts))
                         return err;
                       return int_field(obj, "timeout_s", 1, 604800, s.timeout_s);
                     });
}

std::string render_job_schedules(const std::vector<job_schedule_setting>& v) {
  return render_array([&](auto& w) {
    for (const auto& s : v) {
      w.StartObject();
      w.Key("name");
      w.String(s.name.c_str());
      w.Key("cron");
      w.String(s.cron.c_str());
      w.Key("type");
      w.String(s.type.c_str());
      w.Key("params");
      rapidjson::Document params;
      params.Parse(s.params.c_str());
      params.Accept(w);
      if (!s.tenant.empty()) {
        w.Key("tenant");
        w.String(s.tenant.c_str());
      }
      w.Key("priority");
      w.Int(s.priority);
      w.Key("max_attempts");
      w.Int(s.max_attempts);
      w.Key("timeout_s");
      w.Int(s.timeout_s);
      w.EndObject();
    }
  });
}

} // namespace playclock::config
