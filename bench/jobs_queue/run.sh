#!/usr/bin/env bash
# bench/jobs_queue/run.sh: the job queue against graphile-worker on the same
# PostgreSQL, side by side in one run (issue 5, item 8). Prints a Markdown
# table for docs/BENCHMARKS.md.
#
# Usage: bench/jobs_queue/run.sh [N=100000]
#
# Phases, one after the other (nothing else of the benchmark runs meanwhile):
#  1. burn-down: N no-op jobs enqueued in bulk first, then the workers start;
#     jobs/s = N / (first job started .. last completion committed).
#     - graphile-worker (gw.js burn): workerUtils.addJobs, 10,000 a call;
#       from the first task's start to the job table being empty (a
#       completed job is deleted). Once with its defaults, once with its
#       batching (localQueue, completeJobBatchDelay 0), see PLAYCLOCK_BENCH_GW_MODES.
#     - playclockd: one INSERT ... SELECT FROM generate_series(1, N) into
#       `jobs` (the node's own enqueue is one job per transaction), while the
#       node is down; then the node starts and claims them (it looks for due
#       jobs at start). From min(started_at) to max(finished_at) in `jobs`.
#  2. trickle: TRICKLE_N jobs submitted one by one at TRICKLE_RATE per second
#     (well below either's capacity); enqueue-to-start = claim time - enqueue
#     time, both PostgreSQL's clock: graphile-worker locked_at - created_at
#     (producer: graphile_worker.add_job() over one connection), playclockd
#     started_at - created_at (producer: POST /api/jobs, produce_http.js).
#     p50 / p99 / max by nearest rank.
#  3. wrk: POST /api/jobs (post_jobs.lua, admin token) for WRK_S seconds,
#     WRK_THREADS threads, WRK_CONNS connections, on a node that accepts jobs
#     but runs none (jobs.concurrency 0), so the number is the enqueue path's.
#
# Both queues run CONCURRENCY jobs at once (default 8), log no line per job
# (graphile-worker: NO_LOG_SUCCESS and warnings only; playclockd: log.level
# warn) and get fresh databases (bench_jobs_gw, bench_jobs_pc) in one
# PostgreSQL: a private cluster var/pg-bench-jobs (127.0.0.1:55461, fsync
# off, as the other benchmarks), or the server of DATABASE_URL (its role needs
# CREATEDB; no query string in the URL). playclockd runs its development
# profile with the simulated league cut to one game and no markets or weather.
#
# Environment knobs:
#   PLAYCLOCK_BENCH_BIN           playclockd binary (build/app/playclockd; built if missing)
#   PLAYCLOCK_BENCH_CONCURRENCY   jobs run at once by each queue (8)
#   PLAYCLOCK_BENCH_PHASES        phases to run, in the order above: "burn trickle wrk"
#   PLAYCLOCK_BENCH_GW_MODES      graphile-worker burn-downs: "default batched"
#   PLAYCLOCK_BENCH_TRICKLE_N     trickle jobs (2000)
#   PLAYCLOCK_BENCH_TRICKLE_RATE  trickle jobs per second (200)
#   PLAYCLOCK_BENCH_WRK_S / _WRK_THREADS / _WRK_CONNS   wrk (10 / 2 / 32)
#   PLAYCLOCK_BENCH_TIMEOUT_S     bound of each burn-down (900)
#   PLAYCLOCK_BENCH_PG_PORT       port of the private cluster (55461)
#   PLAYCLOCK_BENCH_HTTP_PORT     playclockd's HTTP port (18461)
#   PLAYCLOCK_BENCH_KEEP=1        keep the logs (the path is printed)
#
# Needs node (>= 18; graphile-worker is installed from package-lock.json with
# npm ci on first use), wrk (apt-get install -y wrk) and python3. Every
# phase is bounded; everything it started is stopped on exit (also Ctrl-C).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=deploy/lib.sh
source "$here/../../deploy/lib.sh"

