-- The data pipeline's governance checks, one row per check per source per
-- run (the job): pre-load (file present, source reachable) and post-load
-- (required columns, row counts and their change since the last load,
-- rejected rows, freshness). A failed critical check fails the run.
CREATE TABLE pipeline_checks (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_id      bigint NOT NULL,
  source      text NOT NULL,
  stage       text NOT NULL CHECK (stage IN ('pre', 'post')),
  name        text NOT NULL,
  severity    text NOT NULL CHECK (severity IN ('critical', 'warning')),
  status      text NOT NULL CHECK (status IN ('passed', 'failed')),
  value       double precision,
  detail      text NOT NULL DEFAULT '',
  checked_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pipeline_checks_job ON pipeline_checks (job_id, id);
CREATE INDEX pipeline_checks_history ON pipeline_checks (source, name, id DESC);
