#include "actors/tenants_actor.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <pqxx/connection_base>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>

#include "actors/storage/db_call.hpp"
#include "actors/tenants/tenants_sql.hpp"
#include "adapters/auth/directory.hpp"
#include "adapters/auth/token.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "adapters/pg/pool.hpp"

namespace playclock {

namespace {

struct tenants_state {
  static inline const char* name = "tenants";
  tenants_config cfg;
  std::shared_ptr<spdlog::logger> log;
  bool configured_written = false;
  /// tenant id -> hash of its configured token.
  std::unordered_map<std::string, std::string> configured;
};

using self_ptr = tenants_actor::stateful_pointer<tenants_state>;

// The configured tenants' hashes (computed once) over the database's: a
// token in the configuration is the one that works, even before it is
// written.
std::unordered_map<std::string, std::string>
with_configured(const tenants_state& st, std::unordered_map<std::string, std::string> hashes) {
  for (const auto& [id, hash] : st.configured)
    hashes[id] = hash;
  return hashes;
}

void refresh(self_ptr self) {
  auto& st = self->state;
  try {
    st.cfg.pool->run([&](pqxx::connection_base& c) {
      if (!st.configured_written) {
        tenants_sql::upsert_tenants(c, st.cfg.tenants);
        st.configured_written = true;
      }
      st.cfg.directory->replace(with_configured(st, tenants_sql::load_token_hashes(c)));
    });
  } catch (const std::exception& e) {
    // The directory keeps what it had; the next tick tries again.
    st.log->warn("tenants: cannot read the token hashes: {}", db::one_line(e.what()));
  }
}

// The tenant's JSON (PostgreSQL's json_build_object text) with "token" added.
std::string with_token(const std::string& object_json, const std::string& token) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.String(token.c_str(), static_cast<rapidjson::SizeType>(token.size()));
  auto body = object_json.substr(0, object_json.rfind('}'));
  return body + (body.size() > 1 ? "," : "") + "\"token\":" + buf.GetString() + "}";
}

// {"id":...,"token":...}
std::string id_and_token(const std::string& id, const std::string& token) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartObject();
  w.Key("id");
  w.String(id.c_str(), static_cast<rapidjson::SizeType>(id.size()));
  w.Key("token");
  w.String(token.c_str(), static_cast<rapidjson::SizeType>(token.size()));
  w.EndObject();
  return buf.GetString();
}

tenants_actor::behavior_type tenants_impl(self_ptr self, tenants_config cfg) {
  log::name_this_thread("pc-tenants");
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.log = log::component("tenants");
  for (const auto& t : st.cfg.tenants)
    if (!t.token.empty())
      st.configured[t.id] = auth::hash_token(t.token);
  st.cfg.directory->replace(with_configured(st, {}));
  refresh(self);
  self->delayed_send(self, st.cfg.refresh, tick_atom::value);
  return {
      [self](tick_atom) {
        refresh(self);
        self->delayed_send(self, self->state.cfg.refresh, tick_atom::value);
      },
      [self](tenants_atom) {
        return db::call<json_page>(
            *self->state.cfg.pool, *self->state.log, "list_tenants",
            [](pqxx::connection_base& c) { return tenants_sql::list_tenants(c); });
      },
      [self](tenants_atom, const std::string& id) {
        return db::call<json_page>(
            *self->state.cfg.pool, *self->state.log, "get_tenant",
            [&](pqxx::connection_base& c) { return tenants_sql::get_tenant(c, id); });
      },
      [self](create_atom, const std::string& id, const std::string& name, std::int32_t limit,
             std::int32_t max_sims) -> caf::result<json_page> {
        auto& st = self->state;
        auto token = auth::new_token();
        tenants_sql::new_tenant t{id, name, limit, max_sims, auth::hash_token(token)};
        std::optional<std::string> created;
        auto res =
            db::call<bool>(*st.cfg.pool, *st.log, "create_tenant", [&](pqxx::connection_base& c) {
              created = tenants_sql::create_tenant(c, t);
              return true;
            });
        if (res.err)
          return std::move(res.err);
        if (!created)
          return make_error(query_errc::conflict, "tenant " + id + " exists already");
        st.cfg.directory->set(id, t.token_hash);
        st.log->info("tenants: created {}", id);
        return json_page{with_token(*created, token), true};
      },
      [self](token_atom, const std::string& id) -> caf::result<json_page> {
        auto& st = self->state;
        auto token = auth::new_token();
        auto hash = auth::hash_token(token);
        bool found = false;
        auto res = db::call<bool>(*st.cfg.pool, *st.log, "set_tenant_token",
                                  [&](pqxx::connection_base& c) {
                                    found = tenants_sql::set_token_hash(c, id, hash);
                                    return true;
                                  });
        if (res.err)
          return std::move(res.err);
        if (!found)
          return json_page{{}, false};
        st.cfg.directory->set(id, hash);
        st.log->info("tenants: new token for {}", id);
        return json_page{id_and_token(id, token), true};
      },
  };
}

} // namespace

tenants_actor spawn_tenants_actor(caf::actor_system& sys, tenants_config cfg) {
  return sys.spawn<caf::detached>(tenants_impl, std::move(cfg));
}

} // namespace playclock
