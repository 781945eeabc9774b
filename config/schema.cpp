// The table of settings. To add a setting: a field in settings.hpp and one entry
// in table() below (and the key in config/playclock.example.json).
#include "config/schema.hpp"

#include "config/json_keys.hpp"
#include "config/key_builder.hpp"
#include "config/token_rules.hpp"

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

bool http_url(const std::string& url) {
  for (std::string scheme : {"http://", "https://"}) {
    if (url.size() > scheme.size() && url.rfind(scheme, 0) == 0) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> feed_url(const setting_value& v) {
  const auto& url = std::get<std::string>(v);
  if (url == "sim:" || http_url(url)) {
    return std::nullopt;
  }
  return "must be sim: or an http(s):// URL";
}

std::optional<std::string> optional_feed_url(const setting_value& v) {
  if (std::get<std::string>(v).empty()) {
    return std::nullopt;
  }
  if (feed_url(v)) {
    return "must be empty, sim: or an http(s):// URL";
  }
  return std::nullopt;
}

/// The rule "`path` >= `lower`" reported at `path`.
cross_check at_least_key(std::string path, std::string lower,
                         std::int64_t (*value)(const settings&),
                         std::int64_t (*lower_value)(const settings&)) {
  return {path, [lower, value, lower_value](const settings& s) -> std::optional<std::string> {
            if (value(s) < lower_value(s)) {
              return "must be >= " + lower + " (" + std::to_string(lower_value(s)) + ")";
            }
            return std::nullopt;
          }};
}

constexpr std::int64_t gib = std::int64_t{1} << 30;

/// Fields of sources.espn, sources.weather and sources.simulated.
template <class T>
auto espn(T espn_source_settings::*field) {
  return at(&settings::sources, &sources_settings::espn, field);
}

template <class T>
auto weather(T weather_source_settings::*field) {
  return at(&settings::sources, &sources_settings::weather, field);
}

template <class T>
auto simulated(T simulated_league_settings::*field) {
  return at(&settings::sources, &sources_settings::simulated, field);
}

template <class T>
auto kalshi(T kalshi_source_settings::*field) {
  return at(&settings::sources, &sources_settings::kalshi, field);
}

template <class T>
auto alerts_at(T alerts_settings::*field) {
  return at(&settings::alerts, field);
}

template <class T>
auto telegram(T telegram_settings::*field) {
  return at(&settings::alerts, &alerts_settings::telegram, field);
}

template <class T>
auto webhook(T webhook_settings::*field) {
  return at(&settings::alerts, &alerts_settings::webhook, field);
}

std::optional<std::string> http_base_url(const setting_value& v) {
  if (http_url(std::get<std::string>(v)))
    return std::nullopt;
  return "must be an http(s):// URL";
}

std::optional<std::string> optional_token(const setting_value& v) {
  const auto& text = std::get<std::string>(v);
  return text.empty() ? std::nullopt : token_problem(text);
}

std::vector<key_spec> table() {
  using s = settings;
  return {
      one_of("profile", at(&s::profile), {"development", "demo", "testing", "production"},
             "Built-in overlay applied over the defaults (--profile, PLAYCLOCK_PROFILE)."),

      text("node.name", at(&s::node, &node_settings::name),
           "Name of this node in logs, health and the cluster; empty = host name."),
      integer("node.scheduler_threads", at(&s::node, &node_settings::scheduler_threads),
              "CAF scheduler threads; 0 = number of cores.")
          .between(0, 256),
      integer("node.scheduler_idle_wakeup_ms",
              at(&s::node, &node_settings::scheduler_idle_wakeup_ms),
              "How often an idle scheduler thread looks for work queued on a busy one (CAF "
              "waits 10 ms; a poll's burst then sits on one thread that long).")
          .between(1, 1000),
      integer("node.fetcher_nice", at(&s::node, &node_settings::fetcher_nice),
              "Nice value of the threads that fetch and parse the sources' responses "
              "(pc-fetch, pc-mkt-fetch): above 0 they stand aside, while the cores are busy, "
              "for the node's other threads (the alert path); 0 = the node's own priority.")
          .between(0, 19),
      integer("node.session_group_nice", at(&s::node, &node_settings::session_group_nice),
              "Nice value of the node's scheduling group (with the kernel's autogroups, its "
              "session) against other groups: above 0 a PostgreSQL on the same machine, in a "
              "session of its own, gets the cores first while both are busy (5 with the "
              "private cluster of deploy/run.sh); below 0 needs CAP_SYS_NICE; 0 = leave it. "
              "The group is the session's: applied only when playclockd leads its session "
              "(systemd, setsid).")
          .between(-20, 19),
      integer("node.health_snapshot_s", at(&s::node, &node_settings::health_snapshot_s),
              "Seconds between the health snapshots stored in health_history (served at "
              "/api/system/health/history, kept 7 days); 0 = none.")
          .between(0, 86400),

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
              "Connections in the pool: half serve API queries, a quarter write alert "
              "decisions (one write in flight each), the rest storage, jobs and health.")
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

      text("sources.espn.base_url", espn(&espn_source_settings::base_url),
           "Live-games feed: sim: (built-in simulated league), http://127.0.0.1:PORT "
           "(playclock-feed) or https://site.api.espn.com.")
          .check(feed_url),
      number("sources.espn.rate_limit_per_s", espn(&espn_source_settings::rate_limit_per_s),
             "Requests per second at most (token bucket); 0 = unlimited.")
          .between(0, 100000),
      integer("sources.espn.rate_limit_burst", espn(&espn_source_settings::rate_limit_burst),
              "Burst of the rate limiter.")
          .between(1, 100000),
      integer("sources.espn.timeout_ms", espn(&espn_source_settings::timeout_ms),
              "Time one request may take.")
          .between(10, 600000),
      integer("sources.espn.concurrency", espn(&espn_source_settings::concurrency),
              "Requests in flight at once (play-by-play fetches run in parallel).")
          .between(1, 256),
      integer("sources.espn.scoreboard_interval_s",
              espn(&espn_source_settings::scoreboard_interval_s),
              "Seconds between scoreboard polls.")
          .between(1, 3600),
      integer("sources.espn.injuries_interval_s", espn(&espn_source_settings::injuries_interval_s),
              "Seconds between injury report polls.")
          .between(10, 86400),
      integer("sources.espn.schedule_interval_s", espn(&espn_source_settings::schedule_interval_s),
              "Seconds between schedule polls.")
          .between(60, 604800),
      integer("sources.espn.schedule_days", espn(&espn_source_settings::schedule_days),
              "Days ahead the schedule poll covers.")
          .between(0, 60),
      integer("sources.espn.backoff_initial_ms", espn(&espn_source_settings::backoff_initial_ms),
              "Retry delay after a failed poll; doubles up to backoff_max_ms, with jitter.")
          .between(10, 600000),
      integer("sources.espn.backoff_max_ms", espn(&espn_source_settings::backoff_max_ms),
              "Retry delay cap; at least backoff_initial_ms.")
          .between(10, 3600000),

      text("sources.weather.base_url", weather(&weather_source_settings::base_url),
           "Forecasts for outdoor venues: sim: (synthetic), https://api.openweathermap.org, "
           "or empty = off.")
          .check(optional_feed_url),
      text("sources.weather.api_key", weather(&weather_source_settings::api_key),
           "OpenWeatherMap API key.")
          .secret(secrecy::whole),
      integer("sources.weather.interval_s", weather(&weather_source_settings::interval_s),
              "Seconds between forecast polls.")
          .between(60, 86400),
      number("sources.weather.rate_limit_per_s",
             weather(&weather_source_settings::rate_limit_per_s),
             "Requests per second at most; 0 = unlimited.")
          .between(0, 100000),
      integer("sources.weather.timeout_ms", weather(&weather_source_settings::timeout_ms),
              "Time one request may take.")
          .between(10, 600000),

      integer("sources.simulated.games", simulated(&simulated_league_settings::games),
              "Games at once in the simulated league; a new round starts when all are final.")
          .between(1, 100000),
      number("sources.simulated.speed", simulated(&simulated_league_settings::speed),
             "Game clock speed-up (60 = a game in about three minutes of play time).")
          .between(1, 100000),
      size("sources.simulated.seed", simulated(&simulated_league_settings::seed),
           "Seed of the simulated league's random generator."),
      integer("sources.simulated.pregame_s", simulated(&simulated_league_settings::pregame_s),
              "Seconds between the league's start and each round's kick-offs.")
          .between(0, 86400),
      integer("sources.simulated.market_lag_ms",
              simulated(&simulated_league_settings::market_lag_ms),
              "Wall time after a play before the simulated markets price it in (80-120% of it).")
          .between(0, 600000),
      number("sources.simulated.market_noise", simulated(&simulated_league_settings::market_noise),
             "Bound of the simulated markets' price noise (a probability, 0-0.2).")
          .between(0, 1),

      text("sources.kalshi.base_url", kalshi(&kalshi_source_settings::base_url),
           "Prediction markets (Kalshi Trade API v2 format): sim: (the simulated league's "
           "markets), https://api.elections.kalshi.com, playclock-feed's URL, or empty = off.")
          .check(optional_feed_url),
      number("sources.kalshi.rate_limit_per_s", kalshi(&kalshi_source_settings::rate_limit_per_s),
             "Requests per second at most (Kalshi's basic tier allows 20); 0 = unlimited.")
          .between(0, 100000),
      integer("sources.kalshi.rate_limit_burst", kalshi(&kalshi_source_settings::rate_limit_burst),
              "Burst of the rate limiter.")
          .between(1, 10000),
      integer("sources.kalshi.timeout_ms", kalshi(&kalshi_source_settings::timeout_ms),
              "Time one request may take.")
          .between(10, 600000),
      integer("sources.kalshi.interval_s", kalshi(&kalshi_source_settings::interval_s),
              "Seconds between polls of the open markets.")
          .between(1, 86400),
      strings("sources.kalshi.series", kalshi(&kalshi_source_settings::series),
              "Kalshi series polled (KXNFLGAME: NFL game winners); [] = every open market."),
      integer("sources.kalshi.page_limit", kalshi(&kalshi_source_settings::page_limit),
              "Markets per page requested (Kalshi allows up to 1000).")
          .between(1, 1000),
      integer("sources.kalshi.max_pages", kalshi(&kalshi_source_settings::max_pages),
              "Pages followed per poll at most (cursor paging).")
          .between(1, 10000),
      integer("sources.kalshi.backoff_initial_ms",
              kalshi(&kalshi_source_settings::backoff_initial_ms),
              "Retry delay after a failed poll; doubles per failure, with jitter.")
          .between(10, 3600000),
      integer("sources.kalshi.backoff_max_ms", kalshi(&kalshi_source_settings::backoff_max_ms),
              "Retry delay cap; at least backoff_initial_ms.")
          .between(10, 3600000),

      integer("games.rolling_window", at(&s::games, &games_settings::rolling_window),
              "Plays in the rolling per-team statistics.")
          .between(1, 1000),
      integer("games.big_play_yards", at(&s::games, &games_settings::big_play_yards),
              "Yards from which a play is tagged big_play.")
          .between(1, 99),

      number("markets.spike_threshold_pts", at(&s::markets, &markets_settings::spike_threshold_pts),
             "A move of more than this many percentage points between two polls is a spike.")
          .between(0, 100),
      integer("markets.history", at(&s::markets, &markets_settings::history),
              "Observations kept in memory per market.")
          .between(2, 1000000),
      json(
          "markets.rules",
          "Explicit ticker -> game mappings, [{\"ticker_prefix\",\"game_id\",\"team\"}]; "
          "they win over matching on teams and dates.",
          [](settings& st, const std::string& text) {
            return parse_ticker_rules(text, st.markets.rules);
          },
          [](const settings& st) { return render_ticker_rules(st.markets.rules); }),

      integer("correlation.delay_ms", at(&s::correlation, &correlation_settings::delay_ms),
              "Time between capturing a game's market prices after a play and re-reading them.")
          .between(0, 600000),
      strings("correlation.tags", at(&s::correlation, &correlation_settings::tags),
              "Play tags that make a play significant for correlation."),
      number("correlation.edge_threshold_pts",
             at(&s::correlation, &correlation_settings::edge_threshold_pts),
             "A market and the model differing by more than this many percentage points is an "
             "edge.")
          .between(0, 100),

      integer("alerts.daily_limit", alerts_at(&alerts_settings::daily_limit),
              "Alerts a tenant gets per UTC day (unless the tenant says otherwise); high priority "
              "bypasses it.")
          .between(0, 10000000),
      integer("alerts.max_attempts", alerts_at(&alerts_settings::max_attempts),
              "Delivery attempts before an alert is dead-lettered (status failed).")
          .between(1, 100),
      integer("alerts.backoff_initial_ms", alerts_at(&alerts_settings::backoff_initial_ms),
              "First retry delay of a failed delivery; doubles per attempt, with jitter.")
          .between(1, 3600000),
      integer("alerts.backoff_max_ms", alerts_at(&alerts_settings::backoff_max_ms),
              "Retry delay cap (a longer retry_after from the target still wins).")
          .between(1, 86400000),
      integer("alerts.concurrency", alerts_at(&alerts_settings::concurrency),
              "Deliveries in flight per notifier.")
          .between(1, 256),
      integer("alerts.flush_interval_ms", alerts_at(&alerts_settings::flush_interval_ms),
              "Time a routing decision may wait to be written together with others while "
              "a write is in flight (with none in flight it is written at once); 0 = as "
              "soon as one of the alert store's writes is free.")
          .between(0, 10000),
      text("alerts.telegram.base_url", telegram(&telegram_settings::base_url),
           "Telegram Bot API base URL (a local server in tests).")
          .check(http_base_url),
      text("alerts.telegram.token", telegram(&telegram_settings::token),
           "Telegram bot token; empty = Telegram alerts fail as not configured.")
          .secret(secrecy::whole),
      number("alerts.telegram.rate_limit_per_s", telegram(&telegram_settings::rate_limit_per_s),
             "Messages per second overall (Telegram allows about 30).")
          .between(0, 100000),
      number("alerts.telegram.per_chat_per_s", telegram(&telegram_settings::per_chat_per_s),
             "Messages per second per chat (Telegram allows about 1).")
          .between(0, 100000),
      integer("alerts.telegram.timeout_ms", telegram(&telegram_settings::timeout_ms),
              "Time one sendMessage call may take.")
          .between(10, 600000),
      text("alerts.webhook.secret", webhook(&webhook_settings::secret),
           "HMAC-SHA256 key of the X-Playclock-Signature header of webhook alerts.")
          .secret(secrecy::whole),
      integer("alerts.webhook.timeout_ms", webhook(&webhook_settings::timeout_ms),
              "Time one webhook POST may take.")
          .between(10, 600000),

      text("auth.admin_token", at(&s::auth, &auth_settings::admin_token),
           "Bearer token for every tenant and the cluster-wide endpoints (at least 16 "
           "printable characters); empty = no admin.")
          .secret(secrecy::whole)
          .check(optional_token),
      integer("auth.refresh_ms", at(&s::auth, &auth_settings::refresh_ms),
              "How often a node re-reads the tenants' token hashes (tenants created or "
              "rotated on another node).")
          .between(100, 3600000),

      json(
          "tenants",
          "Tenants created or updated at start, [{\"id\",\"name\",\"daily_alert_limit\","
          "\"token\"}]; a token is stored hashed, and shown as *** in dumps.",
          [](settings& st, const std::string& text) { return parse_tenants(text, st.tenants); },
          [](const settings& st) { return render_tenants(st.tenants); })
          .secret(secrecy::json_tokens),

      integer("jobs.concurrency", at(&s::jobs, &jobs_settings::concurrency),
              "Jobs this node runs at once; 0 = it runs none (it still accepts them).")
          .between(0, 256),
      integer("jobs.max_running_per_type", at(&s::jobs, &jobs_settings::max_running_per_type),
              "Running jobs of one type at most, over the whole cluster.")
          .between(1, 100000),
      integer("jobs.max_running_per_tenant", at(&s::jobs, &jobs_settings::max_running_per_tenant),
              "Running jobs of one tenant at most, over the whole cluster.")
          .between(1, 100000),
      integer("jobs.lease_s", at(&s::jobs, &jobs_settings::lease_s),
              "A claimed job's lease; a job whose lease ran out (its node died) is re-run.")
          .between(2, 86400),
      integer("jobs.heartbeat_ms", at(&s::jobs, &jobs_settings::heartbeat_ms),
              "How often a node renews its jobs' leases and reads cancellations (well under "
              "jobs.lease_s).")
          .between(50, 3600000),
      integer("jobs.poll_interval_ms", at(&s::jobs, &jobs_settings::poll_interval_ms),
              "Look for due jobs this often even without a notification (run_at reached, lost "
              "LISTEN connection).")
          .between(10, 3600000),
      integer("jobs.retry_backoff_initial_ms",
              at(&s::jobs, &jobs_settings::retry_backoff_initial_ms),
              "Retry delay after a job's first failed attempt; doubles per attempt.")
          .between(0, 86400000),
      integer("jobs.retry_backoff_max_ms", at(&s::jobs, &jobs_settings::retry_backoff_max_ms),
              "Retry delay cap.")
          .between(0, 86400000),
      json(
          "jobs.schedules",
          "Jobs enqueued on cron schedules (UTC), [{\"name\",\"cron\",\"type\",\"params\"?,"
          "\"tenant\"?,\"priority\"?,\"max_attempts\"?,\"timeout_s\"?}]; every node enqueues "
          "each due slot, the idempotency key cron:<name>:<slot> lets one take.",
          [](settings& st, const std::string& text) {
            return parse_job_schedules(text, st.jobs.schedules);
          },
          [](const settings& st) { return render_job_schedules(st.jobs.schedules); }),

      text("simulations.llm_url", at(&s::simulations, &simulations_settings::llm_url),
           "Base URL of an OpenAI-compatible API whose chat completions write simulation "
           "narratives; empty = the built-in summarizer (always the fallback)."),
      text("simulations.llm_model", at(&s::simulations, &simulations_settings::llm_model),
           "Model named in the chat-completions request."),
      text("simulations.llm_api_key", at(&s::simulations, &simulations_settings::llm_api_key),
           "Bearer token of the chat-completions API; empty = none.")
          .secret(secrecy::whole),
      integer("simulations.llm_timeout_ms",
              at(&s::simulations, &simulations_settings::llm_timeout_ms),
              "Time a narrative request may take before the built-in summary is used.")
          .between(100, 600000),

      integer("storage.batch_size", at(&s::storage, &storage_settings::batch_size),
              "Rows written per transaction at most.")
          .between(1, 100000),
      integer("storage.flush_interval_ms", at(&s::storage, &storage_settings::flush_interval_ms),
              "Time a buffered row may wait before it is written.")
          .between(1, 60000),
      integer("storage.max_buffered", at(&s::storage, &storage_settings::max_buffered),
              "Rows buffered at most (at least batch_size); above it senders wait for a flush.")
          .between(100, 10000000),
      integer("storage.sync_log_days", at(&s::storage, &storage_settings::sync_log_days),
              "Days of sync_log rows (one per poll) kept; older ones are deleted every hour "
              "(0 = keep all).")
          .between(0, 36500),
  };
}

} // namespace

