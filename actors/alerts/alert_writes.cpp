// Writes of the alerts domain: decisions, delivery outcomes, rules, tenants.
#include <array>
#include <string>
#include <unordered_set>
#include <utility>

#include <pqxx/connection_base>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include "actors/alerts/alert_sql.hpp"
#include "adapters/alerts/rule_json.hpp"
#include "adapters/pg/array_literal.hpp"

namespace playclock::alerts_sql {

namespace {

// Statement names double as log labels.
constexpr const char* insert_decisions_name = "insert_alert_decisions";
constexpr const char* record_delivery_name = "record_alert_deliveries";
constexpr const char* insert_rule_name = "insert_alert_rule";
constexpr const char* delete_rule_name = "delete_alert_rule";

// As if applied one by one: an alert still pending takes its records up to
// and including the first final one (sent or failed); its row ends in the
// state of the last of those, and each adds a history row. Returns how many
// applied.
const std::string apply_deliveries_sql =
    "WITH s AS (SELECT d.*, count(*) FILTER (WHERE d.status IN ('sent', 'failed'))"
    " OVER (PARTITION BY d.alert_id ORDER BY d.ord"
    " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS finals_before"
    " FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::bigint[])"
    " WITH ORDINALITY AS d (alert_id, status, detail, attempts, at_ms, ord)),"
    " applies AS (SELECT * FROM s WHERE finals_before = 0),"
    " last AS (SELECT DISTINCT ON (alert_id) alert_id, status, detail, at_ms,"
    " max(attempts) OVER (PARTITION BY alert_id) AS attempts"
    " FROM applies ORDER BY alert_id, ord DESC),"
    " u AS (UPDATE alerts a SET"
    " status = CASE WHEN l.status = 'retry' THEN 'pending' ELSE l.status END,"
    " reason = CASE WHEN l.status = 'failed' THEN l.detail ELSE a.reason END,"
    " attempts = greatest(a.attempts, l.attempts), updated_at = now(),"
    " sent_at = CASE WHEN l.status = 'sent'"
    "  THEN coalesce(to_timestamp(nullif(l.at_ms, 0) / 1000.0), now()) ELSE a.sent_at END"
    " FROM last l WHERE a.alert_id = l.alert_id AND a.status = 'pending'"
    "),"
    // The join reads the alerts as they were before `u` (one snapshot): the
    // ones pending then, which `u` updates. Joining `u` itself would be a
    // nested loop over two CTEs PostgreSQL believes hold one row each.
    " h AS (INSERT INTO alert_history (alert_id, tenant_id, status, detail, at)"
    " SELECT s.alert_id, a.tenant_id, s.status, s.detail,"
    " coalesce(to_timestamp(nullif(s.at_ms, 0) / 1000.0), now())"
    " FROM applies s JOIN alerts a ON a.alert_id = s.alert_id AND a.status = 'pending'"
    " ORDER BY s.ord RETURNING 1)"
    " SELECT count(*) FROM h";

const std::string insert_rule_sql =
    "INSERT INTO alert_rules (tenant_id, alert_type, channel, target, filters, cooldown_s,"
    " priority) SELECT $1::text, $2::text, $3::text, $4::text, $5::jsonb, $6::int, $7::text"
    " WHERE EXISTS (SELECT 1 FROM tenants WHERE tenant_id = $1::text) RETURNING rule_id";

const std::string delete_rule_sql =
    "DELETE FROM alert_rules WHERE tenant_id = $1::text AND rule_id = $2::bigint RETURNING 1";

// The payload as jsonb text: the formatters build valid JSON, but one bad
// payload must not fail a whole batch. Checked with the SAX reader (no
// document built): this runs for every decision.
std::string_view payload_of(const alerts::alert& a) {
  const auto& p = a.payload_json;
  auto first = p.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || p[first] != '{')
    return "{}";
  rapidjson::Reader reader;
  rapidjson::BaseReaderHandler<> ignore;
  rapidjson::MemoryStream in{p.data(), p.size()};
  if (reader.Parse(in, ignore).IsError())
    return "{}";
  return p;
}

// New alerts get their row; only those to send get a history row now (their
// deliveries add more). A suppression is final: its alerts row (status and
// reason) is the whole record, and the API shows it as its history.
const std::string insert_decisions_sql =
    "WITH ins AS (INSERT INTO alerts (alert_id, tenant_id, rule_id, alert_type, alert_key,"
    " priority, channel, target, message, payload, status, reason, detected_at)"
    " SELECT alert_id, tenant_id, rule_id, alert_type, alert_key, priority, channel, target,"
    " message, payload::jsonb, status, reason,"
    " CASE WHEN detected_ms > 0 THEN to_timestamp(detected_ms / 1000.0) ELSE now() END"
    " FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[],"
    " $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bigint[])"
    " AS v (alert_id, tenant_id, rule_id, alert_type, alert_key, priority, channel, target,"
    " message, payload, status, reason, detected_ms)"
    " ON CONFLICT (alert_id) DO NOTHING"
    " RETURNING alert_id, tenant_id, status, reason, created_at),"
    " hist AS (INSERT INTO alert_history (alert_id, tenant_id, status, detail, at)"
    " SELECT alert_id, tenant_id, status, reason, created_at FROM ins"
    " WHERE status <> 'suppressed')"
    " SELECT alert_id FROM ins";

} // namespace

