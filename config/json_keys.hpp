#pragma once
// Parsing and rendering of the settings whose values are JSON documents
// (tenants, ticker mapping rules, job schedules). Each parse returns the message for the
// first bad element, naming its index and field.

#include <optional>
#include <string>
#include <vector>

#include "config/settings.hpp"

namespace playclock::config {

/// [{"id":"demo","name":"Demo","daily_alert_limit":100}, ...]
std::optional<std::string> parse_tenants(const std::string& json, std::vector<tenant_setting>& out);
std::string render_tenants(const std::vector<tenant_setting>& v);

/// [{"ticker_prefix":"KXNFLGAME-26JAN12HOUPIT","game_id":"401772...","team":"PIT"}, ...]
std::optional<std::string> parse_ticker_rules(const std::string& json,
                                              std::vector<ticker_rule_setting>& out);
std::string render_ticker_rules(const std::vector<ticker_rule_setting>& v);

/// [{"name":"pipeline","cron":"0 */3 * * *","type":"data_pipeline","params":{...},
///   "tenant"?, "priority"?, "max_attempts"?, "timeout_s"?}, ...]; the cron
/// expression is checked here, the type and params by the job rules (the
/// daemon checks them after loading, as config knows no job types).
std::optional<std::string> parse_job_schedules(const std::string& json,
                                               std::vector<job_schedule_setting>& out);
std::string render_job_schedules(const std::vector<job_schedule_setting>& v);

} // namespace playclock::config
