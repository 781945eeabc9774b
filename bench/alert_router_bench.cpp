// Throughput of the alert router with cooldowns on, through the actors and
// the database (docs/BENCHMARKS.md, "Alert router throughput"). Unlike
// alert_policy_bench (the policy alone), this builds the node's alerts
// subtree (alerts_children: alert store, notifiers, router) under a root
// supervisor on a freshly migrated database, adds the rules through the
// router, sends it `events` events from one thread as fast as it takes them,
// and measures:
//
//   (a) decisions/s in the actor: until the router's decision count (get_atom)
//       reaches the number the rules make of the events (computed up front
//       with the same candidates and matching);
//   (b) decisions recorded/s: until every decision is a row of the alerts
//       table (the router's store replies, then SELECT count(*) confirms);
//       then until no alert is pending (the log notifier delivered them all);
//   (c) the split of the rows by status and reason;
//   (d) CPU of this process (getrusage) per decision, and of the PostgreSQL
//       server (its processes in /proc, when it runs on this machine).
//
// Rules use the log channel (a delivery is one log line); the log level is
// warn, so delivered alerts are not printed and logging costs nothing. Every
// rule has a 300 s cooldown; the tenants have the default daily limit (100);
// 5% of the rules are high priority. Event ids are unique (no replays), so
// every decision is a new row. Settings are the defaults of a node
// (database.pool_size 8: two store workers, unless pool_size says otherwise;
// alerts.flush_interval_ms 2, batches of up to 2,000, one write in flight per
// store worker, at most 100,000 decisions buffered).
//
//   alert_router_bench DATABASE_URL [rules=1000] [tenants=100] [events=50000]
//                      [max_seconds=60] [games=256] [seed=2025] [pool_size=8]
//
// DATABASE_URL names an empty database (migrated here). With the project's
// throw-away cluster (fsync off):
//
//   source deploy/lib.sh && url=$(pc_pg_start pg-bench 55434 fast)
//   psql "$url" -qXc 'DROP DATABASE IF EXISTS bench_router' -c 'CREATE DATABASE bench_router'
//   build/bench/alert_router_bench "${url%/*}/bench_router" 1000 100 50000 60
//   pc_pg_stop pg-bench
//
// Bounded: stops waiting after max_seconds from the first event sent, prints
// one summary block (marked INCOMPLETE when a phase did not finish) and
// always exits (a watchdog ends the process if the shutdown hangs).

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <variant>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/after.hpp>
#include <caf/exit_reason.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <pqxx/pqxx>

#include "actors/alert_router.hpp"
#include "actors/alerts/candidates.hpp"
#include "actors/alerts_tree.hpp"
#include "actors/node.hpp"
#include "adapters/alerts/match.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/metrics/registry.hpp"
#include "adapters/pg/migrations.hpp"
#include "adapters/pg/pool.hpp"
#include "adapters/sim/teams.hpp"
#include "messages/actors.hpp"
#include "messages/registration.hpp"
#include "supervisors/registry.hpp"
#include "supervisors/supervisor.hpp"

using namespace playclock;
using steady = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

long arg(int argc, char** argv, int i, long fallback) {
  return argc > i ? std::strtol(argv[i], nullptr, 10) : fallback;
}

double seconds(steady::duration d) {
  return std::chrono::duration<double>(d).count();
}

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto tv = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return tv(ru.ru_utime) + tv(ru.ru_stime);
}