n=${1:-100000}
if ! [[ $n =~ ^[0-9]+$ ]] || ((n == 0)); then pc_die "usage: bench/jobs_queue/run.sh [N]"; fi
conc=${PLAYCLOCK_BENCH_CONCURRENCY:-8}
gw_modes=${PLAYCLOCK_BENCH_GW_MODES:-default batched}
phases=${PLAYCLOCK_BENCH_PHASES:-burn trickle wrk}
trickle_n=${PLAYCLOCK_BENCH_TRICKLE_N:-2000}
trickle_rate=${PLAYCLOCK_BENCH_TRICKLE_RATE:-200}
wrk_s=${PLAYCLOCK_BENCH_WRK_S:-10}
wrk_threads=${PLAYCLOCK_BENCH_WRK_THREADS:-2}
wrk_conns=${PLAYCLOCK_BENCH_WRK_CONNS:-32}
timeout_s=${PLAYCLOCK_BENCH_TIMEOUT_S:-900}
pg_port=${PLAYCLOCK_BENCH_PG_PORT:-55461}
http_port=${PLAYCLOCK_BENCH_HTTP_PORT:-18461}
bin=${PLAYCLOCK_BENCH_BIN:-$PC_ROOT/build/app/playclockd}
token=bench-jobs-admin-token-0123456789
pg_name=pg-bench-jobs

log() { printf '[bench] %s\n' "$*" >&2; }

command -v node >/dev/null || pc_die "node not found (apt-get install -y nodejs npm)"
command -v wrk >/dev/null || pc_die "wrk not found (apt-get install -y wrk)"
command -v python3 >/dev/null || pc_die "python3 not found"
if [[ ! -x $bin ]]; then
  pc_build --target playclockd "$PC_ROOT/build" -DCMAKE_BUILD_TYPE=Release >&2
  bin=$PC_ROOT/build/app/playclockd
fi
if [[ ! -d $here/node_modules/graphile-worker ]]; then
  log "npm ci (graphile-worker, pinned in package-lock.json)"
  (cd "$here" && npm ci --no-audit --no-fund >&2)
fi

work=$(mktemp -d)
node_pid=""
started_pg=""
cleanup() {
  stop_node
  if [[ -n ${PLAYCLOCK_BENCH_KEEP:-} ]]; then log "logs kept in $work"; else rm -rf "$work"; fi
  if [[ -n $started_pg ]]; then pc_pg_stop "$pg_name" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n ${DATABASE_URL:-} ]]; then
  base=$DATABASE_URL
  pm_pid=""
else
  base=$(pc_pg_start "$pg_name" "$pg_port" fast)
  started_pg=1
  pm_pid=$(head -1 "$(readlink -f "$PC_ROOT/var/$pg_name")/data/postmaster.pid")
fi
for db in bench_jobs_gw bench_jobs_pc; do
  psql "$base" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $db" \
    -c "CREATE DATABASE $db" >/dev/null
