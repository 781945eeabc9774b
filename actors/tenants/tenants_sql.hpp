#pragma once
// The SQL of tenants: created from the configuration or over the admin API,
// each with the hash of its bearer token (never the token). Blocking: called
// by the tenants actor and the alert store on their own threads; each
// function is one transaction and throws pqxx errors.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "config/settings.hpp"
#include "messages/games_query.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace playclock::tenants_sql {

/// Creates or updates the configured tenants (name, daily_alert_limit, and
/// the token's hash when one is configured; else the stored one is kept).
void upsert_tenants(pqxx::connection_base& conn, const std::vector<config::tenant_setting>& ts);

/// tenant id -> token hash, for every tenant with a token.
std::unordered_map<std::string, std::string> load_token_hashes(pqxx::connection_base& conn);

struct new_tenant {
  std::string id;
  std::string name;
  std::int32_t daily_alert_limit = 100;
  std::int32_t max_running_simulations = 4;
  std::string token_hash;
};

/// Inserts a tenant; its JSON (tenant_json's members), or nullopt if the id
/// is taken.
std::optional<std::string> create_tenant(pqxx::connection_base& conn, const new_tenant& t);

/// Replaces a tenant's token hash; false if there is no such tenant.
bool set_token_hash(pqxx::connection_base& conn, const std::string& id, const std::string& hash);

/// {"tenants":[...]} of every tenant, by id.
json_page list_tenants(pqxx::connection_base& conn);

/// One tenant's JSON: {"id","name","daily_alert_limit","max_running_simulations",
/// "has_token","created_at","updated_at"}; found = false if unknown.
json_page get_tenant(pqxx::connection_base& conn, const std::string& id);

} // namespace playclock::tenants_sql
