// playclockd: one node. Start-up: config -> logging -> database (wait +
// migrations) -> actor system and supervision tree -> HTTP. Shutdown on
// SIGTERM/SIGINT in the stated order: HTTP listener, then the supervision
// tree in reverse start order (pollers, entity actors, storage flush,
// database actor), then the connection pool.

#include <unistd.h>

#include <csignal>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/atom.hpp>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <spdlog/spdlog.h>

#include "actors/http_api.hpp"
#include "actors/node.hpp"
#include "adapters/http/router.hpp"
#include "adapters/http/server.hpp"
#include "adapters/jobs/schedule_check.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/metrics/http_metrics.hpp"
#include "adapters/metrics/registry.hpp"
#include "adapters/os/session_group.hpp"
#include "adapters/pg/pool.hpp"
#include "adapters/pg/pool_metrics.hpp"
#include "app/cli.hpp"
#include "app/database_startup.hpp"
#include "app/signals.hpp"
#include "config/describe.hpp"
#include "config/loader.hpp"
#include "messages/registration.hpp"

namespace {

using namespace playclock;
using namespace std::chrono_literals;

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof(buf) - 1) != 0)
    return "playclock";
  return buf;
}

std::pair<std::string, std::uint16_t> split_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  return {listen.substr(0, colon), static_cast<std::uint16_t>(std::stoi(listen.substr(colon + 1)))};
}

// node.session_group_nice: weighs the node's session against other
// scheduling groups (a local PostgreSQL). A refusal is logged and counted;
// the node runs on with the group as it was.
void apply_session_group_nice(int nice, metrics::registry& metrics, spdlog::logger& log) {
  auto& gauge = prometheus::BuildGauge()
                    .Name("playclock_node_session_group_nice")
                    .Help("Nice value of the node's scheduling group (its session's autogroup); "
                          "absent without autogroups.")
                    .Register(metrics.prom());
  auto& refused =
      prometheus::BuildCounter()
          .Name("playclock_node_session_group_nice_refused_total")
          .Help("node.session_group_nice values not applied (playclockd does not lead its "
                "session, or the kernel refused).")
          .Register(metrics.prom())
          .Add({});
  if (nice != 0 && getsid(0) != getpid()) {
    // The group is the session's: started from a shell, that is the shell's
    // and everything else run from it.
    refused.Increment();
    log.warn("node.session_group_nice {} not applied: playclockd does not lead its session "
             "(started from a shell?) and the group is the whole session's; start it with "
             "setsid, as deploy/run.sh and systemd do",
             nice);
  } else if (nice != 0) {
    if (auto err = os::set_session_group_nice(nice)) {
      refused.Increment();
      log.warn("node.session_group_nice {} not applied: {}", nice, *err);
    } else {
      log.info("node's scheduling group (session) now at nice {}", nice);
    }
  }
  auto group = os::this_session_group();
  if (nice != 0 && !group.autogroups)
    log.warn("node.session_group_nice {}: the kernel's autogroups are off "
             "(/proc/sys/kernel/sched_autogroup_enabled), so it changes nothing",
             nice);
  if (group.autogroups && group.nice)
    gauge.Add({}).Set(*group.nice);
}