std::vector<std::string> insert_decisions(pqxx::connection_base& conn,
                                          const std::vector<alert_decision>& ds) {
  std::vector<std::string> out;
  if (ds.empty())
    return out;
  // One array per column, one statement per batch: a literal VALUES list of
  // thousands of rows, or a round trip per row, cost more than the writing.
  std::array<pg::array_literal, 13> cols;
  std::unordered_set<std::string> ids;
  ids.reserve(ds.size());
  for (const auto& d : ds) {
    const auto& a = d.alert;
    if (!ids.insert(a.id).second)
      continue;
    cols[0].add(a.id);
    cols[1].add(a.tenant);
    cols[2].add(a.rule_id);
    cols[3].add(alerts::to_string(a.type));
    cols[4].add(a.key);
    cols[5].add(alerts::to_string(a.level));
    cols[6].add(alerts::to_string(a.via));
    cols[7].add(a.target);
    cols[8].add(a.message);
    cols[9].add(payload_of(a));
    cols[10].add(d.status == "suppressed" ? "suppressed" : "pending");
    cols[11].add(d.reason);
    cols[12].add(d.detected_at_ms);
  }
  conn.prepare(insert_decisions_name, insert_decisions_sql);
  // One statement is its own transaction: no BEGIN and COMMIT round trips,
  // each of which waits for a busy PostgreSQL to be scheduled.
  pqxx::nontransaction tx{conn, insert_decisions_name};
  auto res = tx.exec_prepared(insert_decisions_name, cols[0].str(), cols[1].str(), cols[2].str(),
                              cols[3].str(), cols[4].str(), cols[5].str(), cols[6].str(),
                              cols[7].str(), cols[8].str(), cols[9].str(), cols[10].str(),
                              cols[11].str(), cols[12].str());
  out.reserve(res.size());
  for (const auto& row : res)
    out.push_back(row[0].as<std::string>());
  return out;
}

std::int32_t record_deliveries(pqxx::connection_base& conn,
                               const std::vector<delivery_record>& rs) {
  if (rs.empty())
    return 0;
  std::array<pg::array_literal, 5> cols;
  for (const auto& r : rs) {
    cols[0].add(r.alert_id);
    cols[1].add(r.status == "sent" || r.status == "failed" ? r.status : std::string{"retry"});
    cols[2].add(r.detail);
    cols[3].add(static_cast<std::int64_t>(r.attempts));
    cols[4].add(r.at_ms);
  }
  conn.prepare(record_delivery_name, apply_deliveries_sql);
  pqxx::nontransaction tx{conn, record_delivery_name};
  auto res = tx.exec_prepared(record_delivery_name, cols[0].str(), cols[1].str(), cols[2].str(),
                              cols[3].str(), cols[4].str());
  return res[0][0].as<std::int32_t>();
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