std::string loadavg() {
  std::ifstream in{"/proc/loadavg"};
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

// -- CPU of the PostgreSQL server: the postmaster and its children -----------

struct proc_stat {
  long ppid = 0;
  long ticks = 0; // utime + stime
};

std::optional<proc_stat> read_stat(long pid) {
  std::ifstream in{"/proc/" + std::to_string(pid) + "/stat"};
  std::string line;
  if (!std::getline(in, line))
    return std::nullopt;
  auto close = line.rfind(')');
  if (close == std::string::npos)
    return std::nullopt;
  std::istringstream rest{line.substr(close + 2)};
  std::vector<std::string> f;
  std::string tok;
  while (rest >> tok)
    f.push_back(tok);
  // After "pid (comm) ": state ppid ... utime is field 14 of stat, i.e. f[11].
  if (f.size() < 13)
    return std::nullopt;
  proc_stat s;
  s.ppid = std::stol(f[1]);
  s.ticks = std::stol(f[11]) + std::stol(f[12]);
  return s;
}

/// Ticks by pid of `postmaster` and its children (0 when unknown).
std::map<long, long> server_ticks(long postmaster) {
  std::map<long, long> out;
  if (postmaster <= 0)
    return out;
  DIR* d = opendir("/proc");
  if (!d)
    return out;
  while (auto* e = readdir(d)) {
    char* end = nullptr;
    long pid = std::strtol(e->d_name, &end, 10);
    if (pid <= 0 || *end != '\0')
      continue;
    auto s = read_stat(pid);
    if (s && (pid == postmaster || s->ppid == postmaster))
      out[pid] = s->ticks;
  }
  closedir(d);
  return out;
}

double server_cpu_between(const std::map<long, long>& a, const std::map<long, long>& b) {
  long ticks = 0;
  for (const auto& [pid, t] : b) {
    auto it = a.find(pid);
    ticks += t - (it == a.end() ? 0 : it->second);
  }
  return static_cast<double>(ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// -- metrics of the alerts subtree ---------------------------------------------

/// Sum of the samples of family `name` whose label `key` is one of `values`
/// (all samples when `key` is empty).
double metric(metrics::registry& reg, const std::string& name, const std::string& key = "",
              const std::vector<std::string>& values = {}) {
  double sum = 0;
  for (const auto& fam : reg.prom().Collect()) {
    if (fam.name != name)
      continue;
    for (const auto& m : fam.metric) {
      bool ok = key.empty();
      for (const auto& l : m.label)
        if (l.name == key && std::find(values.begin(), values.end(), l.value) != values.end())
          ok = true;
      if (ok)
        sum += fam.type == prometheus::MetricType::Counter ? m.counter.value : m.gauge.value;
    }
  }
  return sum;
}

// -- the workload ----------------------------------------------------------------

struct game {
  std::string id;
  std::string home;
  std::string away;
  int home_score = 0;
  int away_score = 0;
};

struct ticker {
  std::string name;
  std::size_t game = 0;
  bool home = false;
};

using event = std::variant<score_changed, play_added, price_moved, correlation_measured>;

template <class T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& v) {
  return v[std::uniform_int_distribution<std::size_t>{0, v.size() - 1}(rng)];
}

std::vector<alerts::candidate> candidates_of(const event& e) {
  return std::visit([](const auto& x) { return alert_candidates::of(x); }, e);
}

long long pg_count(pqxx::connection& c, const std::string& sql) {
  pqxx::nontransaction tx{c};
  return tx.exec(sql)[0][0].as<long long>();
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: alert_router_bench DATABASE_URL [rules=1000] [tenants=100] "
                         "[events=50000] [max_seconds=60] [games=256] [seed=2025] "
                         "[pool_size=8]\n");
    return 2;
  }
  const std::string url = argv[1];
  const long n_rules = arg(argc, argv, 2, 1000);
  const long n_tenants = arg(argc, argv, 3, 100);
  const long n_events = arg(argc, argv, 4, 50'000);
  const long max_seconds = arg(argc, argv, 5, 60);
  const long n_games = arg(argc, argv, 6, 256);
  const auto seed = static_cast<std::uint64_t>(arg(argc, argv, 7, 2025));
  config::settings s; // a node's defaults
  // database.pool_size: a quarter of it writes decisions (alerts_children).
  const long pool_size = arg(argc, argv, 8, s.database.pool_size);
  const std::size_t n_tickers = 2000;
  if (n_rules < 1 || n_tenants < 1 || n_events < 1 || max_seconds < 1 || n_games < 1 ||
      pool_size < 1 || pool_size > 256) {
    std::fprintf(stderr, "all arguments must be positive (pool_size at most 256)\n");
    return 2;
  }
  std::mt19937_64 rng{seed};

  log::options lo;
  lo.level = "warn";
  lo.file = "";
  log::setup(lo);

  // -- database ---------------------------------------------------------------
  long postmaster = 0;
  try {
    pqxx::connection c{url};
    pg::migrate(c, pg::embedded_migrations());
    if (pg_count(c, "SELECT count(*) FROM alerts") != 0 ||
        pg_count(c, "SELECT count(*) FROM alert_rules") != 0) {
      std::fprintf(stderr, "the database already has alerts or rules: pass an empty one\n");
      return 2;
    }
    pqxx::nontransaction tx{c};
    auto backend = tx.exec("SELECT pg_backend_pid()")[0][0].as<long>();
    if (auto s = read_stat(backend))
      postmaster = s->ppid; // the server runs here: its CPU can be read
  } catch (const std::exception& e) {
    std::fprintf(stderr, "database: %s\n", e.what());
    return 1;
  }

  s.database.pool_size = static_cast<int>(pool_size);
  for (long t = 0; t < n_tenants; ++t) {
    char id[32];
    std::snprintf(id, sizeof id, "t%03ld", t);
    s.tenants.push_back({id, std::string{"Tenant "} + id, s.alerts.daily_limit, ""});
  }
  pg::pool_options po;
  po.url = url;
  po.size = s.database.pool_size;
  po.acquire_timeout = std::chrono::milliseconds{s.database.acquire_timeout_ms};
  po.connect_timeout_s = s.database.connect_timeout_s;
  po.statement_timeout_ms = s.database.statement_timeout_ms;
  po.application_name = "alert_router_bench";
  auto pool = std::make_shared<pg::pool>(po);

  // -- the alerts subtree -------------------------------------------------------
  caf::actor_system_config cfg;
  add_message_types(cfg);
  cfg.set("logger.console-verbosity", caf::atom("quiet"));
  auto sys = std::make_unique<caf::actor_system>(cfg);
  auto names = std::make_shared<sup::registry>();
  auto reg = std::make_shared<metrics::registry>();

  alerts_options al;
  al.settings = s;
  al.pool = pool;
  al.metrics = reg;
  al.names = names;
  sup::supervisor_config root;
  root.path = "node";
  root.policy = restart_policy_from(s.supervision);
  root.names = names;
  root.children = alerts_children(al);
  auto sup_root = sup::spawn_supervisor(*sys, std::move(root));

  // Ends the process if anything below hangs past every deadline.
  auto hard_deadline = steady::now() + std::chrono::seconds{max_seconds + 120};
  std::thread{[hard_deadline] {
    std::this_thread::sleep_until(hard_deadline);
    std::fprintf(stderr, "alert_router_bench: watchdog: still running, exiting\n");
    std::_Exit(3);
  }}.detach();

  caf::scoped_actor self{*sys};
  bool started = false;
  self->request(sup_root, 10s, children_atom::value)
      .receive([&](supervision_report&) { started = true; },
               [&](caf::error& e) { std::fprintf(stderr, "start: %s\n", sys->render(e).c_str()); });
  auto router = names->get_as<alert_router_actor>("node/alert_router");
  if (!started || !router) {
    std::fprintf(stderr, "the alerts subtree did not start\n");
    std::_Exit(1);
  }

  // -- games, tickers, rules ----------------------------------------------------------
  std::vector<std::string> teams;
  for (const auto& t : sim::nfl_teams())
    teams.push_back(t.team.abbreviation);
  std::vector<game> games;
  for (long i = 0; i < n_games; ++i) {
    game g;
    g.id = "g" + std::to_string(401772000 + i);
    g.home = pick(rng, teams);
    do
      g.away = pick(rng, teams);
    while (g.away == g.home);
    games.push_back(std::move(g));
  }
  std::vector<ticker> tickers;
  for (std::size_t j = 0; j < n_tickers; ++j) {
    ticker t;
    t.game = j % games.size();
    t.home = (j / games.size()) % 2 == 0;
    const auto& g = games[t.game];
    t.name = "KXNFL-" + g.id + "-" + (t.home ? g.home : g.away) + "-" + std::to_string(j);
    tickers.push_back(std::move(t));
  }

  // Types score 25%, big_play 20%, turnover 15%, price_spike 20%,
  // correlation 20%. Game rules: 70% one or two teams, else none. Market
  // rules: 40% a team, 30% one to three tickers, 30% none; half of them a
  // minimum impact of medium. Cooldown 300 s; 5% high priority.
  const std::array<alerts::alert_type, 5> types{
      alerts::alert_type::score, alerts::alert_type::big_play, alerts::alert_type::turnover,
      alerts::alert_type::price_spike, alerts::alert_type::correlation};
  std::discrete_distribution<int> type_of{25, 20, 15, 20, 20};
  std::vector<alerts::rule> wanted;
  for (long i = 0; i < n_rules; ++i) {
    alerts::rule r;
    r.tenant = s.tenants[static_cast<std::size_t>(i % n_tenants)].id;
    r.type = types[static_cast<std::size_t>(type_of(rng))];
    r.via = alerts::channel::log;
    r.target = "bench-" + std::to_string(i);
    r.cooldown_s = 300;
    r.level = rng() % 20 == 0 ? alerts::priority::high : alerts::priority::normal;
    auto roll = rng() % 10;
    bool market =
        r.type == alerts::alert_type::price_spike || r.type == alerts::alert_type::correlation;
    if (!market) {
      if (roll < 7) {
        r.only.teams.push_back(pick(rng, teams));
        if (roll < 2)
          r.only.teams.push_back(pick(rng, teams));
      }
    } else {
      if (roll < 4) {
        r.only.teams.push_back(pick(rng, teams));
      } else if (roll < 7) {
        auto n = 1 + rng() % 3;
        for (std::size_t k = 0; k < n; ++k)
          r.only.markets.push_back(pick(rng, tickers).name);
      }
      if (rng() % 2 == 0)
        r.only.min_impact = alerts::impact::medium;
    }
    wanted.push_back(std::move(r));
  }
  // One more: matches only the warm-up game, to know the router has loaded.
  alerts::rule warm;
  warm.tenant = s.tenants[0].id;
  warm.type = alerts::alert_type::score;
  warm.via = alerts::channel::log;
  warm.target = "warmup";
  warm.cooldown_s = 0;
  warm.only.games.push_back("warmup");
  wanted.push_back(warm);

  auto rules_start = steady::now();
  std::vector<alerts::rule> rules;
  for (auto& r : wanted) {
    bool ok = false;
    self->request(router, 10s, rules_atom::value, r)
        .receive(
            [&](alerts::rule& stored) {
              rules.push_back(std::move(stored));
              ok = true;
            },
            [&](caf::error& e) { std::fprintf(stderr, "rule: %s\n", sys->render(e).c_str()); });
    if (!ok)
      std::_Exit(1);
  }
  auto rules_s = seconds(steady::now() - rules_start);

  // -- events -------------------------------------------------------------------------
  // score_changed 15%, play_added 35% (big_play 60%, turnover 25%, both 5%,
  // neither 10%), price_moved 35%, correlation_measured 15%.
  std::discrete_distribution<int> event_of{15, 35, 35, 15};
  std::uniform_real_distribution<double> prob{0.05, 0.95};
  std::normal_distribution<double> move{0, 0.08};
  const char* impacts[] = {"low", "medium", "high", "extreme"};
  std::discrete_distribution<int> impact_of{40, 30, 20, 10};
  const auto base_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  std::vector<event> events;
  events.reserve(static_cast<std::size_t>(n_events));
  for (long i = 0; i < n_events; ++i) {
    auto kind = event_of(rng);
    if (kind == 0) {
      auto& g = games[rng() % games.size()];
      score_changed e;
      e.game_id = g.id;
      e.home = g.home;
      e.away = g.away;
      e.previous_home_score = g.home_score;
      e.previous_away_score = g.away_score;
      bool home = rng() % 2 == 0;
      int points = rng() % 3 == 0 ? 3 : 7;
      (home ? g.home_score : g.away_score) += points; // scores only go up: unique ids
      e.home_score = g.home_score;
      e.away_score = g.away_score;
      e.scoring_team = home ? g.home : g.away;
      e.period = 1 + static_cast<int>(rng() % 4);
      e.clock = std::to_string(rng() % 15) + ":" + std::to_string(10 + rng() % 50);
      events.emplace_back(std::move(e));
    } else if (kind == 1) {
      const auto& g = games[rng() % games.size()];
      play_added e;
      e.game_id = g.id;
      e.home = g.home;
      e.away = g.away;
      e.play.id = "p" + std::to_string(i);
      e.play.sequence = i;
      e.play.period = 1 + static_cast<int>(rng() % 4);
      e.play.clock = "7:42";
      e.play.team = rng() % 2 ? g.home : g.away;
      e.play.type = "Pass Reception";
      e.play.text = "J.Allen pass deep left to K.Coleman for 34 yards";
      e.play.yards = 20 + static_cast<int>(rng() % 50);
      e.play.home_score = g.home_score;
      e.play.away_score = g.away_score;
      auto roll = rng() % 20;
      if (roll < 12)
        e.tags = {"big_play"};
      else if (roll < 17)
        e.tags = {"turnover"};
      else if (roll < 18)
        e.tags = {"big_play", "turnover"};
      else
        e.tags = {"sack"};
      events.emplace_back(std::move(e));
    } else if (kind == 2) {
      const auto& t = pick(rng, tickers);
      const auto& g = games[t.game];
      price_moved e;
      e.ticker = t.name;
      e.title = (t.home ? g.home : g.away) + " to win";
      e.link = market_link{g.id, t.home ? g.home : g.away, t.home};
      e.before = prob(rng);
      e.after = std::clamp(e.before + move(rng), 0.01, 0.99);
      e.points = (e.after - e.before) * 100;
      e.seconds_between = 5;
      e.observed_at_ms = base_ms + i; // the event id: unique
      events.emplace_back(std::move(e));
    } else {
      const auto& t = pick(rng, tickers);
      const auto& g = games[t.game];
      correlation_measured e;
      e.game_id = g.id;
      e.home = g.home;
      e.away = g.away;
      e.play_id = "c" + std::to_string(i);
      e.play_text = "P.Mahomes pass short right to T.Kelce for 12 yards, TOUCHDOWN";
      e.play_team = rng() % 2 ? g.home : g.away;
      e.tags = {"touchdown"};
      e.ticker = t.name;
      e.link = market_link{g.id, t.home ? g.home : g.away, t.home};
      e.before = prob(rng);
      e.after = std::clamp(e.before + move(rng), 0.01, 0.99);
      e.points = (e.after - e.before) * 100;
      e.impact = impacts[impact_of(rng)];
      e.captured_at_ms = base_ms + i - 2000;
      e.measured_at_ms = base_ms + i;
      events.emplace_back(std::move(e));
    }
  }

  // What the router will decide: the same candidates, the same matching.
  std::array<std::vector<const alerts::rule*>, 7> by_type;
  for (const auto& r : rules)
    by_type[static_cast<std::size_t>(r.type)].push_back(&r);
  // expected_after[i]: decisions of the first i events.
  std::vector<long long> expected_after{0};
  long long candidates = 0;
  for (const auto& e : events) {
    long long n = 0;
    for (const auto& c : candidates_of(e)) {
      ++candidates;
      for (const auto* r : by_type[static_cast<std::size_t>(c.type)])
        n += alerts::matches(*r, c) ? 1 : 0;
    }
    expected_after.push_back(expected_after.back() + n);
  }
  const long long expected_all = expected_after.back();

  // -- warm-up: the router has loaded and the store writes ------------------------
  auto decisions = [&](std::chrono::milliseconds timeout) -> std::optional<long long> {
    std::optional<long long> n;
    self->request(router, timeout, get_atom::value)
        .receive([&](std::int64_t x) { n = x; }, [&](caf::error&) {});
    return n;
  };
  auto stored = [&] {
    return static_cast<long long>(
        metric(*reg, "playclock_alerts_total", "outcome", {"pending", "suppressed", "duplicate"}));
  };
  {
    auto until = steady::now() + 15s;
    int k = 0;
    while (steady::now() < until) {
      auto w = score_changed{"warmup", "KC", "BUF", 7 * ++k, 0, 7 * (k - 1), 0, "KC", 1, "9:00"};
      caf::anon_send(router, w);
      auto n = decisions(2s);
      if (n && *n > 0)
        break;
      std::this_thread::sleep_for(50ms);
    }
    auto n0 = decisions(2s).value_or(0);
    while (steady::now() < until && stored() < n0)
      std::this_thread::sleep_for(10ms);
    if (n0 == 0 || stored() < n0) {
      std::fprintf(stderr, "warm-up failed: the router does not decide or the store does not "
                           "write\n");
      std::_Exit(1);
    }
  }
  const long long decisions0 = decisions(2s).value_or(0);
  const double counted0 = metric(*reg, "playclock_alert_decisions_total");
  const long long stored0 = stored();
  const double dropped0 = metric(*reg, "playclock_alert_events_dropped_total");
  std::this_thread::sleep_for(200ms); // the warm-up alert delivered
  const double sent0 = metric(*reg, "playclock_alerts_total", "outcome", {"sent"});

  // -- the run ------------------------------------------------------------------------
  const std::string load_before = loadavg();
  const auto pg_before = server_ticks(postmaster);
  const double cpu0 = cpu_seconds();
  const auto t0 = steady::now();
  const auto deadline = t0 + std::chrono::seconds{max_seconds};
  long sent_events = 0;
  for (auto& e : events) {
    if ((sent_events & 1023) == 0 && steady::now() > deadline)
      break;
    std::visit([&](auto& x) { caf::anon_send(router, std::move(x)); }, e);
    ++sent_events;
  }
  const auto t_sent = steady::now();

  // (a) In order behind the events: the first answer comes once they are routed.
  // Stops early if the count stops growing for a second (it should not).
  const long long expected = expected_after[static_cast<std::size_t>(sent_events)];
  long long made = 0;
  std::optional<steady::time_point> t_decided;
  bool stalled = false;
  {
    long long last = -1;
    auto last_change = steady::now();
    while (steady::now() < deadline) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now());
      auto n = decisions(std::max<std::chrono::milliseconds>(left, 1ms));
      if (!n)
        break;
      made = *n - decisions0;
      if (made >= expected) {
        t_decided = steady::now();
        break;
      }
      if (made != last) {
        last = made;
        last_change = steady::now();
      } else if (steady::now() - last_change > 1s) {
        t_decided = last_change;
        stalled = true;
        break;
      }
      std::this_thread::sleep_for(1ms);
    }
  }
  if (!t_decided) // timed out behind the queue: the router's counter says how far it got
    made = static_cast<long long>(metric(*reg, "playclock_alert_decisions_total") - counted0);
  const double cpu_decided = cpu_seconds();

  // (b) Every decision written (the store's replies to the router), then
  // confirmed in the table; then every pending alert delivered.
  long long dropped = 0;
  long long written = 0;
  std::optional<steady::time_point> t_recorded;
  // Metrics only: a scoped actor's answered requests leave their time-outs
  // in its mailbox, so polling the router here would slow every receive.
  while (steady::now() < deadline) {
    dropped =
        static_cast<long long>(metric(*reg, "playclock_alert_events_dropped_total") - dropped0);
    written = stored() - stored0;
    if (t_decided && written >= made - dropped) {
      t_recorded = steady::now();
      break;
    }
    std::this_thread::sleep_for(5ms);
  }
  pqxx::connection db{url};
  // Not the warm-up's (its score events may match other rules too).
  const std::string bench_rows = " FROM alerts WHERE alert_key NOT LIKE 'warmup:%'";
  long long rows = pg_count(db, "SELECT count(*)" + bench_rows);
  while (t_recorded && rows < written && steady::now() < deadline) {
    std::this_thread::sleep_for(50ms);
    rows = pg_count(db, "SELECT count(*)" + bench_rows);
  }
  std::optional<steady::time_point> t_delivered;
  long long pending = 0;
  while (steady::now() < deadline) {
    pending = pg_count(db, "SELECT count(*) FROM alerts WHERE status = 'pending'");
    if (t_recorded && pending == 0) {
      t_delivered = steady::now();
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  const auto t_end = steady::now();
  const double cpu_end = cpu_seconds();
  const auto pg_after = server_ticks(postmaster);
  const std::string load_after = loadavg();
  const double delivered = metric(*reg, "playclock_alerts_total", "outcome", {"sent"}) - sent0;

  // (c) The split, from the table.
  rows = pg_count(db, "SELECT count(*)" + bench_rows);
  std::vector<std::pair<std::string, long long>> split;
  {
    pqxx::nontransaction tx{db};
    for (const auto& row : tx.exec("SELECT status || CASE WHEN reason = '' THEN '' ELSE '/' || "
                                   "reason END, count(*)" +
                                   bench_rows + " GROUP BY 1 ORDER BY 2 DESC"))
      split.emplace_back(row[0].as<std::string>(), row[1].as<long long>());
  }

  // -- summary ------------------------------------------------------------------------
  // Up to the deadline when a phase did not finish (a rate so far).
  auto rate = [&](long long n, std::optional<steady::time_point> end, steady::time_point start) {
    return static_cast<double>(n) / seconds(end.value_or(std::min(t_end, deadline)) - start);
  };
  auto at = [&](std::optional<steady::time_point> t) {
    char buf[64];
    if (t)
      std::snprintf(buf, sizeof buf, "%.3f s", seconds(*t - t0));
    else
      std::snprintf(buf, sizeof buf, "INCOMPLETE (max_seconds %ld)", max_seconds);
    return std::string{buf};
  };
  const double server_cpu = postmaster > 0 ? server_cpu_between(pg_before, pg_after) : -1;
  std::printf("alert_router_bench: rules=%ld (+1 warm-up) tenants=%ld events=%ld games=%ld "
              "tickers=%zu seed=%llu max_seconds=%ld pool_size=%ld\n",
              n_rules, n_tenants, n_events, n_games, n_tickers,
              static_cast<unsigned long long>(seed), max_seconds, pool_size);
  std::printf("  setup             rules added through the router in %.2f s; %lld candidates, "
              "%lld decisions expected (%.1f per event)\n",
              rules_s, candidates, expected_all,
              static_cast<double>(expected_all) / static_cast<double>(n_events));
  std::printf("  load average      %s before, %s after (%ld cores)\n", load_before.c_str(),
              load_after.c_str(), sysconf(_SC_NPROCESSORS_ONLN));
  std::printf("  sent              %ld events in %.3f s (%.0f events/s)\n", sent_events,
              seconds(t_sent - t0), static_cast<double>(sent_events) / seconds(t_sent - t0));
  std::printf("  (a) decided       %lld of %lld at %s: %.0f decisions/s in the router", made,
              expected, at(t_decided).c_str(), rate(made, t_decided, t0));
  if (t_decided && !stalled)
    std::printf(" (%.0f events/s)", static_cast<double>(sent_events) / seconds(*t_decided - t0));
  std::printf("\n");
  if (stalled)
    std::printf("      WARNING       the count stopped growing short of the expected number\n");
  std::printf("  (b) recorded      %lld rows at %s: %.0f decisions recorded/s; %lld dropped by "
              "the router (buffer full)\n",
              rows, at(t_recorded).c_str(), rate(rows, t_recorded, t0), dropped);
  std::printf("      delivered     %.0f alerts by the log notifier, none pending at %s (%lld "
              "pending at the end)\n",
              delivered, at(t_delivered).c_str(), pending);
  std::printf("  (c) rows          ");
  for (std::size_t i = 0; i < split.size(); ++i)
    std::printf("%s%s %lld (%.1f%%)", i ? ", " : "", split[i].first.c_str(), split[i].second,
                rows ? 100.0 * static_cast<double>(split[i].second) / static_cast<double>(rows)
                     : 0.0);
  std::printf("\n");
  std::printf("  (d) CPU           this process %.2f s until decided (%.2f us/decision), "
              "%.2f s in all (%.2f us/decision recorded)\n",
              cpu_decided - cpu0,
              made ? (cpu_decided - cpu0) * 1e6 / static_cast<double>(made) : 0.0, cpu_end - cpu0,
              rows ? (cpu_end - cpu0) * 1e6 / static_cast<double>(rows) : 0.0);
  if (server_cpu >= 0)
    std::printf("      PostgreSQL    %.2f s (%.2f us/row); wall %.2f s\n", server_cpu,
                rows ? server_cpu * 1e6 / static_cast<double>(rows) : 0.0, seconds(t_end - t0));
  else
    std::printf("      PostgreSQL    n/a (not on this machine); wall %.2f s\n",
                seconds(t_end - t0));
  std::fflush(stdout);

  // -- shutdown -----------------------------------------------------------------------
  self->monitor(sup_root);
  self->send_exit(sup_root, caf::exit_reason::user_shutdown);
  self->receive([](caf::down_msg&) {},
                caf::after(10s) >> [&] { std::fprintf(stderr, "shutdown slow: exiting\n"); });
  std::fflush(stderr);
  // Detached workers may still block in libpq: do not wait for them.
  std::_Exit(t_decided && t_recorded ? 0 : 4);
}
