-- The health report counts the jobs that failed in the last hour; without an
-- index that is a scan of every job ever kept.
CREATE INDEX jobs_failed_recent ON jobs (finished_at) WHERE status = 'failed';
