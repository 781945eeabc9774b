#pragma once
// The SQL of the alerts domain. Blocking: called by the alert store's
// detached workers on their own threads. Each function runs one transaction
// on the connection it is given and throws pqxx errors (nothing is written
// then).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/settings.hpp"
#include "messages/alerts.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace playclock::alerts_sql {

/// Most pending alerts one load returns (oldest first); a notifier's periodic
/// sweep picks up the rest.
inline constexpr int max_pending_load = 10000;

/// Rules, the last day's sent or pending alerts (the time is their
/// detected_at: when the router armed the cooldown) and the tenants' limits.
alert_bootstrap load_bootstrap(pqxx::connection_base& conn);

/// Pending alerts of a channel, oldest first, at most max_pending_load.
std::vector<alert_delivery> load_pending(pqxx::connection_base& conn, const std::string& channel);

/// Inserts the decisions (ON CONFLICT (alert_id) DO NOTHING) and one history
/// row per new alert; returns the ids that were new.
std::vector<std::string> insert_decisions(pqxx::connection_base& conn,
                                          const std::vector<alert_decision>& ds);

/// Applies delivery outcomes to alerts still pending ("retry" keeps them
/// pending) and adds a history row for each; returns how many applied.
std::int32_t record_deliveries(pqxx::connection_base& conn, const std::vector<delivery_record>& rs);

/// Inserts a rule and returns it with its id; nullopt if the tenant is unknown.
std::optional<alerts::rule> insert_rule(pqxx::connection_base& conn, const alerts::rule& r);

/// Deletes rule `id` of `tenant`; false if there was none.
bool delete_rule(pqxx::connection_base& conn, const std::string& tenant, std::int64_t id);

/// {"rules":[...]} of a tenant (rule_to_json's members); found = false if the
/// tenant is unknown.
json_page list_rules(pqxx::connection_base& conn, const std::string& tenant);

/// Where a page of alerts ended: (created_at in epoch microseconds, alert id).
struct alerts_cursor {
  std::int64_t created_us = 0;
  std::string alert_id;
};

std::string encode_alerts_cursor(const alerts_cursor& c);
/// nullopt if malformed.
std::optional<alerts_cursor> decode_alerts_cursor(const std::string& text);

/// A page of a tenant's alerts, newest first, each with its history:
/// {"alerts":[...],"next_cursor":...}; found = false if the tenant is unknown.
/// The cursor must be valid (decode_alerts_cursor).
json_page list_alerts(pqxx::connection_base& conn, const alerts_query& q);

} // namespace playclock::alerts_sql