const std::vector<key_spec>& keys() {
  static const std::vector<key_spec> all = table();
  return all;
}

const std::vector<cross_check>& cross_checks() {
  static const std::vector<cross_check> all{
      at_least_key(
          "supervision.backoff_max_ms", "supervision.backoff_initial_ms",
          [](const settings& s) -> std::int64_t { return s.supervision.backoff_max_ms; },
          [](const settings& s) -> std::int64_t { return s.supervision.backoff_initial_ms; }),
      at_least_key(
          "sources.espn.backoff_max_ms", "sources.espn.backoff_initial_ms",
          [](const settings& s) -> std::int64_t { return s.sources.espn.backoff_max_ms; },
          [](const settings& s) -> std::int64_t { return s.sources.espn.backoff_initial_ms; }),
      at_least_key(
          "sources.kalshi.backoff_max_ms", "sources.kalshi.backoff_initial_ms",
          [](const settings& s) -> std::int64_t { return s.sources.kalshi.backoff_max_ms; },
          [](const settings& s) -> std::int64_t { return s.sources.kalshi.backoff_initial_ms; }),
      at_least_key(
          "alerts.backoff_max_ms", "alerts.backoff_initial_ms",
          [](const settings& s) -> std::int64_t { return s.alerts.backoff_max_ms; },
          [](const settings& s) -> std::int64_t { return s.alerts.backoff_initial_ms; }),
      cross_check{"jobs.heartbeat_ms",
                  [](const settings& s) -> std::optional<std::string> {
                    // Two missed heartbeats before a lease runs out.
                    if (std::int64_t{s.jobs.heartbeat_ms} * 2 > std::int64_t{s.jobs.lease_s} * 1000)
                      return "must be at most half of jobs.lease_s (" +
                             std::to_string(s.jobs.lease_s) + " s)";
                    return std::nullopt;
                  }},
      at_least_key(
          "jobs.retry_backoff_max_ms", "jobs.retry_backoff_initial_ms",
          [](const settings& s) -> std::int64_t { return s.jobs.retry_backoff_max_ms; },
          [](const settings& s) -> std::int64_t { return s.jobs.retry_backoff_initial_ms; }),
      at_least_key(
          "storage.max_buffered", "storage.batch_size",
          [](const settings& s) -> std::int64_t { return s.storage.max_buffered; },
          [](const settings& s) -> std::int64_t { return s.storage.batch_size; }),
  };
  return all;
}

} // namespace playclock::config
