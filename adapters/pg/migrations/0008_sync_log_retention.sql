-- Every poll of every source writes a sync_log row (a node polling the
-- scoreboard every 5 s writes 17,000 a day); the storage actor deletes the
-- rows older than storage.sync_log_days every hour, by start time.
CREATE INDEX sync_log_started ON sync_log (started_at);