int run_node(const config::settings& s) {
  auto started_at = std::chrono::system_clock::now();
  auto log = log::component("playclockd");
  auto node_name = s.node.name.empty() ? host_name() : s.node.name;
  log->info("playclockd {} starting as node '{}' (profile {})", PLAYCLOCK_VERSION, node_name,
            s.profile);

  bool interrupted = false;
  auto pool = app::open_database(s.database, interrupted);
  if (!pool) {
    if (interrupted) {
      log->info("interrupted during start-up: exiting");
      return 0;
    }
    return 1;
  }

  auto metrics = std::make_shared<metrics::registry>();
  metrics->add_collector(pg::make_pool_collector(pool));
  auto& build_info = prometheus::BuildGauge()
                         .Name("playclock_build_info")
                         .Help("Always 1; labels carry the version of the running binary.")
                         .Register(metrics->prom());
  build_info.Add({{"version", PLAYCLOCK_VERSION}}).Set(1);
  apply_session_group_nice(s.node.session_group_nice, *metrics, *log);
  auto http_metrics = std::make_shared<metrics::http_metrics>(metrics->prom());

  int exit_code = 0;
  {
    caf::actor_system_config cfg;
    add_message_types(cfg);
    // CAF's own default is at least 4 threads: on fewer cores the extra ones
    // only take turns with the node's own threads (the alert path) and a
    // local PostgreSQL.
    cfg.set("scheduler.max-threads",
            s.node.scheduler_threads > 0
                ? static_cast<std::size_t>(s.node.scheduler_threads)
                : std::max<std::size_t>(1, std::thread::hardware_concurrency()));
    // Work an actor sends from a scheduler thread stays on that thread's
    // queue; an idle thread only steals it when its relaxed sleep ends.
    cfg.set("work-stealing.relaxed-sleep-duration",
            caf::timespan{std::chrono::milliseconds{s.node.scheduler_idle_wakeup_ms}});
    cfg.set("logger.file-verbosity", caf::atom("quiet"));
    cfg.set("logger.console-verbosity", caf::atom("quiet"));
    caf::actor_system sys{cfg};

    node_options opts;
    opts.settings = s;
    opts.pool = pool;
    opts.metrics = metrics;
    opts.node_name = node_name;
    opts.started_at = started_at;
    opts.sources = make_live_sources(s.sources);
    node tree{sys, opts};

    http_api_context ctx;
    ctx.sys = &sys;
    ctx.names = tree.names();
    ctx.auth = tree.directory();
    ctx.metrics = metrics;
    ctx.request_timeout = std::chrono::milliseconds{s.http.request_timeout_ms};
    auto [host, port] = split_listen(s.http.listen);
    http::server_options hopts;
    hopts.host = host;
    hopts.port = port;
    hopts.threads = s.http.threads;
    hopts.body_limit = s.http.body_limit_bytes;
    hopts.read_timeout = std::chrono::milliseconds{s.http.read_timeout_ms};
    hopts.handler_timeout = std::chrono::milliseconds{s.http.request_timeout_ms} + 1s;
    hopts.max_pipelined = s.http.max_pipelined;
    hopts.max_connections = s.http.max_connections;
    http::server server{hopts, make_router(ctx),
                        [http_metrics](const http::request_observation& o) {
                          http_metrics->observe(o.route, o.method, o.status, o.seconds);
                        }};
    bool serving = false;
    try {
      auto bound = server.start();
      serving = true;
      log->info("ready: HTTP on http://{}:{} (health /api/system/health, metrics /metrics)", host,
                bound);
    } catch (const std::exception& e) {
      log->critical("{}", e.what());
      exit_code = 1;
    }

    if (serving) {
      int sig = app::wait_for_shutdown_signal();
      app::exit_on_second_signal();
      log->info("received {}: shutting down (grace {} s)", sig == SIGTERM ? "SIGTERM" : "SIGINT",
                s.shutdown.grace_s);
    }
    auto grace = std::chrono::milliseconds{std::chrono::seconds{s.shutdown.grace_s}};
    auto deadline = std::chrono::steady_clock::now() + grace;
    // 1. HTTP: refuse new connections, let in-flight requests finish.
    server.stop(grace / 4);
    log->info("HTTP listener stopped");
    // 2. The supervision tree, in reverse start order.
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (!tree.shutdown(std::max(left, std::chrono::milliseconds{100})))
      exit_code = 1;
    else
      log->info("actors stopped");
  } // the actor system joins its threads here
  // 3. The database last: the pool closes its connections.
  pool.reset();
  log->info("shutdown complete");
  return exit_code;
}

} // namespace

int main(int argc, char** argv) {
  app::block_shutdown_signals();
  std::string error;
  auto cli = app::parse_cli({argv + 1, argv + argc}, error);
  if (!cli) {
    std::cerr << "playclockd: " << error << "\n\n" << app::usage();
    return 2;
  }
  switch (cli->what) {
  case app::cli::mode::help:
    std::cout << app::usage();
    return 0;
  case app::cli::mode::version:
    std::cout << "playclockd " << PLAYCLOCK_VERSION << "\n";
    return 0;
  case app::cli::mode::describe_config:
    std::cout << config::describe_markdown();
    return 0;
  default:
    break;
  }
  config::load_options opts;
  opts.file = cli->config_file;
  opts.profile = cli->profile;
  opts.env = config::environment_map();
  auto loaded = config::load(opts);
  for (auto& e : jobs::check_schedules(loaded.values.jobs.schedules))
    loaded.errors.push_back(std::move(e));
  if (!loaded.ok()) {
    for (const auto& e : loaded.errors)
      std::cerr << e.to_string() << "\n";
    std::cerr << "playclockd: " << loaded.errors.size() << " configuration error(s)\n";
    return 1;
  }
  if (cli->what == app::cli::mode::check_config) {
    std::cout << "configuration OK (profile " << loaded.values.profile << ")\n";
    return 0;
  }
  if (cli->what == app::cli::mode::print_config) {
    std::cout << config::render_json(loaded.values) << "\n";
    return 0;
  }
  try {
    log::options lo;
    lo.level = loaded.values.log.level;
    lo.format = loaded.values.log.format;
    lo.file = loaded.values.log.file;
    lo.max_file_bytes = loaded.values.log.max_file_bytes;
    lo.max_files = loaded.values.log.max_files;
    log::setup(lo);
  } catch (const std::exception& e) {
    std::cerr << "playclockd: " << e.what() << "\n";
    return 1;
  }
  auto log = log::component("config");
  for (const auto& src : loaded.sources)
    log->debug("applied {}", src);
  int code = 0;
  try {
    code = run_node(loaded.values);
  } catch (const std::exception& e) {
    log::component("playclockd")->critical("fatal: {}", e.what());
    code = 1;
  }
  log::shutdown();
  return code;
}
