-- playclock schema, version 1: everything DESIGN.md lists. Natural ids are the
-- primary keys wherever the outside world gives one (ESPN ids, Kalshi
-- tickers), so every write can be an idempotent upsert.

-- Cluster membership: a node holds a heartbeat lease; live = lease fresh.
CREATE TABLE nodes (
  node_id          text PRIMARY KEY,
  host             text NOT NULL DEFAULT '',
  http_endpoint    text NOT NULL DEFAULT '',
  caf_endpoint     text NOT NULL DEFAULT '',
  version          text NOT NULL DEFAULT '',
  started_at       timestamptz NOT NULL DEFAULT now(),
  heartbeat_at     timestamptz NOT NULL DEFAULT now(),
  lease_expires_at timestamptz NOT NULL DEFAULT now()
);

-- Ownership of games, markets and tenants: one node per key, by lease.
CREATE TABLE ownership_leases (
  kind       text NOT NULL,
  key        text NOT NULL,
  node_id    text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX ownership_leases_node ON ownership_leases (node_id);

CREATE TABLE tenants (
  tenant_id                  text PRIMARY KEY CHECK (tenant_id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  name                       text NOT NULL DEFAULT '',
  token_hash                 text,
  daily_alert_limit          integer NOT NULL DEFAULT 100 CHECK (daily_alert_limit >= 0),
  max_running_simulations    integer NOT NULL DEFAULT 4 CHECK (max_running_simulations >= 0),
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now()
);

-- Live games ------------------------------------------------------------------

CREATE TABLE games (
  game_id        text PRIMARY KEY,
  source         text NOT NULL,
  season         integer,
  season_type    integer,
  week           integer,
  start_time     timestamptz,
  state          text NOT NULL CHECK (state IN ('pre', 'in', 'post')),
  status_detail  text NOT NULL DEFAULT '',
  home_team      text NOT NULL,
  away_team      text NOT NULL,
  home_score     integer NOT NULL DEFAULT 0,
  away_score     integer NOT NULL DEFAULT 0,
  period         integer NOT NULL DEFAULT 0,
  clock          text NOT NULL DEFAULT '',
  possession     text,
  down           integer,
  distance       integer,
  yard_line      integer,
  venue          text NOT NULL DEFAULT '',
  venue_city     text NOT NULL DEFAULT '',
  indoor         boolean,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX games_state ON games (state, start_time);

CREATE TABLE plays (
  game_id          text NOT NULL REFERENCES games (game_id) ON DELETE CASCADE,
  play_id          text NOT NULL,
  sequence         integer NOT NULL,
  drive_id         text,
  period           integer NOT NULL,
  clock            text NOT NULL DEFAULT '',
  team             text,
  play_type        text NOT NULL DEFAULT '',
  description      text NOT NULL DEFAULT '',
  yards            integer NOT NULL DEFAULT 0,
  start_down       integer,
  start_distance   integer,
  start_yard_line  integer,
  home_score       integer NOT NULL DEFAULT 0,
  away_score       integer NOT NULL DEFAULT 0,
  scoring          boolean NOT NULL DEFAULT false,
  tags             text[] NOT NULL DEFAULT '{}',
  stats            jsonb NOT NULL DEFAULT '{}',
  ingested_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (game_id, play_id)
);
CREATE INDEX plays_sequence ON plays (game_id, sequence);

CREATE TABLE player_stats (
  game_id     text NOT NULL REFERENCES games (game_id) ON DELETE CASCADE,
  player_id   text NOT NULL,
  player_name text NOT NULL DEFAULT '',
  team        text NOT NULL DEFAULT '',
  stat        text NOT NULL,
  value       double precision NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (game_id, player_id, stat)
);

CREATE TABLE injuries (
  team         text NOT NULL,
  player_id    text NOT NULL,
  player_name  text NOT NULL DEFAULT '',
  position     text NOT NULL DEFAULT '',
  status       text NOT NULL,
  detail       text NOT NULL DEFAULT '',
  game_id      text,
  reported_at  timestamptz,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team, player_id)
);

CREATE TABLE weather (
  game_id          text NOT NULL REFERENCES games (game_id) ON DELETE CASCADE,
  forecast_time    timestamptz NOT NULL,
  temperature_c    double precision,
  wind_speed_ms    double precision,
  precipitation_mm double precision,
  humidity_pct     double precision,
  description      text NOT NULL DEFAULT '',
  fetched_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (game_id, forecast_time)
);

-- Markets ---------------------------------------------------------------------

CREATE TABLE markets (
  ticker        text PRIMARY KEY,
  event_ticker  text NOT NULL DEFAULT '',
  title         text NOT NULL DEFAULT '',
  game_id       text,
  team          text,
  status        text NOT NULL DEFAULT '',
  close_time    timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX markets_game ON markets (game_id);

CREATE TABLE market_snapshots (
  ticker         text NOT NULL REFERENCES markets (ticker) ON DELETE CASCADE,
  observed_at    timestamptz NOT NULL,
  yes_bid        double precision,
  yes_ask        double precision,
  last_price     double precision,
  volume         double precision,
  open_interest  double precision,
  PRIMARY KEY (ticker, observed_at)
);

CREATE TABLE correlations (
  game_id       text NOT NULL,
  play_id       text NOT NULL,
  ticker        text NOT NULL,
  price_before  double precision NOT NULL,
  price_after   double precision NOT NULL,
  change_pct    double precision NOT NULL,
  impact        text NOT NULL CHECK (impact IN ('low', 'medium', 'high', 'extreme')),
  captured_at   timestamptz NOT NULL,
  measured_at   timestamptz NOT NULL,
  PRIMARY KEY (game_id, play_id, ticker)
);

-- Alerts ----------------------------------------------------------------------

CREATE TABLE alert_rules (
  rule_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id   text NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  alert_type  text NOT NULL,
  channel     text NOT NULL,
  target      text NOT NULL,
  filters     jsonb NOT NULL DEFAULT '{}',
  cooldown_s  integer NOT NULL DEFAULT 300 CHECK (cooldown_s >= 0),
  priority    text NOT NULL DEFAULT 'normal',
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_rules_tenant ON alert_rules (tenant_id);

-- One row per alert; alert_id is its idempotency key (type, key, rule, event).
CREATE TABLE alerts (
  alert_id    text PRIMARY KEY,
  tenant_id   text NOT NULL,
  rule_id     bigint,
  alert_type  text NOT NULL,
  alert_key   text NOT NULL,
  priority    text NOT NULL DEFAULT 'normal',
  channel     text NOT NULL,
  target      text NOT NULL,
  message     text NOT NULL,
  payload     jsonb NOT NULL DEFAULT '{}',
  status      text NOT NULL CHECK (status IN ('pending', 'sent', 'suppressed', 'failed')),
  reason      text NOT NULL DEFAULT '',
  attempts    integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alerts_tenant_time ON alerts (tenant_id, created_at DESC);
CREATE INDEX alerts_pending ON alerts (status) WHERE status = 'pending';

-- Every decision and delivery attempt on an alert.
CREATE TABLE alert_history (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id    text NOT NULL REFERENCES alerts (alert_id) ON DELETE CASCADE,
  tenant_id   text NOT NULL,
  status      text NOT NULL,
  detail      text NOT NULL DEFAULT '',
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_history_alert ON alert_history (alert_id, at);

-- Operations ------------------------------------------------------------------

CREATE TABLE sync_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source       text NOT NULL,
  node_id      text NOT NULL DEFAULT '',
  started_at   timestamptz NOT NULL,
  duration_ms  double precision NOT NULL,
  status       text NOT NULL CHECK (status IN ('ok', 'error', 'skipped')),
  items        integer NOT NULL DEFAULT 0,
  error        text NOT NULL DEFAULT ''
);
CREATE INDEX sync_log_source_time ON sync_log (source, started_at DESC);

CREATE TABLE jobs (
  job_id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id         text,
  job_type          text NOT NULL,
  params            jsonb NOT NULL DEFAULT '{}',
  status            text NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
  priority          integer NOT NULL DEFAULT 0,
  run_at            timestamptz NOT NULL DEFAULT now(),
  attempts          integer NOT NULL DEFAULT 0,
  max_attempts      integer NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
  timeout_s         integer NOT NULL DEFAULT 3600 CHECK (timeout_s > 0),
  progress          integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  progress_message  text NOT NULL DEFAULT '',
  result            jsonb,
  error             text,
  cancel_requested  boolean NOT NULL DEFAULT false,
  idempotency_key   text,
  request_hash      text,
  lease_owner       text,
  lease_expires_at  timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  started_at        timestamptz,
  finished_at       timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX jobs_idempotency ON jobs (coalesce(tenant_id, ''), idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX jobs_due ON jobs (priority DESC, run_at) WHERE status = 'pending';
CREATE INDEX jobs_running_lease ON jobs (lease_expires_at) WHERE status = 'running';
CREATE INDEX jobs_tenant ON jobs (tenant_id, job_id);

CREATE TABLE health_history (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  node_id     text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  status      text NOT NULL,
  report      jsonb NOT NULL
);
CREATE INDEX health_history_time ON health_history (at DESC);

-- Tenant simulations ------------------------------------------------------------

CREATE TABLE simulations (
  simulation_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id      text NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('single_game', 'regular_season', 'playoffs')),
  params         jsonb NOT NULL DEFAULT '{}',
  seed           bigint NOT NULL,
  status         text NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
  progress       integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  steps_done     integer NOT NULL DEFAULT 0,
  result         jsonb,
  narrative      text,
  node_id        text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  started_at     timestamptz,
  finished_at    timestamptz
);
CREATE INDEX simulations_tenant ON simulations (tenant_id, simulation_id);

CREATE TABLE simulation_events (
  simulation_id  bigint NOT NULL REFERENCES simulations (simulation_id) ON DELETE CASCADE,
  seq            integer NOT NULL,
  tenant_id      text NOT NULL,
  game_key       text NOT NULL,
  event          jsonb NOT NULL,
  PRIMARY KEY (simulation_id, seq)
);

-- Models and predictions --------------------------------------------------------

CREATE TABLE model_versions (
  model       text NOT NULL,
  version     integer NOT NULL,
  coefficients jsonb NOT NULL,
  metrics     jsonb NOT NULL DEFAULT '{}',
  active      boolean NOT NULL DEFAULT false,
  trained_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (model, version)
);
CREATE UNIQUE INDEX model_versions_active ON model_versions (model) WHERE active;

CREATE TABLE predictions (
  game_id        text NOT NULL,
  model          text NOT NULL,
  model_version  integer NOT NULL,
  home_win_prob  double precision NOT NULL CHECK (home_win_prob BETWEEN 0 AND 1),
  game_state     jsonb NOT NULL DEFAULT '{}',
  predicted_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (game_id, model, model_version)
);
