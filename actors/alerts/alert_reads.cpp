// Reads of the alerts domain: the router's bootstrap, a notifier's pending
// alerts, and the JSON of the rules and alerts API (built by PostgreSQL).
#include <string>

#include <pqxx/connection_base>
#include <pqxx/result>
#include <pqxx/transaction>

#include "actors/alerts/alert_sql.hpp"
#include "actors/query_actor.hpp"
#include "actors/storage/sql_time.hpp"
#include "adapters/alerts/rule_json.hpp"

namespace playclock::alerts_sql {

namespace {

constexpr const char* load_pending_name = "load_pending_alerts";
constexpr const char* list_rules_name = "list_alert_rules";
constexpr const char* list_alerts_name = "list_alerts";
constexpr const char* list_delivered_name = "list_alerts_not_suppressed";

// Alert times with milliseconds.
const auto& iso = sql_time::iso_ms;

const std::string epoch_ms = "(extract(epoch FROM coalesce(a.detected_at, a.created_at)) * 1000)"
                             "::bigint";

const std::string load_pending_sql =
    "SELECT a.alert_id, a.tenant_id, coalesce(a.rule_id, 0), a.alert_type, a.alert_key,"
    " a.priority, a.channel, a.target, a.message, a.payload::text, " +
    epoch_ms +
    ", a.attempts FROM alerts a WHERE a.status = 'pending' AND a.channel = $1::text"
    " ORDER BY a.created_at, a.alert_id LIMIT $2::int";

const std::string list_rules_sql =
    "SELECT EXISTS (SELECT 1 FROM tenants WHERE tenant_id = $1::text),"
    " (SELECT coalesce(json_agg(json_build_object('id', r.rule_id, 'tenant', r.tenant_id,"
    " 'type', r.alert_type, 'channel', r.channel, 'target', r.target, 'filters', r.filters,"
    " 'cooldown_s', r.cooldown_s, 'priority', r.priority, 'created_at', " +
    iso("r.created_at") +
    ") ORDER BY r.rule_id), '[]'::json) FROM alert_rules r WHERE r.tenant_id = $1::text)::text";

const std::string alert_members =
    "'id', a.alert_id, 'rule_id', a.rule_id, 'type', a.alert_type, 'key', a.alert_key,"
    " 'priority', a.priority, 'channel', a.channel, 'target', a.target, 'message', a.message,"
    " 'payload', a.payload, 'status', a.status, 'reason', a.reason, 'attempts', a.attempts,"
    " 'created_at', " +
    iso("a.created_at") + ", 'detected_at', " + iso("a.detected_at") + ", 'sent_at', " +
    iso("a.sent_at") +
    // A suppression has no alert_history row (see alert_writes.cpp): its one
    // entry is the alerts row itself.
    ", 'history', CASE WHEN a.status = 'suppressed' THEN json_build_array(json_build_object("
    "'status', a.status, 'detail', a.reason, 'at', " +
    iso("a.created_at") +
    ")) ELSE (SELECT coalesce(json_agg(json_build_object('status', h.status,"
    " 'detail', h.detail, 'at', " +
    iso("h.at") +
    // In the order written: a delivery's time is the worker's, in whole
    // milliseconds, and can read earlier than its decision's in the same one.
    ") ORDER BY h.id), '[]'::json) FROM alert_history h WHERE h.alert_id = a.alert_id) END";

// $1 tenant, $2 status ('' = any), $3/$4 cursor (created_at in epoch us,
// alert id; NULL = first page), $5 limit. Newest first; one row more than
// the page tells whether there is a next one.
// `only_delivered` adds a clause that lets PostgreSQL use the partial index
// of alerts not suppressed (see 0004_alerts_index.sql).
std::string list_alerts_sql(bool only_delivered) {
  return "WITH page AS (SELECT a.*, row_number() OVER (ORDER BY a.created_at DESC, a.alert_id DESC)"
         " AS n FROM alerts a WHERE a.tenant_id = $1::text AND ($2::text = '' OR a.status = "
         "$2::text)" +
         std::string{only_delivered ? " AND a.status <> 'suppressed'" : ""} +
         " AND ($4::text IS NULL OR (a.created_at, a.alert_id) <"
         " ('epoch'::timestamptz + $3::bigint * interval '1 microsecond', $4::text))"
         " ORDER BY a.created_at DESC, a.alert_id DESC LIMIT $5::int + 1),"
         " last AS (SELECT * FROM page WHERE n = $5::int)"
         " SELECT EXISTS (SELECT 1 FROM tenants WHERE tenant_id = $1::text),"
         " (SELECT coalesce(json_agg(json_build_object(" +
         alert_members +
         ") ORDER BY a.n), '[]'::json) FROM page a WHERE a.n <= $5::int)::text,"
         " (SELECT count(*) FROM page) > $5::int,"
         " (SELECT (extract(epoch FROM created_at) * 1000000)::bigint FROM last),"
         " (SELECT alert_id FROM last)";
}

// Columns 1..9 of load_pending_sql and of the bootstrap's recent alerts.
alerts::alert alert_of(const pqxx::row& row) {
  alerts::alert a;
  a.id = row[0].as<std::string>();
  a.tenant = row[1].as<std::string>();
  a.rule_id = row[2].as<std::int64_t>();
  a.type = alerts::parse_alert_type(row[3].as<std::string>()).value_or(alerts::alert_type::score);
  a.key = row[4].as<std::string>();
  a.level = alerts::parse_priority(row[5].as<std::string>()).value_or(alerts::priority::normal);
  a.via = alerts::parse_channel(row[6].as<std::string>()).value_or(alerts::channel::log);
  a.target = row[7].as<std::string>();
  a.message = row[8].as<std::string>();
  return a;
}

std::string json_string_or_null(const std::optional<std::string>& s) {
  // Cursors are base64url: nothing to escape.
  return s ? "\"" + *s + "\"" : std::string{"null"};
}

} // namespace

alert_bootstrap load_bootstrap(pqxx::connection_base& conn) {
  alert_bootstrap out;
  pqxx::read_transaction tx{conn, "load_alert_bootstrap"};
  for (const auto& row :
       tx.exec("SELECT rule_id, tenant_id, alert_type, channel, target, filters::text,"
               " cooldown_s, priority FROM alert_rules ORDER BY rule_id",
               "load_alert_rules")) {
    auto type = alerts::parse_alert_type(row[2].as<std::string>());
    auto via = alerts::parse_channel(row[3].as<std::string>());
    auto only = alerts::filters_from_json(row[5].as<std::string>());
    if (!type || !via || !only)
      continue; // written by hand or by a newer version: not ours to route
    alerts::rule r;
    r.id = row[0].as<std::int64_t>();
    r.tenant = row[1].as<std::string>();
    r.type = *type;
    r.via = *via;
    r.target = row[4].as<std::string>();
    r.only = std::move(*only);
    r.cooldown_s = row[6].as<int>();
    r.level = alerts::parse_priority(row[7].as<std::string>()).value_or(alerts::priority::normal);
    out.rules.push_back(std::move(r));
  }
  // The day's limit counts whole UTC days and cooldowns last at most a day:
  // 25 hours covers both. Pending alerts will go out: they count.
  for (const auto& row :
       tx.exec("SELECT a.alert_id, a.tenant_id, coalesce(a.rule_id, 0), a.alert_type,"
               " a.alert_key, a.priority, a.channel, a.target, '', " +
                   epoch_ms +
                   " FROM alerts a WHERE a.created_at > now() - interval '25 hours'"
                   " AND a.status IN ('sent', 'pending') ORDER BY a.created_at",
               "load_recent_alerts"))
    out.recent.push_back(sent_alert{alert_of(row), row[9].as<std::int64_t>()});
  for (const auto& row : tx.exec("SELECT tenant_id, daily_alert_limit FROM tenants ORDER BY 1",
                                 "load_tenant_limits")) {
    out.tenants.push_back(row[0].as<std::string>());
    out.daily_limits.push_back(row[1].as<std::int32_t>());
  }
  return out;
}

std::vector<alert_delivery> load_pending(pqxx::connection_base& conn, const std::string& channel) {
  conn.prepare(load_pending_name, load_pending_sql);
  pqxx::read_transaction tx{conn, load_pending_name};
  std::vector<alert_delivery> out;
  for (const auto& row : tx.exec_prepared(load_pending_name, channel, max_pending_load)) {
    alert_delivery d;
    d.alert = alert_of(row);
    d.alert.payload_json = row[9].as<std::string>();
    d.detected_at_ms = row[10].as<std::int64_t>();
    d.alert.detected_at_ms = d.detected_at_ms;
    d.attempts = row[11].as<std::int32_t>();
    out.push_back(std::move(d));
  }
  return out;
}

json_page list_rules(pqxx::connection_base& conn, const std::string& tenant) {
  conn.prepare(list_rules_name, list_rules_sql);
  pqxx::read_transaction tx{conn, list_rules_name};
  auto row = tx.exec_prepared1(list_rules_name, tenant);
  if (!row[0].as<bool>())
    return json_page{{}, false};
  return json_page{R"({"rules":)" + row[1].as<std::string>() + "}", true};
}

std::string encode_alerts_cursor(const alerts_cursor& c) {
  // The games cursor's codec: a keyset of a time and an id.
  return encode_cursor(games_cursor{c.created_us, c.alert_id});
}

std::optional<alerts_cursor> decode_alerts_cursor(const std::string& text) {
  auto c = decode_games_cursor(text);
  if (!c || !c->start_us)
    return std::nullopt;
  return alerts_cursor{*c->start_us, c->game_id};
}

json_page list_alerts(pqxx::connection_base& conn, const alerts_query& q) {
  std::optional<std::int64_t> after_us;
  std::optional<std::string> after_id;
  if (!q.cursor.empty()) {
    if (auto c = decode_alerts_cursor(q.cursor)) {
      after_us = c->created_us;
      after_id = c->alert_id;
    }
  }
  bool only_delivered = !q.status.empty() && q.status != "suppressed";
  const char* name = only_delivered ? list_delivered_name : list_alerts_name;
  conn.prepare(name, list_alerts_sql(only_delivered));
  pqxx::read_transaction tx{conn, name};
  auto row = tx.exec_prepared1(name, q.tenant, q.status, after_us, after_id, q.limit);
  if (!row[0].as<bool>())
    return json_page{{}, false};
  std::optional<std::string> next;
  if (row[2].as<bool>())
    next = encode_alerts_cursor({row[3].as<std::int64_t>(), row[4].as<std::string>()});
  return json_page{R"({"alerts":)" + row[1].as<std::string>() + R"(,"next_cursor":)" +
                       json_string_or_null(next) + "}",
                   true};
}

} // namespace playclock::alerts_sql
