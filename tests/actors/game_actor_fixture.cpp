#include "tests/actors/game_actor_fixture.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include <caf/actor_cast.hpp>
#include <caf/after.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <pqxx/pqxx>

#include "actors/event_hub.hpp"
#include "actors/fetcher_actor.hpp"
#include "actors/pollers/scoreboard_poller.hpp"
#include "actors/storage_actor.hpp"
#include "adapters/metrics/registry.hpp"
#include "adapters/pg/migrations.hpp"
#include "adapters/pg/pool.hpp"
#include "messages/registration.hpp"
#include "supervisors/supervisor.hpp"
#include "tests/support/wait.hpp"

namespace playclock::test {

namespace {

using namespace std::chrono_literals;

template <class Handle>
child_spec child(std::string name, std::function<Handle(caf::actor_system&)> start) {
  child_spec spec;
  spec.kind = name;
  spec.name = std::move(name);
  spec.shutdown_timeout = 5s;
  spec.start = [start = std::move(start)](caf::actor_system& sys) {
    return caf::actor_cast<caf::actor>(start(sys));
  };
  return spec;
}

// Quick restarts and room for many: the tests kill game actors on purpose.
sup::restart_policy test_policy() {
  sup::restart_policy p;
  p.max_restarts = 100;
  p.window = 30s;
  p.backoff_initial = 10ms;
  p.backoff_max = 50ms;
  return p;
}

caf::behavior collector(caf::event_based_actor*, std::shared_ptr<event_log> log) {
  return {
      [log](const play_added& x) { log->add(x); },
      [log](const score_changed& x) { log->add(x); },
      [log](const game_final& x) { log->add(x); },
      [log](const injury_reported& x) { log->add(x); },
      [log](const game_state_changed& x) { log->add(x); },
      [](const possession_changed&) {},
      [log](const std::string&) { log->add_marker(); },
  };
}

} // namespace

sources::result<sources::summary_data> flaky_source::summary(const std::string& game_id) {
  {
    std::lock_guard<std::mutex> guard{mtx_};
    if (throw_left_ > 0) {
      --throw_left_;
      ++failures_;
      throw std::runtime_error{"simulated bug in a source"};
    }
    if (fail_left_ > 0) {
      --fail_left_;
      ++failures_;
      return sources::fetch_error{sources::error_kind::network, "simulated outage", 0, 0};
    }
  }
  return inner_.summary(game_id);
}

void flaky_source::fail_summaries(int n) {
  std::lock_guard<std::mutex> guard{mtx_};
  fail_left_ = n;
}

void flaky_source::throw_summaries(int n) {
  std::lock_guard<std::mutex> guard{mtx_};
  throw_left_ = n;
}

int flaky_source::failures() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return failures_;
}

std::map<std::string, int> event_log::play_counts(const std::string& game_id) const {
  std::map<std::string, int> out;
  for (const auto& x : of<play_added>(game_id))
    ++out[x.play.id];
  return out;
}

