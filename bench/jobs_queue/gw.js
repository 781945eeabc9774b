#!/usr/bin/env node
// bench/jobs_queue/gw.js: the graphile-worker side of bench/jobs_queue/run.sh.
//
//   node gw.js burn    --url URL --n N --concurrency C [--batched] [--timeout-s S] [--pg-pid PID]
//   node gw.js trickle --url URL --n N --rate R --concurrency C [--timeout-s S]
//
// burn: migrates graphile-worker's schema, empties its job table, enqueues N
// no-op jobs with workerUtils.addJobs (10,000 per call: graphile_worker.add_jobs),
// VACUUM ANALYZEs, then starts a runner with C concurrent jobs and times the
// burn-down from the first task's start to the moment the job table is empty
// (a completed job is deleted, so empty = every completion committed).
// With --pg-pid (the postmaster of a PostgreSQL on this machine) it also
// reports PostgreSQL's CPU over the burn-down. --batched turns on graphile-worker's own batching (localQueue of 10 * C
// jobs, completeJobBatchDelay 0): its documented throughput settings.
//
// trickle: starts a runner (default settings), forks a producer that calls
// graphile_worker.add_job() N times at R per second (one connection, one
// transaction per job), and records for every job locked_at - created_at,
// both the database clock: created_at is the enqueue transaction's now(),
// locked_at the now() of the statement that claimed it. The task reads them
// back (microseconds) with connections of its own.
//
// Both print one JSON line on stdout. No success is logged per job
// (NO_LOG_SUCCESS, and a logger that shows warnings and errors only), as for
// playclockd (log.level warn). Bounded by --timeout-s (default 900): then the
// process exits 1.
"use strict";

const { fork } = require("child_process");
const fs = require("fs");
const { EventEmitter } = require("events");
const { performance } = require("perf_hooks");

process.env.NO_LOG_SUCCESS = "1";
const { run, makeWorkerUtils, Logger } = require("graphile-worker");
const { Client, Pool } = require("pg");

function args() {
  const out = { _: [] };
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    if (a[i].startsWith("--")) {
      const key = a[i].slice(2);
      if (i + 1 < a.length && !a[i + 1].startsWith("--")) out[key] = a[++i];
      else out[key] = true;
    } else out._.push(a[i]);
  }
  return out;
}

