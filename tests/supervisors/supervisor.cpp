#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/scoped_actor.hpp>

#include "messages/errors.hpp"
#include "supervisors/supervisor.hpp"
#include "tests/caf/test_system.hpp"

using namespace std::chrono_literals;
using namespace playclock;

namespace {

// Echoes ints; "quit" makes it end normally (as a game actor retires). The
// name argument is needed: CAF 0.17 spawns of argument-less functions trip
// UBSan (null argument tuple).
caf::behavior worker(caf::event_based_actor* self, const std::string&) {
  return {[](int x) { return x; },
          [self](const std::string& cmd) {
            if (cmd == "quit")
              self->quit();
          }};
}

// Ignores user_shutdown, so only a kill stops it.
caf::behavior stubborn(caf::event_based_actor* self, const std::string&) {
  self->set_exit_handler([](caf::exit_msg&) {});
  return {[](int x) { return x; }};
}

child_spec worker_spec(std::string name, restart_type restart = restart_type::permanent) {
  child_spec spec;
  spec.name = std::move(name);
  spec.kind = "worker";
  spec.restart = restart;
  spec.shutdown_timeout = 1s;
  spec.start = [name = spec.name](caf::actor_system& sys) { return sys.spawn(worker, name); };
  return spec;
}

sup::restart_policy fast_policy(int max_restarts, std::chrono::milliseconds window = 10s) {
  sup::restart_policy p;
  p.max_restarts = max_restarts;
  p.window = window;
  p.backoff_initial = 100ms;
  p.backoff_max = 1s;
  return p;
}

struct fixture : test::test_system {
  std::shared_ptr<sup::registry> names = std::make_shared<sup::registry>();
  std::vector<sup::supervisor_event> events;

  sup::supervisor_config config(std::string path, sup::strategy how, sup::restart_policy p) {
    sup::supervisor_config cfg;
    cfg.path = std::move(path);
    cfg.how = how;
    cfg.policy = p;
    cfg.names = names;
    cfg.observer = [this](const sup::supervisor_event& e) { events.push_back(e); };
    return cfg;
  }

  caf::actor child(const std::string& name) { return names->get(name); }

  void kill(const std::string& name) {
    auto h = child(name);
    REQUIRE(h);
    caf::anon_send_exit(h, caf::exit_reason::kill);
    run();
  }

  std::size_t count(sup::supervisor_event::what what, const std::string& child_name = {}) const {
    return static_cast<std::size_t>(
        std::count_if(events.begin(), events.end(), [&](const sup::supervisor_event& e) {
          return e.kind == what && (child_name.empty() || e.child == child_name);
        }));
  }

  supervision_report report(const supervisor_actor& s) {
    caf::scoped_actor self{*sys};
    supervision_report result;
    auto handle = self->request(s, caf::infinite, children_atom::value);
    run();
    handle.receive([&](supervision_report& r) { result = std::move(r); },
                   [&](caf::error& e) { FAIL("no report: " << sys->render(e)); });
    return result;
  }
};

} // namespace

TEST_CASE("a killed child is restarted after its backoff and its siblings keep running",
          "[supervisor]") {
  fixture f;
  auto cfg = f.config("node", sup::strategy::one_for_one, fast_policy(5));
  cfg.children = {worker_spec("a"), worker_spec("b"), worker_spec("c")};
  auto s = sup::spawn_supervisor(*f.sys, cfg);
  f.run();
  auto a = f.child("node/a"), b = f.child("node/b"), c = f.child("node/c");
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  f.kill("node/b");
  // Not yet: the restart waits for the backoff.
  CHECK_FALSE(f.child("node/b"));
  f.advance(100ms);
  REQUIRE(f.child("node/b"));
  CHECK(f.child("node/b") != b);
  CHECK(f.child("node/a") == a);
  CHECK(f.child("node/c") == c);
  CHECK(f.count(sup::supervisor_event::what::restarted, "b") == 1);
  CHECK(f.count(sup::supervisor_event::what::restarted) == 1);
  auto r = f.report(s);
  REQUIRE(r.components.size() == 3);
  CHECK(r.components[1].path == "node/b");
  CHECK(r.components[1].restarts == 1);
  CHECK(r.components[1].state == "running");
  CHECK(r.components[1].last_exit.find("kill") != std::string::npos);
  CHECK(r.components[0].restarts == 0);
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
  f.run();
}

