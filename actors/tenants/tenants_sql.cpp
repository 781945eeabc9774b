#include "actors/tenants/tenants_sql.hpp"

#include <algorithm>
#include <set>

#include <pqxx/connection_base>
#include <pqxx/result>
#include <pqxx/transaction>

#include "actors/alerts/tenant_id.hpp"
#include "actors/storage/sql_time.hpp"
#include "adapters/auth/token.hpp"

namespace playclock::tenants_sql {

namespace {

constexpr const char* upsert_tenants_name = "upsert_tenants";
constexpr const char* load_hashes_name = "load_token_hashes";
constexpr const char* create_tenant_name = "create_tenant";
constexpr const char* set_token_name = "set_tenant_token";
constexpr const char* list_tenants_name = "list_tenants";
constexpr const char* get_tenant_name = "get_tenant";

const std::string tenant_object =
    "json_build_object('id', t.tenant_id, 'name', t.name, 'daily_alert_limit',"
    " t.daily_alert_limit, 'max_running_simulations', t.max_running_simulations,"
    " 'has_token', t.token_hash IS NOT NULL, 'created_at', " +
    sql_time::iso("t.created_at") + ", 'updated_at', " + sql_time::iso("t.updated_at") + ")";

const std::string create_tenant_sql =
    "INSERT INTO tenants AS t (tenant_id, name, daily_alert_limit, max_running_simulations,"
    " token_hash) VALUES ($1::text, $2::text, $3::int, $4::int, $5::text)"
    " ON CONFLICT (tenant_id) DO NOTHING RETURNING " +
    tenant_object + "::text";

const std::string set_token_sql = "UPDATE tenants SET token_hash = $2::text, updated_at = now()"
                                  " WHERE tenant_id = $1::text RETURNING 1";

const std::string list_tenants_sql = "SELECT json_build_object('tenants', coalesce(json_agg(" +
                                     tenant_object +
                                     " ORDER BY t.tenant_id), '[]'::json))::text FROM tenants t";

const std::string get_tenant_sql =
    "SELECT " + tenant_object + "::text FROM tenants t WHERE t.tenant_id = $1::text";

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
              tx.quote(std::max(0, i->daily_alert_limit)) + "," +
              (i->token.empty() ? std::string{"NULL"} : tx.quote(auth::hash_token(i->token))) +
              "::text)";
  }
  if (values.empty())
    return;
  tx.exec("INSERT INTO tenants (tenant_id, name, daily_alert_limit, token_hash) VALUES " + values +
              " ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name,"
              " daily_alert_limit = EXCLUDED.daily_alert_limit,"
              " token_hash = coalesce(EXCLUDED.token_hash, tenants.token_hash), updated_at = now()",
          upsert_tenants_name);
  tx.commit();
}

std::unordered_map<std::string, std::string> load_token_hashes(pqxx::connection_base& conn) {
  pqxx::read_transaction tx{conn, load_hashes_name};
  auto res = tx.exec("SELECT tenant_id, token_hash FROM tenants WHERE token_hash IS NOT NULL",
                     load_hashes_name);
  std::unordered_map<std::string, std::string> out;
  out.reserve(res.size());
  for (const auto& row : res)
    out.emplace(row[0].as<std::string>(), row[1].as<std::string>());
  return out;
}

std::optional<std::string> create_tenant(pqxx::connection_base& conn, const new_tenant& t) {
  conn.prepare(create_tenant_name, create_tenant_sql);
  pqxx::work tx{conn, create_tenant_name};
  auto res = tx.exec_prepared(create_tenant_name, t.id, t.name, t.daily_alert_limit,
                              t.max_running_simulations, t.token_hash);
  tx.commit();
  if (res.empty())
    return std::nullopt;
  return res[0][0].as<std::string>();
}

bool set_token_hash(pqxx::connection_base& conn, const std::string& id, const std::string& hash) {
  conn.prepare(set_token_name, set_token_sql);
  pqxx::work tx{conn, set_token_name};
  auto res = tx.exec_prepared(set_token_name, id, hash);
  tx.commit();
  return !res.empty();
}

json_page list_tenants(pqxx::connection_base& conn) {
  conn.prepare(list_tenants_name, list_tenants_sql);
  pqxx::read_transaction tx{conn, list_tenants_name};
  return json_page{tx.exec_prepared1(list_tenants_name)[0].as<std::string>(), true};
}

json_page get_tenant(pqxx::connection_base& conn, const std::string& id) {
  conn.prepare(get_tenant_name, get_tenant_sql);
  pqxx::read_transaction tx{conn, get_tenant_name};
  auto res = tx.exec_prepared(get_tenant_name, id);
  if (res.empty())
    return json_page{{}, false};
  return json_page{res[0][0].as<std::string>(), true};
}

} // namespace playclock::tenants_sql
