// The table of settings. To add a setting: a field in settings.hpp and one entry
// in table() below (and the key in config/playclock.example.json).
#include "config/schema.hpp"

#include "config/key_builder.hpp"

namespace playclock::config {
namespace {

using namespace keydef;

std::optional<std::string> postgres_url(const setting_value& v) {
  const auto& url = std::get<std::string>(v);
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return std::nullopt;
  }
  return "must start with postgresql:// or postgres://";
}

constexpr std::int64_t gib = std::int64_t{1} << 30;

std::vector<key_spec> table() {
  using s = settings;
  return {
      one_of("profile", at(&s::profile), {"development", "testing", "production"},
             "Built-in overlay applied over the defaults (--profile, PLAYCLOCK_PROFILE)."),

      text("node.name", at(&s::node, &node_settings::name),
           "Name of this node in logs, health and the cluster; empty = host name."),
      integer("node.scheduler_threads", at(&s::node, &node_settings::scheduler_threads),
              "CAF scheduler threads; 0 = number of cores.")
          .between(0, 256),

      address("http.listen", at(&s::http, &http_settings::listen),
              "host:port the HTTP API listens on."),
      integer("http.threads", at(&s::http, &http_settings::threads),
              "I/O threads of the HTTP server.")
          .between(1, 64),
      size("http.body_limit_bytes", at(&s::http, &http_settings::body_limit_bytes),
           "Largest accepted request body; larger gets 413.")
          .between(1024, gib),
      integer("http.read_timeout_ms", at(&s::http, &http_settings::read_timeout_ms),
              "Time a client has to send a whole request before the connection closes.")
          .between(100, 600000),
      integer("http.request_timeout_ms", at(&s::http, &http_settings::request_timeout_ms),
              "Time an actor has to answer a forwarded request before 504.")
          .between(10, 600000),
      integer("http.max_pipelined", at(&s::http, &http_settings::max_pipelined),
              "Requests read ahead on one connection while earlier ones are answered.")
          .between(1, 128),
      integer("http.max_connections", at(&s::http, &http_settings::max_connections),
              "Open connections at most; more are closed at accept.")
          .between(1, 1000000),

      text("database.url", at(&s::database, &database_settings::url),
           "libpq URI, postgresql://user:password@host:port/db; DATABASE_URL overrides it.")
          .secret(secrecy::url_password)
          .env_alias("DATABASE_URL")
          .check(postgres_url),
      integer("database.pool_size", at(&s::database, &database_settings::pool_size),
              "Connections in the pool.")
          .between(1, 256),
      integer("database.acquire_timeout_ms",
              at(&s::database, &database_settings::acquire_timeout_ms),
              "Time to wait for a free pooled connection before failing.")
          .between(1, 600000),
      integer("database.connect_timeout_s", at(&s::database, &database_settings::connect_timeout_s),
              "libpq connect_timeout for each (re)connect.")
          .between(1, 300),
      integer("database.statement_timeout_ms",
              at(&s::database, &database_settings::statement_timeout_ms),
              "statement_timeout set on each connection; 0 = none.")
          .between(0, 3600000),
      flag("database.migrate", at(&s::database, &database_settings::migrate),
           "Apply the embedded migrations at start."),
      integer("database.startup_timeout_s", at(&s::database, &database_settings::startup_timeout_s),
              "How long start-up retries an unreachable database before giving up.")
          .between(0, 3600),

      one_of("log.level", at(&s::log, &log_settings::level),
             {"trace", "debug", "info", "warn", "error", "critical", "off"},
             "Lowest level logged."),
      one_of("log.format", at(&s::log, &log_settings::format), {"text", "json"},
             "text, or json (one JSON object per line)."),
      text("log.file", at(&s::log, &log_settings::file),
           "Rotating log file; empty = console only."),
      size("log.max_file_bytes", at(&s::log, &log_settings::max_file_bytes),
           "Size at which the log file rotates.")
          .at_least(1024),
      integer("log.max_files", at(&s::log, &log_settings::max_files), "Rotated log files kept.")
          .between(1, 1000),

      integer("supervision.max_restarts", at(&s::supervision, &supervision_settings::max_restarts),
              "Restarts of one supervisor's children allowed within window_s before it escalates.")
          .between(0, 1000),
      integer("supervision.window_s", at(&s::supervision, &supervision_settings::window_s),
              "Window in which max_restarts is counted.")
          .between(1, 86400),
      integer("supervision.backoff_initial_ms",
              at(&s::supervision, &supervision_settings::backoff_initial_ms),
              "First restart delay; doubles per recent restart.")
          .between(0, 600000),
      integer("supervision.backoff_max_ms",
              at(&s::supervision, &supervision_settings::backoff_max_ms),
              "Restart delay cap; at least backoff_initial_ms.")
          .between(0, 3600000),

      integer("shutdown.grace_s", at(&s::shutdown, &shutdown_settings::grace_s),
              "Time the ordered shutdown may take before actors are killed.")
          .between(1, 3600),
  };
}

} // namespace

const std::vector<key_spec>& keys() {
  static const std::vector<key_spec> all = table();
  return all;
}

const std::vector<cross_check>& cross_checks() {
  static const std::vector<cross_check> all{
      {"supervision.backoff_max_ms",
       [](const settings& s) -> std::optional<std::string> {
         if (s.supervision.backoff_max_ms < s.supervision.backoff_initial_ms) {
           return "must be >= supervision.backoff_initial_ms (" +
                  std::to_string(s.supervision.backoff_initial_ms) + ")";
         }
         return std::nullopt;
       }},
  };
  return all;
}

} // namespace playclock::config