live_tree::live_tree(const std::string& db_url, tree_options opts) : url_(db_url) {
  add_message_types(cfg_);
  sys_ = std::make_unique<caf::actor_system>(cfg_);
  {
    pqxx::connection c{url_};
    pg::migrate(c, pg::embedded_migrations());
  }
  pg::pool_options po;
  po.url = url_;
  po.size = 3;
  // Generous: a busy test server may take seconds to accept a connection.
  po.connect_timeout_s = 10;
  po.acquire_timeout = 10s;
  auto pool = std::make_shared<pg::pool>(po);

  league_opts_.games = opts.games;
  league_opts_.seed = opts.seed;
  league_opts_.speed = 60;
  league_opts_.pregame = pregame;
  league_ =
      std::make_shared<league::simulated_league>(league_opts_, [c = clock_] { return c->now(); });
  source_ = std::make_shared<flaky_source>(league_);

  game_cfg_.names = names_;
  game_cfg_.rolling_window = opts.rolling_window;
  game_cfg_.big_play_yards = opts.big_play_yards;

  sup::supervisor_config root;
  root.path = "node";
  root.policy = test_policy();
  root.names = names_;
  root.children.push_back(child<storage_actor>("storage", [pool](caf::actor_system& sys) {
    storage_config sc;
    sc.pool = pool;
    sc.node_name = "test";
    sc.batch_size = 500;
    sc.flush_interval = 20ms;
    return spawn_storage_actor(sys, sc);
  }));
  root.children.push_back(child<event_hub_actor>(
      "events", [](caf::actor_system& sys) { return spawn_event_hub(sys); }));
  root.children.push_back(child<fetcher_actor>("fetchers", [src = source_](caf::actor_system& sys) {
    fetcher_config fc;
    fc.games = src;
    return spawn_fetchers(sys, fc, 2);
  }));
  sup::supervisor_config games;
  games.path = "node/games";
  games.policy = test_policy();
  games.names = names_;
  root.children.push_back(sup::supervisor_child("games", games));
  if (opts.poll) {
    sup::supervisor_config pollers;
    pollers.path = "node/pollers";
    pollers.policy = test_policy();
    pollers.names = names_;
    pollers.children.push_back(child<scoreboard_poller_actor>(
        "scoreboard", [names = names_, game = game_cfg_](caf::actor_system& sys) {
          scoreboard_poller_config pc;
          pc.names = names;
          pc.game = game;
          // Polls often so a test step is seen within milliseconds.
          pc.interval = 15ms;
          pc.timeout = 5s;
          pc.backoff_initial = 10ms;
          pc.backoff_max = 50ms;
          return spawn_scoreboard_poller(sys, pc);
        }));
    root.children.push_back(sup::supervisor_child("pollers", pollers));
  }
  root_ = sup::spawn_supervisor(*sys_, std::move(root));
  collector_ = sys_->spawn(collector, events_);
  // A failed check below must not leave the tree running (the actor system's
  // destructor would wait for it forever).
  try {
    caf::scoped_actor self{*sys_};
    self->request(root_, patience, children_atom::value)
        .receive([](supervision_report&) {}, [&](caf::error& e) { FAIL(sys_->render(e)); });
    auto hub = names_->get_as<event_hub_actor>("node/events");
    REQUIRE(hub);
    subscribe_to(hub, "games", collector_);
    sync_events();
  } catch (...) {
    stop();
    throw;
  }
}

live_tree::~live_tree() {
  stop();
}

void live_tree::stop() {
  caf::scoped_actor self{*sys_};
  self->monitor(root_);
  self->send_exit(root_, caf::exit_reason::user_shutdown);
  self->receive([](caf::down_msg&) {}, caf::after(std::chrono::seconds{20}) >>
                                           [&] { self->send_exit(root_, caf::exit_reason::kill); });
  self->send_exit(collector_, caf::exit_reason::user_shutdown);
}

std::vector<std::string> live_tree::game_ids() {
  std::vector<std::string> out;
  for (const auto& g : league_->scoreboard())
    out.push_back(g.id);
  return out;
}

std::set<std::string> live_tree::league_play_ids(const std::string& game_id) {
  std::set<std::string> out;
  if (auto s = league_->summary(game_id))
    for (const auto& p : s->all_plays())
      out.insert(p.id);
  return out;
}

caf::actor live_tree::game_actor(const std::string& game_id) {
  return names_->get("node/games/" + game_id);
}

caf::actor live_tree::kill_game_actor(const std::string& game_id) {
  auto before = game_actor(game_id);
  REQUIRE(before);
  caf::anon_send_exit(before, caf::exit_reason::kill);
  caf::actor after;
  REQUIRE(wait_until(
      [&] {
        after = game_actor(game_id);
        return after && after != before;
      },
      patience, 1ms));
  return after;
}