TEST_CASE("rest_for_one restarts the failed child and every child started after it",
          "[supervisor]") {
  fixture f;
  auto cfg = f.config("node", sup::strategy::rest_for_one, fast_policy(5));
  cfg.children = {worker_spec("a"), worker_spec("b"), worker_spec("c")};
  auto s = sup::spawn_supervisor(*f.sys, cfg);
  f.run();
  auto a = f.child("node/a"), b = f.child("node/b"), c = f.child("node/c");
  f.kill("node/b");
  f.advance(100ms);
  REQUIRE(f.child("node/b"));
  REQUIRE(f.child("node/c"));
  CHECK(f.child("node/a") == a);
  CHECK(f.child("node/b") != b);
  CHECK(f.child("node/c") != c);
  CHECK(f.count(sup::supervisor_event::what::restarted, "b") == 1);
  CHECK(f.count(sup::supervisor_event::what::restarted, "c") == 1);
  CHECK(f.count(sup::supervisor_event::what::restarted, "a") == 0);
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
  f.run();
}

TEST_CASE("exceeding the restart intensity fails the supervisor and its parent restarts it",
          "[supervisor]") {
  fixture f;
  auto inner = f.config("node/sub", sup::strategy::one_for_one, fast_policy(2));
  inner.children = {worker_spec("x")};
  auto outer = f.config("node", sup::strategy::one_for_one, fast_policy(5));
  outer.children = {worker_spec("sibling"), sup::supervisor_child("sub", inner)};
  auto s = sup::spawn_supervisor(*f.sys, outer);
  f.run();
  auto sibling = f.child("node/sibling");
  auto sub = f.child("node/sub");
  REQUIRE(sub);
  f.kill("node/sub/x");
  f.advance(100ms);
  f.kill("node/sub/x");
  f.advance(200ms);
  CHECK(f.count(sup::supervisor_event::what::escalated) == 0);
  // The third failure within 10 s is one more than the two allowed.
  f.kill("node/sub/x");
  CHECK(f.count(sup::supervisor_event::what::escalated) == 1);
  f.advance(100ms);
  CHECK(f.count(sup::supervisor_event::what::restarted, "sub") == 1);
  REQUIRE(f.child("node/sub"));
  CHECK(f.child("node/sub") != sub);
  CHECK(f.child("node/sub/x"));
  CHECK(f.child("node/sibling") == sibling);
  auto r = f.report(s);
  auto sub_entry = std::find_if(r.components.begin(), r.components.end(),
                                [](const component_status& c) { return c.path == "node/sub"; });
  REQUIRE(sub_entry != r.components.end());
  CHECK(sub_entry->restarts == 1);
  CHECK(sub_entry->last_exit.find("restart_intensity_exceeded") != std::string::npos);
  // The fresh sub-supervisor reports its own (fresh) child too.
  CHECK(std::any_of(r.components.begin(), r.components.end(),
                    [](const component_status& c) { return c.path == "node/sub/x"; }));
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
  f.run();
}

TEST_CASE("failures spread wider than the window never escalate", "[supervisor]") {
  fixture f;
  auto cfg = f.config("node", sup::strategy::one_for_one, fast_policy(1, 1s));
  cfg.children = {worker_spec("a")};
  auto s = sup::spawn_supervisor(*f.sys, cfg);
  f.run();
  for (int i = 0; i < 4; ++i) {
    f.kill("node/a");
    f.advance(2s);
  }
  CHECK(f.count(sup::supervisor_event::what::escalated) == 0);
  CHECK(f.count(sup::supervisor_event::what::restarted, "a") == 4);
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
  f.run();
}

