#!/usr/bin/env bash
# bench/live_games.sh: one node polling playclock-feed over loopback with N
# concurrent live games; prints one row for docs/BENCHMARKS.md.
#
# Usage: bench/live_games.sh GAMES [WINDOW_S=120] [SPEED=1] [WARMUP_S=40]
#
# Builds build/ (release) if needed, starts a throw-away PostgreSQL cluster in
# var/pg-bench (port PLAYCLOCK_BENCH_PG_PORT, 55434), playclock-feed with
# GAMES games at SPEED (1 = real time), and playclockd pointed at it with the
# rate limit off (the feed is local). After WARMUP_S seconds past kick-off it
# measures for WINDOW_S seconds:
#   scoreboard poll: duration of each 5 s scoreboard poll (sync_log), p50/p95/max
#   ingest lag:      stored (plays.ingested_at) minus happened (plays.occurred_at,
#                    the feed's per-play wallclock), p50/p95/p99/max; a play that
#                    happens just after a poll waits for the next one, so one
#                    cycle is up to 5 s + processing: "late" counts lags > 6 s
#   plays/s:         plays stored per second in the window
#   CPU:             node and feed CPU time / wall time (1.0 = one core busy)
#   peak RSS:        node VmHWM at the end
# PLAYCLOCK_BENCH_KEEP=1 keeps the node and feed logs (the path is printed).
# Stops everything it started (also on Ctrl-C). Needs: root or the postgres
# user for the cluster (as deploy/run.sh), psql.
set -euo pipefail
# shellcheck source=deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"

games=${1:?usage: bench/live_games.sh GAMES [WINDOW_S] [SPEED] [WARMUP_S]}
window=${2:-120}
speed=${3:-1}
warmup=${4:-40}
pregame=10
pg_port=${PLAYCLOCK_BENCH_PG_PORT:-55434}
build=${PLAYCLOCK_BENCH_BUILD:-$PC_ROOT/build}

log() { printf '[bench] %s\n' "$*" >&2; }

if [[ ! -x $build/app/playclockd || ! -x $build/app/playclock-feed ]]; then
  pc_build --target playclockd --target playclock-feed "$build" -DCMAKE_BUILD_TYPE=Release >&2
fi

