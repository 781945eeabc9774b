#include "tests/actors/markets_fixture.hpp"

#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "actors/event_hub.hpp"
#include "actors/storage_actor.hpp"
#include "adapters/pg/migrations.hpp"
#include "adapters/pg/pool.hpp"
#include "messages/registration.hpp"
#include "tests/support/wait.hpp"

namespace playclock::test {

using namespace std::chrono_literals;

namespace {

caf::behavior collector(caf::event_based_actor*, std::shared_ptr<market_events> ev,
                        std::atomic<int>* markers) {
  auto add = [ev](auto& v, auto x) {
    std::lock_guard<std::mutex> guard{ev->mtx};
    v.push_back(std::move(x));
  };
  return {
      [=](const market_listed& x) { add(ev->listed, x); },
      [=](const price_moved& x) { add(ev->moved, x); },
      [=](const market_closed& x) { add(ev->closed, x); },
      [=](const correlation_measured& x) { add(ev->correlations, x); },
      [=](const edge_detected& x) { add(ev->edges, x); },
      [=](const std::string&) { ++*markers; },
  };
}

} // namespace

markets_fixture::markets_fixture(const std::string& db_url) : url_(db_url) {
  add_message_types(cfg_);
  sys_ = std::make_unique<caf::actor_system>(cfg_);
  {
    pqxx::connection c{url_};
    pg::migrate(c, pg::embedded_migrations());
  }
  pg::pool_options po;
  po.url = url_;
  po.size = 2;
  po.connect_timeout_s = 2;
  storage_config sc;
  sc.pool = std::make_shared<pg::pool>(po);
  sc.node_name = "test";
  sc.flush_interval = 20ms;
  auto storage = spawn_storage_actor(*sys_, sc);
  names_->put("node/storage", caf::actor_cast<caf::actor>(storage));
  auto hub = spawn_event_hub(*sys_);
  names_->put("node/events", caf::actor_cast<caf::actor>(hub));
  collector_ = sys_->spawn(collector, events_, &markers_);
  subscribe_to(hub, "markets", collector_);
  owned_ = {caf::actor_cast<caf::actor>(hub), collector_};
  owned_.push_back(caf::actor_cast<caf::actor>(storage)); // stops last
}

markets_fixture::~markets_fixture() {
  for (const auto& n : names_->names())
    if (auto h = names_->get(n))
      caf::anon_send_exit(h, caf::exit_reason::user_shutdown);
  for (const auto& a : owned_)
    caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  sys_->await_all_actors_done();
}

market_actor markets_fixture::start_market(const std::string& ticker, double spike_threshold_pts) {
  market_actor_config cfg;
  cfg.ticker = ticker;
  cfg.names = names_;
  cfg.spike_threshold_pts = spike_threshold_pts;
  cfg.history = 5;
  auto h = spawn_market_actor(*sys_, cfg);
  names_->put("node/markets/" + ticker, caf::actor_cast<caf::actor>(h));
  return h;
}

void markets_fixture::observe(const market_actor& m, const std::string& ticker, double yes_bid,
                              double yes_ask, const market_link& link, const std::string& status) {
  market_update u;
  u.market.ticker = ticker;
  u.market.title = "Test market";
  u.market.status = status;
  u.market.yes_bid = yes_bid;
  u.market.yes_ask = yes_ask;
  u.link = link;
  // Polls are seconds apart; the test's observations are not: keep them distinct.
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  last_ms_ = std::max(now, last_ms_ + 1);
  u.observed_at_ms = last_ms_;
  caf::anon_send(m, std::move(u));
}

void markets_fixture::publish(const std::string& topic, caf::message msg) {
  auto hub = names_->get_as<event_hub_actor>("node/events");
  caf::anon_send(hub, publish_atom::value, topic, std::move(msg));
}

void markets_fixture::sync() {
  int want = markers_.load() + 1;
  publish("markets", caf::make_message(std::string{"marker"}));
  REQUIRE(wait_until([&] { return markers_.load() >= want; }, 10s));
}

long markets_fixture::count(const std::string& sql) {
  pqxx::connection c{url_};
  pqxx::nontransaction tx{c};
  return tx.exec1(sql)[0].as<long>();
}

} // namespace playclock::test
