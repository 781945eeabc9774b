// Writes of the alerts domain: decisions, delivery outcomes, rules, tenants.
#include <set>
#include <string>
#include <utility>

#include <pqxx/connection_base>
#include <pqxx/result>
#include <pqxx/transaction>
#include <rapidjson/document.h>

#include "actors/alerts/alert_sql.hpp"
#include "actors/alerts/tenant_id.hpp"
#include "adapters/alerts/rule_json.hpp"

namespace playclock::alerts_sql {

namespace {

// Statement names double as log labels.
constexpr const char* upsert_tenants_name = "upsert_tenants";
constexpr const char* insert_decisions_name = "insert_alert_decisions";
constexpr const char* record_delivery_name = "record_alert_delivery";
constexpr const char* insert_rule_name = "insert_alert_rule";
constexpr const char* delete_rule_name = "delete_alert_rule";

const std::string record_delivery_sql =
    "WITH u AS (UPDATE alerts SET"
    " status = CASE WHEN $2::text = 'retry' THEN 'pending' ELSE $2::text END,"
    " reason = CASE WHEN $2::text = 'failed' THEN $3::text ELSE reason END,"
    " attempts = greatest(attempts, $4::int), updated_at = now(),"
    " sent_at = CASE WHEN $2::text = 'sent'"
    "  THEN coalesce(to_timestamp(nullif($5::bigint, 0) / 1000.0), now()) ELSE sent_at END"
    " WHERE alert_id = $1::text AND status = 'pending' RETURNING alert_id, tenant_id)"
    " INSERT INTO alert_history (alert_id, tenant_id, status, detail, at)"
    " SELECT alert_id, tenant_id, $2::text, $3::text,"
    " coalesce(to_timestamp(nullif($5::bigint, 0) / 1000.0), now()) FROM u";

const std::string insert_rule_sql =
    "INSERT INTO alert_rules (tenant_id, alert_type, channel, target, filters, cooldown_s,"
    " priority) SELECT $1::text, $2::text, $3::text, $4::text, $5::jsonb, $6::int, $7::text"
    " WHERE EXISTS (SELECT 1 FROM tenants WHERE tenant_id = $1::text) RETURNING rule_id";

const std::string delete_rule_sql =
    "DELETE FROM alert_rules WHERE tenant_id = $1::text AND rule_id = $2::bigint RETURNING 1";

// The payload as jsonb text: the formatters build valid JSON, but one bad
// payload must not fail a whole batch.
std::string payload_of(const alerts::alert& a) {
  if (a.payload_json.empty())
    return "{}";
  rapidjson::Document doc;
  doc.Parse(a.payload_json.data(), a.payload_json.size());
  if (!doc.HasParseError() && doc.IsObject())
    return a.payload_json;
  return "{}";
}

std::string timestamp_ms(pqxx::transaction_base& tx, std::int64_t ms) {
  if (ms <= 0)
    return "now()";
  return "to_timestamp(" + tx.quote(static_cast<long long>(ms)) + " / 1000.0)";
}

} // namespace

void upsert_tenants(pqxx::connection_base& conn, const std::vector<config::tenant_setting>& ts) {
  std::string values;
  std::set<std::string> seen;
  pqxx::work tx{conn, upsert_tenants_name};
  // The last entry of an id wins, as a config file's later entry would.
  for (auto i = ts.rbegin(); i != ts.rend(); ++i) {
    if (!valid_tenant_id(i->id) || !seen.insert(i->id).second)
      continue;
    if (!values.empty())
      values += ',';
    values += "(" + tx.quote(i->id) + "," + tx.quote(i->name) + "," +
              tx.quote(std::max(0, i->daily_alert_limit)) + ")";
  }
  if (values.empty())
    return;
  tx.exec("INSERT INTO tenants (tenant_id, name, daily_alert_limit) VALUES " + values +
              " ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name,"
              " daily_alert_limit = EXCLUDED.daily_alert_limit, updated_at = now()",
          upsert_tenants_name);
  tx.commit();
}

std::vector<std::string> insert_decisions(pqxx::connection_base& conn,
                                          const std::vector<alert_decision>& ds) {
  std::vector<std::string> out;
  if (ds.empty())
    return out;
  pqxx::work tx{conn, insert_decisions_name};
  std::string values;
  std::set<std::string> ids;
  for (const auto& d : ds) {
    const auto& a = d.alert;
    if (!ids.insert(a.id).second)
      continue;
    if (!values.empty())
      values += ',';
    values += "(" + tx.quote(a.id) + "," + tx.quote(a.tenant) + "," +
              tx.quote(static_cast<long long>(a.rule_id)) + "::bigint," +
              tx.quote(alerts::to_string(a.type)) + "," + tx.quote(a.key) + "," +
              tx.quote(alerts::to_string(a.level)) + "," + tx.quote(alerts::to_string(a.via)) +
              "," + tx.quote(a.target) + "," + tx.quote(a.message) + "," + tx.quote(payload_of(a)) +
              "::jsonb," + tx.quote(d.status == "suppressed" ? "suppressed" : "pending") + "," +
              tx.quote(d.reason) + "," + timestamp_ms(tx, d.detected_at_ms) + ")";
  }
  // One statement: the history rows are for the alerts that were new.
  auto res = tx.exec(
      "WITH v (alert_id, tenant_id, rule_id, alert_type, alert_key, priority, channel, target,"
      " message, payload, status, reason, detected_at) AS (VALUES " +
          values +
          "), ins AS (INSERT INTO alerts (alert_id, tenant_id, rule_id, alert_type, alert_key,"
          " priority, channel, target, message, payload, status, reason, detected_at)"
          " SELECT * FROM v ON CONFLICT (alert_id) DO NOTHING"
          " RETURNING alert_id, tenant_id, status, reason, created_at)"
          " INSERT INTO alert_history (alert_id, tenant_id, status, detail, at)"
          " SELECT alert_id, tenant_id, status, reason, created_at FROM ins RETURNING alert_id",
      insert_decisions_name);
  tx.commit();
  out.reserve(res.size());
  for (const auto& row : res)
    out.push_back(row[0].as<std::string>());
  return out;
}

std::int32_t record_deliveries(pqxx::connection_base& conn,
                               const std::vector<delivery_record>& rs) {
  conn.prepare(record_delivery_name, record_delivery_sql);
  pqxx::work tx{conn, record_delivery_name};
  std::int32_t n = 0;
  // In order: a retry then the send of the same alert both apply.
  for (const auto& r : rs) {
    auto status = r.status == "sent" || r.status == "failed" ? r.status : std::string{"retry"};
    auto res = tx.exec_prepared(record_delivery_name, r.alert_id, status, r.detail, r.attempts,
                                static_cast<long long>(r.at_ms));
    n += static_cast<std::int32_t>(res.affected_rows());
  }
  tx.commit();
  return n;
}

std::optional<alerts::rule> insert_rule(pqxx::connection_base& conn, const alerts::rule& r) {
  conn.prepare(insert_rule_name, insert_rule_sql);
  pqxx::work tx{conn, insert_rule_name};
  auto res = tx.exec_prepared(insert_rule_name, r.tenant, alerts::to_string(r.type),
                              alerts::to_string(r.via), r.target, alerts::filters_to_json(r.only),
                              r.cooldown_s, alerts::to_string(r.level));
  tx.commit();
  if (res.empty())
    return std::nullopt;
  auto out = r;
  out.id = res[0][0].as<std::int64_t>();
  return out;
}

bool delete_rule(pqxx::connection_base& conn, const std::string& tenant, std::int64_t id) {
  conn.prepare(delete_rule_name, delete_rule_sql);
  pqxx::work tx{conn, delete_rule_name};
  auto res = tx.exec_prepared(delete_rule_name, tenant, static_cast<long long>(id));
  tx.commit();
  return !res.empty();
}

} // namespace playclock::alerts_sql
