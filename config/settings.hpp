#pragma once
// The typed settings of a node. Every field has its default here; the schema
// (config/schema.cpp) maps each one to its JSON path, checks and docs.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace playclock::config {

/// Identity and threading of one node.
struct node_settings {
  /// Name of this node in logs, health and the cluster; empty = host name.
  std::string name;
  /// CAF scheduler threads; 0 = number of cores.
  int scheduler_threads = 0;
  /// How often an idle scheduler thread looks for work queued on a busy one.
  int scheduler_idle_wakeup_ms = 1;
  /// Nice value of the threads that fetch and parse the sources' responses.
  int fetcher_nice = 5;
  /// Nice value of the node's scheduling group (its session, with the
  /// kernel's autogroups) against other groups such as a local PostgreSQL;
  /// 0 = leave it as it is.
  int session_group_nice = 0;
  /// Seconds between the health snapshots stored in health_history; 0 = none.
  int health_snapshot_s = 60;
};

/// The HTTP API (Boost.Beast).
struct http_settings {
  /// host:port to listen on.
  std::string listen = "127.0.0.1:8080";
  /// I/O threads of the HTTP server.
  int threads = 1;
  /// Largest accepted request body; larger gets 413.
  std::size_t body_limit_bytes = 1024 * 1024;
  /// Time a client has to send a whole request before the connection closes.
  int read_timeout_ms = 15000;
  /// Time an actor has to answer a forwarded request before 504.
  int request_timeout_ms = 5000;
  /// Requests read ahead on one connection while earlier ones are answered.
  int max_pipelined = 8;
  /// Open connections at most; more are closed at accept.
  int max_connections = 10000;
};

/// PostgreSQL.
struct database_settings {
  /// libpq URI; DATABASE_URL overrides it. Contains secrets: never logged whole.
  std::string url = "postgresql://playclock@127.0.0.1:5432/playclock";
  /// Connections in the pool.
  int pool_size = 8;
  /// Time to wait for a free pooled connection before failing.
  int acquire_timeout_ms = 2000;
  /// libpq connect_timeout for each (re)connect.
  int connect_timeout_s = 5;
  /// statement_timeout set on each connection.
  int statement_timeout_ms = 30000;
  /// Apply migrations at start.
  bool migrate = true;
  /// How long start-up retries an unreachable database before giving up.
  int startup_timeout_s = 60;
};

/// Logging (spdlog).
struct log_settings {
  /// trace, debug, info, warn, error, critical or off.
  std::string level = "info";
  /// text or json (one JSON object per line).
  std::string format = "text";
  /// Rotating log file; empty = console only.
  std::string file = "var/log/playclockd.log";
  /// Size at which the file rotates.
  std::size_t max_file_bytes = 10 * 1024 * 1024;
  /// Rotated files kept.
  int max_files = 5;
};

/// Restart policy applied by every supervisor unless it overrides it.
struct supervision_settings {
  /// At most this many restarts of one supervisor's children ...
  int max_restarts = 5;
  /// ... within this window, else the supervisor fails (escalates).
  int window_s = 30;
  /// First restart delay; doubles per recent restart.
  int backoff_initial_ms = 100;
  /// Restart delay cap.
  int backoff_max_ms = 10000;
};

/// Shutdown behaviour on SIGTERM / SIGINT.
struct shutdown_settings {
  /// Time the whole ordered shutdown may take before actors are killed.
  int grace_s = 10;
};

/// The live-games feed (ESPN site-API format).
struct espn_source_settings {
  /// Base URL of the feed: "sim:" runs the built-in simulated league in the
  /// node; http://127.0.0.1:PORT points at playclock-feed; the real feed is
  /// https://site.api.espn.com.
  std::string base_url = "sim:";
  /// Requests per second at most (token bucket); 0 = unlimited.
  double rate_limit_per_s = 1.0;
  /// Burst of the rate limiter.
  int rate_limit_burst = 5;
  /// Time one request may take.
  int timeout_ms = 5000;
  /// Requests in flight at once (play-by-play fetches run in parallel).
  int concurrency = 4;
  int scoreboard_interval_s = 5;
  int injuries_interval_s = 300;
  int schedule_interval_s = 3600;
  /// Days ahead the schedule poll covers.
  int schedule_days = 7;
  /// Retry delay after a failed poll; doubles up to backoff_max_ms, with jitter.
  int backoff_initial_ms = 1000;
  int backoff_max_ms = 60000;
};