caf::actor live_tree::start_game_actor(const std::string& game_id) {
  auto games = names_->get_as<supervisor_actor>("node/games");
  REQUIRE(games);
  auto cfg = game_cfg_;
  cfg.game_id = game_id;
  caf::actor out;
  caf::scoped_actor self{*sys_};
  self->request(games, patience, start_atom::value, game_child_spec(cfg))
      .receive([&](caf::actor& h) { out = std::move(h); },
               [&](caf::error& e) { FAIL(sys_->render(e)); });
  return out;
}

void live_tree::sync_events() {
  auto want = events_->markers() + 1;
  auto hub = names_->get_as<event_hub_actor>("node/events");
  REQUIRE(hub);
  caf::anon_send(hub, publish_atom::value, std::string{"games"},
                 caf::make_message(std::string{"marker"}));
  REQUIRE(wait_until([&] { return events_->markers() >= want; }, patience, 1ms));
}

long live_tree::count(const std::string& sql) {
  pqxx::connection c{url_};
  pqxx::nontransaction tx{c};
  return tx.exec1(sql)[0].as<long>();
}

std::vector<std::string> live_tree::strings(const std::string& sql) {
  pqxx::connection c{url_};
  pqxx::nontransaction tx{c};
  std::vector<std::string> out;
  for (const auto& row : tx.exec(sql))
    out.push_back(row[0].as<std::string>());
  return out;
}

std::vector<std::vector<std::string>> live_tree::rows(const std::string& sql) {
  pqxx::connection c{url_};
  pqxx::nontransaction tx{c};
  std::vector<std::vector<std::string>> out;
  for (const auto& row : tx.exec(sql)) {
    std::vector<std::string> xs;
    for (const auto& field : row)
      xs.push_back(field.is_null() ? std::string{} : field.as<std::string>());
    out.push_back(std::move(xs));
  }
  return out;
}

game_run::game_run(live_tree& t, std::string game_id, milliseconds every)
    : t_(t), id_(std::move(game_id)), every_(every),
      plan_(preview(t.league_options(), id_, every)) {}

bool game_run::moves_next() const {
  return next_ == 0 ||
         (next_ < plan_.size() && board_moved(plan_[next_ - 1].board, plan_[next_].board));
}

void game_run::step(bool wait) {
  REQUIRE(next_ < plan_.size());
  bool moves = moves_next();
  t_.advance(next_ == 0 ? pregame : every_);
  // The preview must hold, or the expectations below mean nothing.
  REQUIRE(t_.league_play_ids(id_) == plan_[next_].play_ids);
  if (moves)
    due_ = plan_[next_].play_ids;
  ++next_;
  if (wait)
    wait_caught_up();
}

void game_run::wait_caught_up() {
  INFO("game " << id_ << " after step " << next_ << " of " << plan_.size());
  REQUIRE(wait_until([&] { return announced(t_.events().play_counts(id_), due_); }, patience, 1ms));
}

void game_run::finish() {
  while (next_ < plan_.size())
    step();
  wait_caught_up();
  REQUIRE(wait_until([&] { return !t_.game_actor(id_); }, patience, 1ms));
  t_.sync_events();
}

std::vector<step_view> preview(const league::league_options& opts, const std::string& game_id,
                               milliseconds every) {
  auto clock = std::make_shared<manual_clock>();
  league::simulated_league shadow{opts, [clock] { return clock->now(); }};
  clock->advance(opts.pregame);
  std::vector<step_view> out;
  for (int i = 0; i < 100000; ++i) {
    step_view v;
    for (auto& g : shadow.scoreboard())
      if (g.id == game_id)
        v.board = g;
    auto s = shadow.summary(game_id);
    REQUIRE(s);
    for (const auto& p : s->all_plays())
      v.play_ids.insert(p.id);
    bool done = v.board.state == sports::game_state::post;
    out.push_back(std::move(v));
    if (done)
      break;
    clock->advance(every);
  }
  return out;
}

} // namespace playclock::test