const logger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[gw ${level}] ${message}`);
});

const nowMs = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted, p) {
  // Nearest rank, as percentile_disc in PostgreSQL.
  if (sorted.length === 0) return null;
  const k = Math.max(0, Math.ceil(p * sorted.length) - 1);
  return sorted[Math.min(k, sorted.length - 1)];
}

// CPU ticks of a local PostgreSQL: the postmaster PID with its reaped
// children, plus its live children (0 without --pg-pid: another machine).
function pgTicks(pm) {
  if (!pm) return 0;
  const fields = (pid) => {
    try {
      const s = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      return s.slice(s.lastIndexOf(")") + 2).split(" ");
    } catch {
      return null;
    }
  };
  // After the command: [0] state, [1] ppid, [11..14] utime stime cutime cstime.
  const own = fields(pm);
  if (!own) return 0;
  let total = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const e of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    const f = fields(e);
    if (f && f[1] === String(pm)) total += Number(f[11]) + Number(f[12]);
  }
  return total;
}

function deadline(seconds, what) {
  const t = setTimeout(() => {
    console.log(JSON.stringify({ error: `${what}: not done after ${seconds} s` }));
    process.exit(1);
  }, seconds * 1000);
  t.unref();
}

async function prepare(url) {
  const utils = await makeWorkerUtils({ connectionString: url, logger });
  await utils.migrate();
  await utils.withPgClient((c) => c.query("DELETE FROM graphile_worker._private_jobs"));
  return utils;
}

async function burn(o) {
  const n = Number(o.n);
  const concurrency = Number(o.concurrency);
  deadline(Number(o["timeout-s"] || 900), "burn");
  const utils = await prepare(o.url);
  const te = nowMs();
  const chunk = 10000;
  for (let done = 0; done < n; done += chunk) {
    const k = Math.min(chunk, n - done);
    await utils.addJobs(Array.from({ length: k }, () => ({ identifier: "noop", payload: {} })));
  }
  const enqueueS = (nowMs() - te) / 1000;
  await utils.withPgClient(async (c) => {
    await c.query("VACUUM ANALYZE graphile_worker._private_jobs");
    const { rows } = await c.query("SELECT count(*)::int AS n FROM graphile_worker._private_jobs");
    if (rows[0].n !== n) throw new Error(`enqueued ${rows[0].n} jobs, not ${n}`);
  });

  let started = 0;
  let completed = 0;
  let errors = 0;
  let first = null;
  let cpu0 = null;
  let pg0 = 0;
  let allDone;
  const done = new Promise((r) => (allDone = r));
  const events = new EventEmitter();
  events.on("job:complete", ({ error }) => {
    if (error) errors++;
    if (++completed === n) allDone();
  });
  const preset = o.batched
    ? { worker: { localQueue: { size: concurrency * 10 }, completeJobBatchDelay: 0 } }
    : undefined;
  const runner = await run({
    connectionString: o.url,
    concurrency,
    noHandleSignals: false,
    pollInterval: 2000,
    logger,
    events,
    preset,
    taskList: {
      noop: async () => {
        if (first === null) {
          first = nowMs();
          cpu0 = process.cpuUsage();
          pg0 = pgTicks(o["pg-pid"]);
        }
        started++;
      },
    },
  });
  await done;
  // The last completions may still be on their way to the database.
  await utils.withPgClient(async (c) => {
    for (;;) {
      const { rows } = await c.query(
        "SELECT count(*)::int AS n FROM graphile_worker._private_jobs",
      );
      if (rows[0].n === 0) break;
      await sleep(2);
    }
  });
  const end = nowMs();
  const cpu = process.cpuUsage(cpu0);
  const pg1 = pgTicks(o["pg-pid"]);
  await runner.stop();
  await utils.release();
  const seconds = (end - first) / 1000;
  console.log(
    JSON.stringify({
      system: o.batched ? "graphile-worker (batched)" : "graphile-worker",
      n,
      concurrency,
      enqueue_s: enqueueS,
      started,
      errors,
      burn_s: seconds,
      jobs_per_s: n / seconds,
      worker_cpu_s: (cpu.user + cpu.system) / 1e6,
      // Ticks of 1/100 s (CLK_TCK on Linux).
      pg_cpu_s: o["pg-pid"] ? (pg1 - pg0) / 100 : null,
    }),
  );
}

async function produce(o) {
  // Child of trickle: add_job at a steady rate.
  const n = Number(o.n);
  const rate = Number(o.rate);
  const c = new Client({ connectionString: o.url });
  await c.connect();
  const t0 = nowMs();
  let lateMax = 0;
  for (let i = 0; i < n; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - nowMs();
    if (wait > 0) await sleep(wait);
    else lateMax = Math.max(lateMax, -wait);
    await c.query({
      name: "add",
      text: "SELECT graphile_worker.add_job('noop', '{}'::json)",
    });
  }
  const seconds = (nowMs() - t0) / 1000;
  await c.end();
  await new Promise((r) => process.send({ produced: n, seconds, late_max_ms: lateMax }, r));
}

async function trickle(o) {
  const n = Number(o.n);
  const rate = Number(o.rate);
  const concurrency = Number(o.concurrency);
  deadline(Number(o["timeout-s"] || 900), "trickle");
  const utils = await prepare(o.url);
  await utils.withPgClient((c) => c.query("VACUUM ANALYZE graphile_worker._private_jobs"));
  const probe = new Pool({ connectionString: o.url, max: 2 });
  const waits = [];
  let errors = 0;
  let allDone;
  const done = new Promise((r) => (allDone = r));
  const events = new EventEmitter();
  events.on("job:complete", ({ error }) => {
    if (error) errors++;
  });
  const runner = await run({
    connectionString: o.url,
    concurrency,
    noHandleSignals: false,
    pollInterval: 2000,
    logger,
    events,
    taskList: {
      noop: async (_payload, helpers) => {
        const { rows } = await probe.query({
          name: "wait",
          text:
            "SELECT extract(epoch FROM locked_at - created_at) * 1000 AS ms" +
            " FROM graphile_worker._private_jobs WHERE id = $1",
          values: [helpers.job.id],
        });
        waits.push(Number(rows[0].ms));
        if (waits.length === n) allDone();
      },
    },
  });
  const child = fork(__filename, ["produce", "--url", o.url, "--n", String(n), "--rate", String(rate)]);
  const produced = new Promise((resolve, reject) => {
    child.on("message", resolve);
    child.on("exit", (code) => code && reject(new Error(`producer exited ${code}`)));
  });
  const p = await produced;
  await done;
  await runner.stop();
  await probe.end();
  await utils.release();
  waits.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      system: "graphile-worker",
      n,
      rate,
      concurrency,
      produce_s: p.seconds,
      producer_late_max_ms: p.late_max_ms,
      errors,
      p50_ms: percentile(waits, 0.5),
      p99_ms: percentile(waits, 0.99),
      max_ms: waits[waits.length - 1],
      mean_ms: waits.reduce((s, x) => s + x, 0) / waits.length,
    }),
  );
}

const o = args();
const mode = o._[0];
const modes = { burn, trickle, produce };
if (!modes[mode] || !o.url) {
  console.error("usage: node gw.js burn|trickle --url URL --n N [--rate R] [--concurrency C]");
  process.exit(2);
}
modes[mode](o).then(
  () => process.exit(0),
  (e) => {
    console.error(`gw.js ${mode}: ${e.stack || e}`);
    console.log(JSON.stringify({ error: String(e.message || e) }));
    process.exit(1);
  },
);
