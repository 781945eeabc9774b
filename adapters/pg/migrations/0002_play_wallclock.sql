-- When each play happened according to the feed (ESPN's per-play wallclock),
-- next to ingested_at (when it was stored): the difference is the ingest lag.
ALTER TABLE plays ADD COLUMN occurred_at timestamptz;