done
gw_url=${base%/*}/bench_jobs_gw
pc_url=${base%/*}/bench_jobs_pc
pcsql() { psql "$pc_url" -qXAt -v ON_ERROR_STOP=1 "$@"; }

hz=$(getconf CLK_TCK)
now() { date +%s.%N; }
# CPU ticks of a process (utime + stime).
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# CPU ticks of the private cluster: the postmaster with its reaped children,
# plus its live children (backends, walwriter, autovacuum...).
pg_ticks() {
  [[ -n $pm_pid ]] || { echo n/a; return; }
  local total p
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm_pid/stat")
  for p in $(pgrep -P "$pm_pid"); do total=$((total + $(proc_ticks "$p"))); done
  echo "$total"
}
cores() { # ticks_before ticks_after seconds
  if [[ $1 == n/a ]]; then echo n/a; return; fi
  python3 -c "import sys; print(f'{(int(sys.argv[2]) - int(sys.argv[1])) / $hz / float(sys.argv[3]):.2f}')" "$@"
}

# start_node CONCURRENCY: playclockd on pc_url, until /api/system/health answers.
start_node() {
  local c=$1 _
  DATABASE_URL=$pc_url \
    PLAYCLOCK_HTTP__LISTEN=127.0.0.1:$http_port \
    PLAYCLOCK_LOG__LEVEL=warn \
    PLAYCLOCK_LOG__FILE='' \
    PLAYCLOCK_AUTH__ADMIN_TOKEN=$token \
    PLAYCLOCK_JOBS__CONCURRENCY=$c \
    PLAYCLOCK_JOBS__MAX_RUNNING_PER_TYPE=100000 \
    PLAYCLOCK_SOURCES__SIMULATED__GAMES=1 \
    PLAYCLOCK_SOURCES__KALSHI__BASE_URL='' \
    PLAYCLOCK_SOURCES__WEATHER__BASE_URL='' \
    "$bin" --profile development >>"$work/node.log" 2>&1 &
  node_pid=$!
  for _ in $(seq 300); do
    curl -sf "127.0.0.1:$http_port/api/system/health" >/dev/null && return 0
    kill -0 "$node_pid" 2>/dev/null || break
    sleep 0.1
  done
  log "playclockd did not come up: $(tail -5 "$work/node.log")"
  exit 1
}
stop_node() {
  [[ -n $node_pid ]] || return 0
  kill -TERM "$node_pid" 2>/dev/null || true
  for _ in $(seq 300); do
    kill -0 "$node_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$node_pid" 2>/dev/null || true
  wait "$node_pid" 2>/dev/null || true
  node_pid=""
}

results=()
stored="" wrk_node="" wrk_pg=""

# --- 1. burn-down -------------------------------------------------------------

phase_burn() {
local mode flag out te enqueue_s p0 p1 n0 n1 deadline final row before
local completed not_completed max_attempts burn_s pc_burn node_cores
for mode in $gw_modes; do
  flag=""
  [[ $mode == batched ]] && flag=--batched
  log "graphile-worker ($mode): burning down $n no-op jobs, concurrency $conc"
  out=$(cd "$here" && timeout "$((timeout_s + 60))" node gw.js burn --url "$gw_url" --n "$n" \
    --concurrency "$conc" --timeout-s "$timeout_s" ${pm_pid:+--pg-pid "$pm_pid"} $flag \
    2>>"$work/gw.log") || { log "gw.js burn failed: $out $(tail -5 "$work/gw.log")"; exit 1; }
  log "$out"
  # gw.js measures PostgreSQL's CPU over the burn-down itself.
  results+=("burn|$out|$(python3 -c 'import json, sys; d = json.loads(sys.argv[1])
print("n/a" if d["pg_cpu_s"] is None else "%.2f" % (d["pg_cpu_s"] / d["burn_s"]))' "$out")")
done

log "playclockd: migrating, then inserting $n no-op jobs in one statement"
start_node 0
stop_node
before=$(pcsql -c "SELECT coalesce(max(job_id), 0) FROM jobs")
te=$(now)
pcsql -c "INSERT INTO jobs (job_type, params) SELECT 'noop', '{}'::jsonb FROM generate_series(1, $n)"
enqueue_s=$(python3 -c "print($(now) - $te)")
pcsql -c "VACUUM ANALYZE jobs"
log "playclockd: burning down, concurrency $conc"
p0=$(pg_ticks)
start_node "$conc"
n0=$(proc_ticks "$node_pid")
deadline=$((SECONDS + timeout_s))
final=0
while :; do
  final=$(pcsql -c "SELECT count(*) FROM jobs WHERE job_id > $before
    AND status IN ('completed', 'failed', 'cancelled')")
  ((final >= n)) && break
  if ((SECONDS >= deadline)); then
    log "playclockd: only $final of $n jobs finished after ${timeout_s}s"
    break
  fi
  sleep 1
done
n1=$(proc_ticks "$node_pid")
p1=$(pg_ticks)
row=$(pcsql -F '|' -c "SELECT count(*) FILTER (WHERE status = 'completed'),
    count(*) FILTER (WHERE status <> 'completed'), coalesce(max(attempts), 0),
    extract(epoch FROM max(finished_at) - min(started_at)) FROM jobs WHERE job_id > $before")
IFS='|' read -r completed not_completed max_attempts burn_s <<<"$row"
stop_node
pc_burn=$(python3 - "$n" "$conc" "$enqueue_s" "$completed" "$not_completed" "$max_attempts" \
  "$burn_s" <<'PY'
import json, sys
n, conc, enq, ok, bad, att, burn = sys.argv[1:]
burn = float(burn or 0)
print(json.dumps({"system": "playclockd", "n": int(n), "concurrency": int(conc),
                  "enqueue_s": float(enq), "started": int(ok) + int(bad), "errors": int(bad),
                  "max_attempts": int(att), "burn_s": burn,
                  "jobs_per_s": int(ok) / burn if burn > 0 else 0}))
PY
)
log "$pc_burn"
node_cores=$(cores "$n0" "$n1" "$burn_s")
results+=("burn|$pc_burn|$(cores "$p0" "$p1" "$burn_s")|$node_cores")
}

# --- 2. trickle: enqueue-to-start latency -----------------------------------

phase_trickle() {
local out before prod deadline row bad p50 p99 mx mean pc_trickle
log "graphile-worker: $trickle_n jobs at $trickle_rate/s"
out=$(cd "$here" && timeout "$((trickle_n / trickle_rate + 120))" node gw.js trickle \
  --url "$gw_url" --n "$trickle_n" --rate "$trickle_rate" --concurrency "$conc" \
  --timeout-s "$((trickle_n / trickle_rate + 60))" 2>>"$work/gw.log") ||
  { log "gw.js trickle failed: $out $(tail -5 "$work/gw.log")"; exit 1; }
log "$out"
results+=("trickle|$out")

log "playclockd: $trickle_n jobs at $trickle_rate/s through POST /api/jobs"
start_node "$conc"
pcsql -c "VACUUM ANALYZE jobs"
before=$(pcsql -c "SELECT coalesce(max(job_id), 0) FROM jobs")
prod=$(timeout "$((trickle_n / trickle_rate + 120))" node "$here/produce_http.js" \
  --url "http://127.0.0.1:$http_port/api/jobs" --token "$token" --n "$trickle_n" \
  --rate "$trickle_rate") || { log "produce_http.js failed: $prod"; exit 1; }
log "$prod"
deadline=$((SECONDS + 60))
until (($(pcsql -c "SELECT count(*) FROM jobs WHERE job_id > $before AND finished_at IS NOT NULL") >= trickle_n)); do
  ((SECONDS < deadline)) || { log "playclockd: trickle jobs not finished after 60 s"; break; }
  sleep 0.5
done
row=$(pcsql -F '|' -c "SELECT count(*) FILTER (WHERE status <> 'completed'),
    percentile_disc(0.5) WITHIN GROUP (ORDER BY ms), percentile_disc(0.99) WITHIN GROUP (ORDER BY ms),
    max(ms), avg(ms)
  FROM (SELECT status, extract(epoch FROM started_at - created_at) * 1000 AS ms
        FROM jobs WHERE job_id > $before) x")
IFS='|' read -r bad p50 p99 mx mean <<<"$row"
stop_node
pc_trickle=$(python3 - "$trickle_n" "$trickle_rate" "$conc" "$bad" "$p50" "$p99" "$mx" "$mean" \
  "$prod" <<'PY'
import json, sys
n, rate, conc, bad, p50, p99, mx, mean, prod = sys.argv[1:]
p = json.loads(prod)
print(json.dumps({"system": "playclockd", "n": int(n), "rate": float(rate),
                  "concurrency": int(conc), "produce_s": p["produce_s"],
                  "producer_late_max_ms": p["producer_late_max_ms"], "errors": int(bad),
                  "p50_ms": float(p50), "p99_ms": float(p99), "max_ms": float(mx),
                  "mean_ms": float(mean)}))
PY
)
log "$pc_trickle"
results+=("trickle|$pc_trickle")
}

# --- 3. wrk: POST /api/jobs --------------------------------------------------

phase_wrk() {
local before n0 n1 p0 p1 wrk_out
log "wrk: POST /api/jobs for ${wrk_s}s, $wrk_threads threads, $wrk_conns connections"
start_node 0
before=$(pcsql -c "SELECT coalesce(max(job_id), 0) FROM jobs")
n0=$(proc_ticks "$node_pid")
p0=$(pg_ticks)
wrk_out=$(PLAYCLOCK_BENCH_TOKEN=$token timeout "$((wrk_s + 30))" wrk -t "$wrk_threads" \
  -c "$wrk_conns" -d "${wrk_s}s" --latency -s "$here/post_jobs.lua" \
  "http://127.0.0.1:$http_port/api/jobs")
n1=$(proc_ticks "$node_pid")
p1=$(pg_ticks)
printf '%s\n' "$wrk_out" >"$work/wrk.txt"
stored=$(pcsql -c "SELECT count(*) FROM jobs WHERE job_id > $before")
stop_node
wrk_node=$(cores "$n0" "$n1" "$wrk_s")
wrk_pg=$(cores "$p0" "$p1" "$wrk_s")
log "wrk done: $stored jobs stored"
}

for phase in burn trickle wrk; do
  if [[ " $phases " == *" $phase "* ]]; then "phase_$phase"; fi
done

# --- results -------------------------------------------------------------------

python3 - "$work/wrk.txt" "$stored" "$wrk_node" "$wrk_pg" "$wrk_s" "$wrk_threads" "$wrk_conns" \
  "${results[@]}" <<'PY'
import json, re, sys
wrk_file, stored, wrk_node, wrk_pg, wrk_s, wrk_t, wrk_c = sys.argv[1:8]
rows = sys.argv[8:]

def ms(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    v, u = float(m.group(1)), m.group(2)
    return v * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[u]

kinds = {r.split("|")[0] for r in rows}
if "burn" in kinds:
    print("\nBurn-down (all jobs enqueued first):\n")
    print("| queue | jobs | concurrency | enqueue | burn-down | jobs/s | not completed |"
          " worker CPU (cores) | PostgreSQL CPU (cores) |")
    print("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    kind, data, *rest = r.split("|")
    if kind != "burn":
        continue
    d = json.loads(data)
    if "worker_cpu_s" in d:
        wcpu = f"{d['worker_cpu_s'] / d['burn_s']:.2f}"
    else:
        wcpu = rest[1] if len(rest) > 1 else "n/a"
    print(f"| {d['system']} | {d['n']:,} | {d['concurrency']} | {d['enqueue_s']:.1f} s | "
          f"{d['burn_s']:.1f} s | {d['jobs_per_s']:,.0f} | {d['errors']} | {wcpu} | {rest[0]} |")

if "trickle" in kinds:
    print("\nEnqueue-to-start (trickle, PostgreSQL clock: claim - enqueue):\n")
    print("| queue | jobs | rate | p50 | p99 | max | mean | producer late (max) | not completed |")
    print("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    kind, data, *rest = r.split("|")
    if kind != "trickle":
        continue
    d = json.loads(data)
    print(f"| {d['system']} | {d['n']:,} | {d['rate']:.0f}/s | {d['p50_ms']:.2f} ms | "
          f"{d['p99_ms']:.2f} ms | {d['max_ms']:.2f} ms | {d['mean_ms']:.2f} ms | "
          f"{d['producer_late_max_ms']:.1f} ms | {d['errors']} |")

try:
    text = open(wrk_file).read()
except FileNotFoundError:
    sys.exit(0)
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
lat = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M))
status = re.search(r"wrk-status 202=(\d+) other=(\d+)", text)
errs = re.search(r"Socket errors: (.*)", text)
print(f"\nPOST /api/jobs with wrk ({wrk_s} s, {wrk_t} threads, {wrk_c} connections; "
      "node with jobs.concurrency 0):\n")
print("| requests/s | latency p50 / p90 / p99 | 202 | other | jobs stored | node CPU (cores) | PostgreSQL CPU (cores) |")
print("|---|---|---|---|---|---|---|")
print(f"| {float(rps):,.0f} | {ms(lat['50']):.2f} / {ms(lat['90']):.2f} / {ms(lat['99']):.2f} ms | "
      f"{int(status.group(1)):,} | {int(status.group(2))}{' (' + errs.group(1) + ')' if errs else ''} | "
      f"{int(stored):,} | {wrk_node} | {wrk_pg} |")
PY
