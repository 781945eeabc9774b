#include "config/json_keys.hpp"

#include "config/json_fields.hpp"
#include "config/token_rules.hpp"

namespace playclock::config {

using namespace json_fields;

std::optional<std::string> parse_tenants(const std::string& json,
                                         std::vector<tenant_setting>& out) {
  std::set<std::string> seen;
  return parse_array(
      json, out, [&](const object& obj, tenant_setting& t) -> std::optional<std::string> {
        if (auto err = unknown_keys(obj, {"id", "name", "daily_alert_limit", "token"}))
          return err;
        if (auto err = string_field(obj, "id", true, t.id))
          return err;
        if (!valid_tenant_id(t.id))
          return std::string{
              "id: must be 1-63 of a-z, 0-9, _ and -, starting with a letter or digit"};
        if (!seen.insert(t.id).second)
          return "id: duplicate tenant " + t.id;
        if (auto err = string_field(obj, "name", false, t.name))
          return err;
        auto lim = obj.FindMember("daily_alert_limit");
        if (lim != obj.MemberEnd()) {
          if (!lim->value.IsInt() || lim->value.GetInt() < 0 || lim->value.GetInt() > 1000000)
            return std::string{"daily_alert_limit: must be an integer from 0 to 1000000"};
          t.daily_alert_limit = lim->value.GetInt();
        }
        if (auto err = string_field(obj, "token", false, t.token))
          return err;
        if (!t.token.empty())
          if (auto bad = token_problem(t.token))
            return "token: " + *bad;
        return std::nullopt;
      });
}

std::string render_tenants(const std::vector<tenant_setting>& v) {
  return render_array([&](auto& w) {
    for (const auto& t : v) {
      w.StartObject();
      w.Key("id");
      w.String(t.id.c_str());
      w.Key("name");
      w.String(t.name.c_str());
      w.Key("daily_alert_limit");
      w.Int(t.daily_alert_limit);
      // The tenants key is secrecy::json_tokens: dumps show "***".
      if (!t.token.empty()) {
        w.Key("token");
        w.String(t.token.c_str());
      }
      w.EndObject();
    }
  });
}

std::optional<std::string> parse_ticker_rules(const std::string& json,
                                              std::vector<ticker_rule_setting>& out) {
  return parse_array(json, out,
                     [](const object& obj, ticker_rule_setting& r) -> std::optional<std::string> {
                       if (auto err = unknown_keys(obj, {"ticker_prefix", "game_id", "team"}))
                         return err;
                       if (auto err = string_field(obj, "ticker_prefix", true, r.ticker_prefix))
                         return err;
                       if (r.ticker_prefix.empty())
                         return std::string{"ticker_prefix: must not be empty"};
                       if (auto err = string_field(obj, "game_id", true, r.game_id))
                         return err;
                       if (r.game_id.empty())
                         return std::string{"game_id: must not be empty"};
                       return string_field(obj, "team", false, r.team);
                     });
}

std::string render_ticker_rules(const std::vector<ticker_rule_setting>& v) {
  return render_array([&](auto& w) {
    for (const auto& r : v) {
      w.StartObject();
      w.Key("ticker_prefix");
      w.String(r.ticker_prefix.c_str());
      w.Key("game_id");
      w.String(r.game_id.c_str());
      w.Key("team");
      w.String(r.team.c_str());
      w.EndObject();
    }
  });
}

} // namespace playclock::config
