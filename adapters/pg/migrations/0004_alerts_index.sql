-- Most decisions are suppressions (cooldowns, daily limits). Indexing them by
-- (tenant, status, time) cost about as much as the rest of their row; a
-- tenant's suppressed alerts are read through alerts_tenant_time instead
-- (they are most of its rows), the others through this smaller index.
DROP INDEX alerts_tenant_status_time;
CREATE INDEX alerts_tenant_status_time ON alerts (tenant_id, status, created_at DESC)
  WHERE status <> 'suppressed';
