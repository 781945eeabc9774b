#include "tests/actors/alert_fixture.hpp"

#include <caf/actor_cast.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>
#include <pqxx/pqxx>

#include "actors/event_hub.hpp"
#include "adapters/pg/migrations.hpp"
#include "adapters/pg/pool.hpp"
#include "messages/registration.hpp"
#include "tests/support/wait.hpp"

namespace playclock::test {

alerts_fixture::alerts_fixture(const std::string& url, std::vector<config::tenant_setting> tenants)
    : url{url}, tenants_{std::move(tenants)} {
  add_message_types(cfg);
  cfg.set("scheduler.max-threads", 2);
  cfg.set("logger.console-verbosity", caf::atom("quiet"));
  sys = std::make_unique<caf::actor_system>(cfg);
  pqxx::connection c{url};
  pg::migrate(c, pg::embedded_migrations());
  pg::pool_options po;
  po.url = url;
  po.size = 4;
  po.connect_timeout_s = 2;
  po.acquire_timeout = 2000ms;
  pool = std::make_shared<pg::pool>(po);
}

alerts_fixture::~alerts_fixture() {
  // The router first, the store last, as the tree stops them.
  for (auto i = started_.rbegin(); i != started_.rend(); ++i)
    caf::anon_send_exit(*i, caf::exit_reason::user_shutdown);
  sys->await_all_actors_done();
}

alert_store_actor alerts_fixture::start_store() {
  alert_store_config sc;
  sc.pool = pool;
  sc.workers = 2;
  sc.tenants = tenants_;
  store = spawn_alert_store(*sys, sc);
  names->put("node/alert_store", caf::actor_cast<caf::actor>(store));
  started_.insert(started_.begin(), caf::actor_cast<caf::actor>(store));
  return store;
}

event_hub_actor alerts_fixture::start_hub() {
  hub_ = spawn_event_hub(*sys);
  names->put("node/events", caf::actor_cast<caf::actor>(hub_));
  started_.push_back(caf::actor_cast<caf::actor>(hub_));
  return hub_;
}

notifier_actor alerts_fixture::start_notifier(notifier_config nc) {
  nc.names = names;
  auto name = std::string{"node/notifiers/"} + alerts::to_string(nc.via);
  auto h = spawn_notifier(*sys, std::move(nc));
  names->put(name, caf::actor_cast<caf::actor>(h));
  started_.push_back(caf::actor_cast<caf::actor>(h));
  return h;
}

alert_router_actor alerts_fixture::start_router(alert_router_config rc) {
  rc.names = names;
  rc.tick_interval = 100ms;
  auto h = spawn_alert_router(*sys, std::move(rc));
  names->put("node/alert_router", caf::actor_cast<caf::actor>(h));
  started_.push_back(caf::actor_cast<caf::actor>(h));
  return h;
}

void alerts_fixture::kill(const caf::actor& h, const std::string& name) {
  caf::scoped_actor self{*sys};
  self->monitor(h);
  self->send_exit(h, caf::exit_reason::kill);
  self->receive([](caf::down_msg&) {});
  names->erase(name, h);
}

notifier_config alerts_fixture::notifier(alerts::channel via) {
  config::alerts_settings s;
  s.max_attempts = 3;
  s.backoff_initial_ms = 50;
  s.backoff_max_ms = 200;
  s.concurrency = 2;
  s.telegram.timeout_ms = 2000;
  s.webhook.timeout_ms = 2000;
  s.webhook.secret = "test-secret";
  auto nc = notifier_config_from(s, via);
  nc.sweep_interval = 500ms;
  nc.store_timeout = 5s;
  return nc;
}

void alerts_fixture::exec(const std::string& sql) {
  pqxx::connection c{url};
  pqxx::nontransaction tx{c};
  tx.exec(sql);
}

std::string alerts_fixture::value(const std::string& sql) {
  pqxx::connection c{url};
  pqxx::nontransaction tx{c};
  auto res = tx.exec(sql);
  if (res.empty())
    return {};
  return res[0][0].is_null() ? "<null>" : res[0][0].as<std::string>();
}

bool alerts_fixture::wait_count(const std::string& sql, long n, std::chrono::milliseconds timeout) {
  return wait_until([&] { return count(sql) == n; }, timeout, 20ms);
}

alerts::rule alerts_fixture::add_rule(alerts::rule r) {
  return ask<alerts::rule>(store, rules_atom::value, std::move(r));
}

alerts::rule make_rule(alerts::alert_type type, alerts::channel via, std::string target,
                       int cooldown_s, alerts::priority level) {
  alerts::rule r;
  r.tenant = "acme";
  r.type = type;
  r.via = via;
  r.target = std::move(target);
  r.cooldown_s = cooldown_s;
  r.level = level;
  return r;
}

score_changed make_score(const std::string& game, const std::string& team, int home_score,
                         int away_score) {
  score_changed e;
  e.game_id = game;
  e.home = "BUF";
  e.away = "KC";
  e.home_score = home_score;
  e.away_score = away_score;
  e.previous_home_score = team == "BUF" ? home_score - 7 : home_score;
  e.previous_away_score = team == "KC" ? away_score - 7 : away_score;
  e.scoring_team = team;
  e.period = 3;
  e.clock = "8:24";
  return e;
}

alert_decision make_decision(const std::string& id, const std::string& status, alerts::channel via,
                             const std::string& target) {
  alert_decision d;
  d.alert.id = id;
  d.alert.tenant = "acme";
  d.alert.rule_id = 0;
  d.alert.type = alerts::alert_type::score;
  d.alert.key = "g1:KC";
  d.alert.via = via;
  d.alert.target = target;
  d.alert.message = "message of " + id;
  d.alert.payload_json = R"({"type":"score"})";
  d.status = status;
  d.reason = status == "suppressed" ? "cooldown" : "";
  d.detected_at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  return d;
}

// -- script_receiver ---------------------------------------------------------------

struct script_receiver::state {
  mutable std::mutex mtx;
  std::vector<answer> script;
  std::size_t next = 0;
  bool hang = false;
  std::vector<http::request> seen;
  std::vector<http::responder> held;
};

script_receiver::script_receiver(std::vector<answer> script) : state_{std::make_shared<state>()} {
  state_->script = std::move(script);
  auto routes = std::make_shared<http::router>();
  auto handler = [st = state_](const http::request& req, const http::path_params&,
                               http::responder respond) {
    std::lock_guard<std::mutex> guard{st->mtx};
    st->seen.push_back(req);
    if (st->hang) {
      st->held.push_back(std::move(respond));
      return;
    }
    const auto& a = st->script[std::min(st->next, st->script.size() - 1)];
    ++st->next;
    http::response res;
    res.status = a.status;
    res.body = a.body;
    res.headers = a.headers;
    respond(std::move(res));
  };
  routes->add("POST", "/hook", handler);
  routes->add("POST", "/{bot}/sendMessage", handler);
  http::server_options opts;
  opts.threads = 2;
  server_ = std::make_unique<loopback_server>(routes, opts, 0ms);
}

script_receiver::~script_receiver() {
  server_.reset();
  // A held responder keeps its session, the session the routes, the routes
  // this state: drop them to break the cycle.
  std::lock_guard<std::mutex> guard{state_->mtx};
  state_->held.clear();
}

void script_receiver::hang(bool on) {
  std::lock_guard<std::mutex> guard{state_->mtx};
  state_->hang = on;
}

std::string script_receiver::url(const std::string& path) const {
  return server_->base_url() + path;
}

std::vector<http::request> script_receiver::requests() const {
  std::lock_guard<std::mutex> guard{state_->mtx};
  return state_->seen;
}

std::map<std::string, int> script_receiver::per_key() const {
  std::map<std::string, int> out;
  for (const auto& r : requests())
    ++out[r.header("idempotency-key").value_or("")];
  return out;
}

std::size_t script_receiver::total() const {
  std::lock_guard<std::mutex> guard{state_->mtx};
  return state_->seen.size();
}

} // namespace playclock::test
