-- The job queue's round in one statement, so one round trip: the ends of
-- the attempts a node has finished (each written under its lease: owner
-- and attempt), then a claim of up to p_want due jobs within the running
-- limits per type and per tenant over the cluster. Claims of all nodes are
-- serialised by an advisory lock taken after the ends are written; each
-- statement below sees what committed before it (a new snapshot per
-- statement in READ COMMITTED), so the counts are current under the lock.
--
-- Rows: ('ended', job_id) for each end written (a missing id lost its
-- lease), then ('claimed', the claimed job) for each job claimed.
-- p_statuses are the statuses the ends leave: completed, cancelled, failed,
-- or pending (failed with attempts left: runs again after p_delays ms).
CREATE FUNCTION playclock_jobs_settle(
  p_node text, p_ids bigint[], p_attempts int[], p_statuses text[], p_results text[],
  p_errors text[], p_delays bigint[], p_want int, p_max_per_type int,
  p_max_per_tenant int, p_lease_s int)
RETURNS TABLE (kind text, id bigint, type text, params text, tenant text, attempt int,
               max_attempts int, timeout_s int, wait_s double precision)
LANGUAGE plpgsql AS $$
DECLARE
  by_type jsonb := '{}';
  by_tenant jsonb := '{}';
  full_types text[] := '{}';
  full_tenants text[] := '{}';
  chosen bigint[] := '{}';
  r record;
  t_count int;
  n_count int;
BEGIN
  IF cardinality(p_ids) > 0 THEN
    RETURN QUERY
    UPDATE jobs j SET status = v.status, result = nullif(v.result, '')::jsonb,
      error = nullif(v.error, ''),
      progress = CASE WHEN v.status = 'completed' THEN 100 ELSE j.progress END,
      finished_at = CASE WHEN v.status = 'pending' THEN NULL ELSE now() END,
      run_at = CASE WHEN v.status = 'pending'
               THEN now() + make_interval(secs => v.delay_ms / 1000.0) ELSE j.run_at END,
      -- The node that ran it stays on record (shown as "node").
      lease_owner = CASE WHEN v.status = 'pending' THEN NULL ELSE j.lease_owner END,
      lease_expires_at = NULL, updated_at = now()
    FROM unnest(p_ids, p_attempts, p_statuses, p_results, p_errors, p_delays)
      AS v(id, attempt, status, result, error, delay_ms)
    WHERE j.job_id = v.id AND j.lease_owner = p_node AND j.attempts = v.attempt
      AND j.status = 'running'
    RETURNING 'ended'::text, j.job_id, NULL::text, NULL::text, NULL::text, NULL::int,
      NULL::int, NULL::int, NULL::double precision;
  END IF;
  IF p_want <= 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(482855251810); -- 0x706c6a6f62, 'pljob'
  FOR r IN SELECT j.job_type AS jt, coalesce(j.tenant_id, '') AS tn, count(*)::int AS n
           FROM jobs j WHERE j.status = 'running' GROUP BY 1, 2 LOOP
    by_type := jsonb_set(by_type, ARRAY[r.jt],
                         to_jsonb(coalesce((by_type ->> r.jt)::int, 0) + r.n));
    IF r.tn <> '' THEN
      by_tenant := jsonb_set(by_tenant, ARRAY[r.tn],
                             to_jsonb(coalesce((by_tenant ->> r.tn)::int, 0) + r.n));
    END IF;
  END LOOP;
  SELECT coalesce(array_agg(k), '{}') INTO full_types
    FROM jsonb_each_text(by_type) AS e(k, v) WHERE v::int >= p_max_per_type;
  SELECT coalesce(array_agg(k), '{}') INTO full_tenants
    FROM jsonb_each_text(by_tenant) AS e(k, v) WHERE v::int >= p_max_per_tenant;
  -- More candidates than slots: some may be over a limit within this batch
  -- (taken in order, each counted against its limits as it is chosen).
  FOR r IN SELECT j.job_id AS jid, j.job_type AS jt, coalesce(j.tenant_id, '') AS tn
           FROM jobs j WHERE j.status = 'pending' AND j.run_at <= now()
             AND j.job_type <> ALL(full_types) AND coalesce(j.tenant_id, '') <> ALL(full_tenants)
           ORDER BY j.priority DESC, j.run_at LIMIT p_want * 4 + 8
           FOR UPDATE SKIP LOCKED LOOP
    EXIT WHEN cardinality(chosen) >= p_want;
    t_count := coalesce((by_type ->> r.jt)::int, 0);
    n_count := coalesce((by_tenant ->> r.tn)::int, 0);
    CONTINUE WHEN t_count >= p_max_per_type;
    CONTINUE WHEN r.tn <> '' AND n_count >= p_max_per_tenant;
    by_type := jsonb_set(by_type, ARRAY[r.jt], to_jsonb(t_count + 1));
    IF r.tn <> '' THEN
      by_tenant := jsonb_set(by_tenant, ARRAY[r.tn], to_jsonb(n_count + 1));
    END IF;
    chosen := chosen || r.jid;
  END LOOP;
  IF cardinality(chosen) = 0 THEN
    RETURN;
  END IF;
  RETURN QUERY
  UPDATE jobs j SET status = 'running', attempts = j.attempts + 1, started_at = now(),
    finished_at = NULL, progress = 0, progress_message = '', lease_owner = p_node,
    lease_expires_at = now() + make_interval(secs => p_lease_s), updated_at = now()
  WHERE j.job_id = ANY(chosen)
  RETURNING 'claimed'::text, j.job_id, j.job_type, j.params::text, coalesce(j.tenant_id, ''),
    j.attempts, j.max_attempts, j.timeout_s,
    greatest(extract(epoch FROM now() - greatest(j.created_at, j.run_at)), 0)::double precision;
END;
$$;