/// Weather for outdoor venues (OpenWeatherMap 5 day / 3 hour forecast format).
struct weather_source_settings {
  /// "sim:" = synthetic forecasts from the simulated league; the real API is
  /// https://api.openweathermap.org; "" disables weather polling.
  std::string base_url = "sim:";
  /// OpenWeatherMap API key (secret).
  std::string api_key;
  int interval_s = 1800;
  double rate_limit_per_s = 1.0;
  int timeout_ms = 5000;
};

/// The built-in simulated league (base_url "sim:" and playclock-feed).
struct simulated_league_settings {
  /// Games at once; a new round starts when all are final.
  int games = 16;
  /// Game clock speed-up (60 = a game in about three minutes of play time).
  double speed = 60;
  std::uint64_t seed = 1;
  /// Seconds between the league's start and each round's kick-offs.
  int pregame_s = 20;
  /// Wall time after a play before its markets price it in (80-120% of it).
  int market_lag_ms = 3000;
  /// Bound of the markets' price noise (probability).
  double market_noise = 0.015;
};

/// Prediction markets (Kalshi Trade API v2 format).
struct kalshi_source_settings {
  /// "sim:" = the simulated league's markets; http://127.0.0.1:PORT =
  /// playclock-feed; the real API is
  /// https://api.elections.kalshi.com (path /trade-api/v2 is added); "" = off.
  std::string base_url = "sim:";
  /// Kalshi's basic tier allows 20 reads per second.
  double rate_limit_per_s = 20;
  int rate_limit_burst = 20;
  int timeout_ms = 5000;
  /// Seconds between polls of the open markets.
  int interval_s = 5;
  /// Series polled (Kalshi series tickers); empty = every open market.
  std::vector<std::string> series{"KXNFLGAME"};
  /// Markets per page (Kalshi allows up to 1000) and pages per poll at most.
  int page_limit = 1000;
  int max_pages = 50;
  int backoff_initial_ms = 1000;
  int backoff_max_ms = 60000;
};

struct sources_settings {
  espn_source_settings espn;
  weather_source_settings weather;
  simulated_league_settings simulated;
  kalshi_source_settings kalshi;
};

/// An explicit ticker -> game mapping (wins over matching on teams and dates).
struct ticker_rule_setting {
  /// Tickers starting with this map to the game.
  std::string ticker_prefix;
  std::string game_id;
  /// The team "yes" is on (abbreviation); "" for non-team markets.
  std::string team;
};

/// Market actors.
struct markets_settings {
  /// A move of more than this many percentage points between two polls is a spike.
  double spike_threshold_pts = 10;
  /// Observations kept per market (bounded history).
  int history = 720;
  std::vector<ticker_rule_setting> rules;
};

/// The play-to-price correlator.
struct correlation_settings {
  /// Time between capturing the prices after a play and re-reading them.
  int delay_ms = 5000;
  /// Play tags that make a play significant.
  std::vector<std::string> tags{"touchdown", "turnover", "big_play"};
  /// A market and the model differing by more than this many percentage
  /// points is an edge.
  double edge_threshold_pts = 15;
};

/// The Telegram Bot API notifier.
struct telegram_settings {
  std::string base_url = "https://api.telegram.org";
  /// Bot token (secret); empty = Telegram alerts fail with "not configured".
  std::string token;
  /// Telegram allows about 30 messages per second overall ...
  double rate_limit_per_s = 30;
  /// ... and one per second per chat.
  double per_chat_per_s = 1;
  int timeout_ms = 10000;
};

/// The generic webhook notifier.
struct webhook_settings {
  /// HMAC-SHA256 key of the X-Playclock-Signature header (secret).
  std::string secret;
  int timeout_ms = 5000;
};

/// The alert router and notifiers.
struct alerts_settings {
  /// Alerts a tenant gets per UTC day unless its own limit says otherwise;
  /// high priority bypasses it.
  int daily_limit = 100;
  /// Delivery attempts before an alert is dead-lettered (status failed).
  int max_attempts = 5;
  int backoff_initial_ms = 500;
  int backoff_max_ms = 60000;
  /// Deliveries in flight per notifier.
  int concurrency = 8;
  /// Time a routing decision may wait, while a write is in flight, to be
  /// written with others; 0 = as soon as a write is free.
  int flush_interval_ms = 2;
  telegram_settings telegram;
  webhook_settings webhook;
};