url=$(pc_pg_start pg-bench "$pg_port" fast)
db=bench_$games
psql "$url" -qXc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
db_url=${url%/*}/$db

work=$(mktemp -d)
feed_pid=
node_pid=
cleanup() {
  [[ -n $node_pid ]] && kill -TERM "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null
  [[ -n $feed_pid ]] && kill -TERM "$feed_pid" 2>/dev/null && wait "$feed_pid" 2>/dev/null
  if [[ -n ${PLAYCLOCK_BENCH_KEEP:-} ]]; then
    log "logs kept in $work"
  else
    rm -rf "$work"
  fi
  pc_pg_stop pg-bench >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$build/app/playclock-feed" --listen 127.0.0.1:0 --games "$games" --speed "$speed" \
  --pregame "$pregame" --threads 1 >"$work/feed.out" 2>"$work/feed.err" &
feed_pid=$!
for _ in $(seq 100); do
  grep -q 'listening on' "$work/feed.out" 2>/dev/null && break
  sleep 0.1
done
feed=$(sed -n 's/^listening on \(.*\)$/\1/p' "$work/feed.out")
[[ -n $feed ]] || { log "playclock-feed did not start: $(cat "$work/feed.err")"; exit 1; }
started=$(date +%s)

http_port=${PLAYCLOCK_BENCH_HTTP_PORT:-18990}
DATABASE_URL=$db_url \
  PLAYCLOCK_HTTP__LISTEN=127.0.0.1:$http_port \
  PLAYCLOCK_LOG__LEVEL=warn \
  PLAYCLOCK_SOURCES__ESPN__BASE_URL=http://$feed \
  PLAYCLOCK_SOURCES__WEATHER__BASE_URL=http://$feed \
  PLAYCLOCK_SOURCES__ESPN__RATE_LIMIT_PER_S=0 \
  PLAYCLOCK_SOURCES__WEATHER__RATE_LIMIT_PER_S=0 \
  PLAYCLOCK_SOURCES__ESPN__TIMEOUT_MS=10000 \
  PLAYCLOCK_SOURCES__ESPN__CONCURRENCY=${PLAYCLOCK_BENCH_CONCURRENCY:-4} \
  PLAYCLOCK_DATABASE__POOL_SIZE=8 \
  "$build/app/playclockd" --profile production >"$work/node.out" 2>&1 &
node_pid=$!

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

sleep $((pregame + warmup - ($(date +%s) - started)))
kill -0 "$node_pid" || { log "playclockd exited: $(tail -5 "$work/node.out")"; exit 1; }
t0=$(date +%s.%N)
node0=$(cpu_ticks "$node_pid")
feed0=$(cpu_ticks "$feed_pid")
from=$(psql "$db_url" -qAtXc "SELECT now()")
log "$games games at ${speed}x: measuring for ${window}s"
sleep "$window"
to=$(psql "$db_url" -qAtXc "SELECT now()")
t1=$(date +%s.%N)
node1=$(cpu_ticks "$node_pid")
feed1=$(cpu_ticks "$feed_pid")
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$node_pid/status")

psql "$db_url" -qAtXF ' ' -v from="$from" -v to="$to" >"$work/stats" <<'SQL'
WITH polls AS (
  SELECT duration_ms FROM sync_log
   WHERE source = 'espn.scoreboard' AND started_at >= :'from' AND started_at < :'to'),
lag AS (
  SELECT extract(epoch FROM ingested_at - occurred_at) * 1000 AS ms FROM plays
   WHERE ingested_at >= :'from' AND ingested_at < :'to' AND occurred_at IS NOT NULL)
SELECT
  (SELECT count(*) FROM polls),
  (SELECT count(*) FROM polls WHERE duration_ms >= 1000),
  (SELECT coalesce(round(percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms))::int, 0) FROM polls),
  (SELECT coalesce(round(percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms))::int, 0) FROM polls),
  (SELECT coalesce(round(max(duration_ms))::int, 0) FROM polls),
  (SELECT count(*) FROM lag),
  (SELECT coalesce(round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::int, 0) FROM lag),
  (SELECT coalesce(round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms))::int, 0) FROM lag),
  (SELECT coalesce(round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms))::int, 0) FROM lag),
  (SELECT coalesce(round(max(ms))::int, 0) FROM lag),
  (SELECT count(*) FROM lag WHERE ms > 6000),
  (SELECT count(*) FROM games WHERE state = 'in');
SQL
read -r polls slow p50 p95 pmax plays l50 l95 l99 lmax late live <"$work/stats"
errors=$(grep -c ' error \| critical ' "$work/node.out" || true)
awk -v games="$games" -v speed="$speed" -v live="$live" -v p50="$p50" -v p95="$p95" \
  -v pmax="$pmax" -v slow="$slow" -v polls="$polls" -v l50="$l50" -v l95="$l95" -v l99="$l99" \
  -v lmax="$lmax" -v late="$late" -v plays="$plays" -v t0="$t0" -v t1="$t1" -v n0="$node0" \
  -v n1="$node1" -v f0="$feed0" -v f1="$feed1" -v hz="$hz" -v rss="$rss_kb" -v errors="$errors" \
  'BEGIN {
    wall = t1 - t0
    printf "| %d | %sx | %d | %d / %d / %d ms (%d of %d >= 1 s) | %d / %d / %d / %d ms (%d > 6 s) | %.0f | %.2f | %.2f | %d MiB | %d |\n",
      games, speed, live, p50, p95, pmax, slow, polls, l50, l95, l99, lmax, late, plays / wall,
      (n1 - n0) / hz / wall, (f1 - f0) / hz / wall, rss / 1024, errors
  }'