TEST_CASE("shutdown stops the children one by one in reverse start order", "[supervisor]") {
  fixture f;
  auto cfg = f.config("node", sup::strategy::one_for_one, fast_policy(5));
  cfg.children = {worker_spec("database"), worker_spec("storage"), worker_spec("pollers")};
  auto s = sup::spawn_supervisor(*f.sys, cfg);
  f.run();
  caf::scoped_actor self{*f.sys};
  self->monitor(s);
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
  f.run();
  std::vector<std::string> stopped;
  for (const auto& e : f.events)
    if (e.kind == sup::supervisor_event::what::stopped)
      stopped.push_back(e.child);
  CHECK(stopped == std::vector<std::string>{"pollers", "storage", "database"});
  bool down = false;
  self->receive([&](caf::down_msg& dm) { down = dm.reason == caf::exit_reason::user_shutdown; });
  CHECK(down);
}

TEST_CASE("a child that ignores shutdown is killed when its timeout passes", "[supervisor]") {
  fixture f;
  auto cfg = f.config("node", sup::strategy::one_for_one, fast_policy(5));
  auto spec = worker_spec("stubborn");
  spec.start = [](caf::actor_system& sys) { return sys.spawn(stubborn, std::string{"stubborn"}); };
  cfg.children = {worker_spec("first"), spec};
  auto s = sup::spawn_supervisor(*f.sys, cfg);
  f.run();
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
  f.run();
  CHECK(f.count(sup::supervisor_event::what::stopped) == 0);
  f.advance(1s);
  CHECK(f.count(sup::supervisor_event::what::stopped, "stubborn") == 1);
  CHECK(f.count(sup::supervisor_event::what::stopped, "first") == 1);
}

TEST_CASE("a transient child that ends normally is not restarted", "[supervisor]") {
  fixture f;
  auto cfg = f.config("node/games", sup::strategy::one_for_one, fast_policy(5));
  auto s = sup::spawn_supervisor(*f.sys, cfg);
  f.run();
  caf::scoped_actor self{*f.sys};
  auto spec = worker_spec("game-1", restart_type::transient);
  spec.kind = "game";
  spec.dynamic = true;
  auto pending = self->request(s, caf::infinite, start_atom::value, spec);
  f.run();
  caf::actor game;
  pending.receive([&](caf::actor& h) { game = h; }, [&](caf::error&) {});
  REQUIRE(game);
  CHECK(f.child("node/games/game-1") == game);
  caf::anon_send(game, std::string{"quit"});
  f.run();
  f.advance(1s);
  CHECK(f.count(sup::supervisor_event::what::restarted) == 0);
  CHECK_FALSE(f.child("node/games/game-1"));
  CHECK(f.report(s).components.empty());
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
  f.run();
}

TEST_CASE("a transient child that crashes is restarted", "[supervisor]") {
  fixture f;
  auto cfg = f.config("node/games", sup::strategy::one_for_one, fast_policy(5));
  auto s = sup::spawn_supervisor(*f.sys, cfg);
  f.run();
  caf::scoped_actor self{*f.sys};
  auto pending = self->request(s, caf::infinite, start_atom::value,
                               worker_spec("game-1", restart_type::transient));
  f.run();
  pending.receive([](caf::actor&) {}, [](caf::error&) {});
  f.kill("node/games/game-1");
  f.advance(100ms);
  CHECK(f.count(sup::supervisor_event::what::restarted, "game-1") == 1);
  CHECK(f.child("node/games/game-1"));
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
  f.run();
}

