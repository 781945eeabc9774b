#pragma once
// Shared by the alert and notifier tests (tests/actors/alert_*.cpp,
// notifier_*.cpp): a real actor system on a fresh, migrated PostgreSQL
// database, with the alert actors started one by one and registered by name
// the way the node's supervisors do it; plus a real HTTP receiver that
// answers from a script and counts requests per Idempotency-Key.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <catch2/catch.hpp>

#include "actors/alert_router.hpp"
#include "actors/alert_store_actor.hpp"
#include "actors/notifier_actor.hpp"
#include "adapters/http/server.hpp"
#include "adapters/metrics/registry.hpp"
#include "messages/games.hpp"
#include "supervisors/registry.hpp"
#include "tests/support/loopback_server.hpp"

namespace playclock::test {

using namespace std::chrono_literals;

class alerts_fixture {
 public:
  /// Migrates `url`; `tenants` are what the store upserts.
  explicit alerts_fixture(const std::string& url, std::vector<config::tenant_setting> tenants = {
                                                      {"acme", "Acme", 100, ""}});
  ~alerts_fixture();

  alert_store_actor start_store();
  event_hub_actor start_hub();
  /// Registered as node/notifiers/<channel>.
  notifier_actor start_notifier(notifier_config cfg);
  /// Registered as node/alert_router.
  alert_router_actor start_router(alert_router_config cfg = {});
  /// Kills `h` and waits until it is gone (and unregisters `name`).
  void kill(const caf::actor& h, const std::string& name);

  /// A notifier config with fast retries for tests.
  notifier_config notifier(alerts::channel via);

  /// Publishes an event on the hub.
  template <class T>
  void publish(const std::string& topic, T x) {
    caf::anon_send(hub_, publish_atom::value, topic, caf::make_message(std::move(x)));
  }

  void exec(const std::string& sql);
  /// The first column of the first row as text ("<null>" for NULL, "" if no row).
  std::string value(const std::string& sql);
  long count(const std::string& sql) { return std::stol(value(sql)); }
  /// Polls `sql` (a count) until it is `n`; false on time-out.
  bool wait_count(const std::string& sql, long n, std::chrono::milliseconds timeout = 10s);

  /// The reply of `h` to `xs...`; FAILs on an error.
  template <class R, class H, class... Ts>
  R ask(const H& h, Ts... xs) {
    caf::scoped_actor self{*sys};
    R out{};
    self->request(h, 10s, xs...)
        .receive([&](R& r) { out = std::move(r); },
                 [&](caf::error& e) { FAIL("request failed: " << sys->render(e)); });
    return out;
  }

  /// The error `h` answers `xs...` with; FAILs on a reply.
  template <class R, class H, class... Ts>
  caf::error ask_error(const H& h, Ts... xs) {
    caf::scoped_actor self{*sys};
    caf::error err;
    self->request(h, 10s, xs...)
        .receive([&](R&) { FAIL("expected an error"); },
                 [&](caf::error& e) { err = std::move(e); });
    return err;
  }

  /// Adds a rule through the store; returns it with its id.
  alerts::rule add_rule(alerts::rule r);

  std::string url;
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::shared_ptr<pg::pool> pool;
  std::shared_ptr<sup::registry> names = std::make_shared<sup::registry>();
  std::shared_ptr<metrics::registry> metrics = std::make_shared<metrics::registry>();
  alert_store_actor store;
  event_hub_actor hub_;

 private:
  std::vector<config::tenant_setting> tenants_;
  std::vector<caf::actor> started_;
};

/// A rule of tenant "acme" (id 0: the store assigns one).
alerts::rule make_rule(alerts::alert_type type, alerts::channel via, std::string target,
                       int cooldown_s = 300, alerts::priority level = alerts::priority::normal);

/// A score event: `team` scored and the score is now away_score-home_score.
score_changed make_score(const std::string& game, const std::string& team, int home_score,
                         int away_score);

/// A decision of tenant "acme" for a webhook/log/telegram alert.
alert_decision make_decision(const std::string& id, const std::string& status,
                             alerts::channel via = alerts::channel::log,
                             const std::string& target = "ops");

/// A real HTTP server on 127.0.0.1 that answers POSTs from a script (the
/// last answer repeats), or never (hang), and counts requests per
/// Idempotency-Key.
class script_receiver {
 public:
  struct answer {
    int status = 200;
    std::string body = "{}";
    http::header_list headers;
  };
  explicit script_receiver(std::vector<answer> script);
  ~script_receiver();

  void hang(bool on);
  std::string url(const std::string& path = "/hook") const;
  std::vector<http::request> requests() const;
  /// Requests per Idempotency-Key (webhooks).
  std::map<std::string, int> per_key() const;
  std::size_t total() const;

 private:
  struct state;
  std::shared_ptr<state> state_;
  std::unique_ptr<loopback_server> server_;
};

} // namespace playclock::test
