-- Markets, correlation and alerts (issue 4).

-- The probability the market actor used (mid of bid/ask, else last trade):
-- what spikes and correlations are computed from.
ALTER TABLE market_snapshots ADD COLUMN price double precision;
ALTER TABLE markets ADD COLUMN yes_team_home boolean;
ALTER TABLE markets ADD COLUMN result text NOT NULL DEFAULT '';

-- What the play was, so a correlation reads on its own.
ALTER TABLE correlations ADD COLUMN play_text text NOT NULL DEFAULT '';
ALTER TABLE correlations ADD COLUMN tags text[] NOT NULL DEFAULT '{}';

-- Delivery timing: detected (the event), sent (the target accepted it).
ALTER TABLE alerts ADD COLUMN detected_at timestamptz;
ALTER TABLE alerts ADD COLUMN sent_at timestamptz;
CREATE INDEX alerts_tenant_status_time ON alerts (tenant_id, status, created_at DESC);
-- The router re-arms cooldowns from the last day's alerts at start.
CREATE INDEX alerts_recent ON alerts (created_at) WHERE status IN ('sent', 'pending');