TEST_CASE("dynamic children are summarised per kind in the report", "[supervisor]") {
  fixture f;
  auto cfg = f.config("node/games", sup::strategy::one_for_one, fast_policy(5));
  cfg.children = {worker_spec("poller")};
  auto s = sup::spawn_supervisor(*f.sys, cfg);
  f.run();
  caf::scoped_actor self{*f.sys};
  for (int i = 0; i < 3; ++i) {
    auto spec = worker_spec("game-" + std::to_string(i), restart_type::transient);
    spec.kind = "game";
    spec.dynamic = true;
    self->send(s, start_atom::value, spec);
  }
  f.run();
  f.kill("node/games/game-1");
  f.advance(100ms);
  auto r = f.report(s);
  REQUIRE(r.components.size() == 2);
  CHECK(r.components[0].path == "node/games/poller");
  CHECK(r.components[1].path == "node/games/game[]");
  CHECK(r.components[1].count == 3);
  CHECK(r.components[1].restarts == 1);
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
  f.run();
}

TEST_CASE("a child whose start keeps throwing escalates instead of looping", "[supervisor]") {
  fixture f;
  auto cfg = f.config("node", sup::strategy::one_for_one, fast_policy(2));
  auto broken = worker_spec("broken");
  broken.start = [](caf::actor_system&) -> caf::actor { throw std::runtime_error("no config"); };
  cfg.children = {worker_spec("fine"), broken};
  caf::scoped_actor self{*f.sys};
  auto s = sup::spawn_supervisor(*f.sys, cfg);
  self->monitor(s);
  f.run();
  f.advance(100ms);
  f.advance(200ms);
  CHECK(f.count(sup::supervisor_event::what::escalated, "broken") == 1);
  caf::error reason;
  self->receive([&](caf::down_msg& dm) { reason = dm.reason; });
  CHECK(reason == make_error(sup_errc::restart_intensity_exceeded));
  CHECK(f.count(sup::supervisor_event::what::stopped, "fine") == 1);
}

TEST_CASE("with stop_in_parallel every child is asked to stop at once", "[supervisor]") {
  fixture f;
  auto cfg = f.config("node/games", sup::strategy::one_for_one, fast_policy(5));
  auto spec = worker_spec("stubborn");
  spec.start = [](caf::actor_system& sys) { return sys.spawn(stubborn, std::string{"stubborn"}); };
  cfg.children = {worker_spec("a"), spec, worker_spec("b")};
  cfg.stop_in_parallel = true;
  auto s = sup::spawn_supervisor(*f.sys, cfg);
  f.run();
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
  f.run();
  // One by one, "b" would be stopped and then everything would wait for the
  // stubborn one; in parallel "a" is stopped too without waiting.
  CHECK(f.count(sup::supervisor_event::what::stopped, "a") == 1);
  CHECK(f.count(sup::supervisor_event::what::stopped, "b") == 1);
  CHECK(f.count(sup::supervisor_event::what::stopped, "stubborn") == 0);
  f.advance(1s);
  CHECK(f.count(sup::supervisor_event::what::stopped, "stubborn") == 1);
}

TEST_CASE("a killed supervisor takes its children with it", "[supervisor]") {
  fixture f;
  auto cfg = f.config("node/games", sup::strategy::one_for_one, fast_policy(5));
  cfg.children = {worker_spec("a"), worker_spec("b")};
  auto s = sup::spawn_supervisor(*f.sys, cfg);
  f.run();
  auto a = f.child("node/games/a");
  auto b = f.child("node/games/b");
  REQUIRE(a);
  REQUIRE(b);
  caf::scoped_actor self{*f.sys};
  self->monitor(a);
  self->monitor(b);
  caf::anon_send_exit(s, caf::exit_reason::kill);
  f.run();
  int down = 0;
  for (int i = 0; i < 2; ++i)
    self->receive([&](caf::down_msg& dm) { down += dm.reason == caf::exit_reason::kill ? 1 : 0; },
                  caf::after(std::chrono::seconds{0}) >> [] {});
  CHECK(down == 2);
}