/// A tenant created (or updated) at start.
struct tenant_setting {
  std::string id;
  std::string name;
  int daily_alert_limit = 100;
  /// Its bearer token (stored hashed); empty = keep the one it has.
  std::string token;
};

/// Who may call the API's tenant and cluster-wide endpoints.
struct auth_settings {
  /// Bearer token that may act on every tenant and the cluster-wide
  /// endpoints; empty = no admin.
  std::string admin_token;
  /// How often a node re-reads the tenants' token hashes (tenants created or
  /// rotated on another node).
  int refresh_ms = 5000;
};

/// Game actors and enrichment.
struct games_settings {
  /// Plays in the rolling per-team statistics.
  int rolling_window = 10;
  /// Yards from which a play is tagged big_play.
  int big_play_yards = 20;
};

/// The storage actor's batching.
struct storage_settings {
  /// Rows written per transaction at most.
  int batch_size = 1000;
  /// Time a buffered row may wait before it is written.
  int flush_interval_ms = 200;
  /// Rows buffered at most; above it senders wait for a flush (back-pressure).
  int max_buffered = 100000;
  /// Days of sync_log rows kept (one per poll); older ones are deleted
  /// every hour. 0 = keep them all.
  int sync_log_days = 30;
};

/// A job enqueued on a cron schedule (jobs.schedules).
struct job_schedule_setting {
  /// Names the schedule in idempotency keys (cron:<name>:<slot>) and logs.
  std::string name;
  /// Five-field cron expression, UTC (config/cron.hpp).
  std::string cron;
  std::string type;
  /// The job's params, a compact JSON object.
  std::string params = "{}";
  /// "" = a cluster job.
  std::string tenant;
  int priority = 0;
  int max_attempts = 3;
  int timeout_s = 3600;
};

/// The durable job queue (PostgreSQL table jobs) and this node's job actors.
struct jobs_settings {
  /// Jobs this node runs at once; 0 = the node runs no jobs (it still
  /// accepts them over HTTP).
  int concurrency = 4;
  /// Running jobs of one type at most, over the whole cluster.
  int max_running_per_type = 8;
  /// Running jobs of one tenant at most, over the whole cluster.
  int max_running_per_tenant = 2;
  /// A claimed job's lease; a job whose lease ran out (its node died) is
  /// rescued and re-run.
  int lease_s = 30;
  /// How often the node renews its jobs' leases and reads cancellations.
  int heartbeat_ms = 5000;
  /// Look for due jobs this often even without a notification (jobs whose
  /// run_at comes, a lost LISTEN connection).
  int poll_interval_ms = 1000;
  /// Retry delay after a failed attempt; doubles per attempt up to the cap.
  int retry_backoff_initial_ms = 5000;
  int retry_backoff_max_ms = 600000;
  /// Jobs enqueued on cron schedules; every node enqueues each due slot and
  /// the idempotency key lets one enqueue take.
  std::vector<job_schedule_setting> schedules;
};

/// Tenant simulations: the narrative written at the end of each.
struct simulations_settings {
  /// Base URL of an OpenAI-compatible API ("https://api.openai.com/v1");
  /// POST <url>/chat/completions writes the narrative from the built-in
  /// summary. Empty = the built-in summarizer only (also the fallback).
  std::string llm_url;
  std::string llm_model = "gpt-4o-mini";
  /// Sent as "Authorization: Bearer <key>"; empty = none.
  std::string llm_api_key;
  int llm_timeout_ms = 20000;
};

/// Everything a node reads from its configuration.
struct settings {
  /// development, demo, testing or production: the built-in overlay applied first.
  std::string profile = "development";
  node_settings node;
  http_settings http;
  database_settings database;
  log_settings log;
  supervision_settings supervision;
  shutdown_settings shutdown;
  sources_settings sources;
  games_settings games;
  storage_settings storage;
  markets_settings markets;
  correlation_settings correlation;
  alerts_settings alerts;
  auth_settings auth;
  std::vector<tenant_setting> tenants;
  jobs_settings jobs;
  simulations_settings simulations;
};

} // namespace playclock::config
