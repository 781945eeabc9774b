#!/usr/bin/env bash
# bench/alerts_latency.sh: detect-to-deliver latency of alerts. One node polls
# playclock-feed over loopback (GAMES live games, two markets each); a tenant
# has webhook rules for price spikes and correlations (no cooldown) pointing
# at playclock-sink; prints one row for docs/BENCHMARKS.md.
#
# Usage: bench/alerts_latency.sh GAMES [WINDOW_S=120] [SPEED=1] [SPIKE_PTS=3]
#
# Latency is measured by the receiver: its clock at receipt minus the alert's
# detected_at_ms, which for a price spike is the arrival of the poll response
# that held the move (and for a correlation the moment of its second price
# reading). It covers market actor, event hub, router decision, the alert's
# write to PostgreSQL (before anything is sent), the notifier and the
# webhook POST. SPIKE_PTS lowers the spike threshold so the window has
# enough samples. Also prints the node's CPU and its delivery histogram
# count. Stops everything it started (also on Ctrl-C).
#
# Scheduling groups (the kernel's autogroups: one per session) as in the
# embedded default: PostgreSQL, started by pg_ctl, has a session of its own;
# the node runs in another (setsid) at node.session_group_nice
# PLAYCLOCK_BENCH_GROUP_NICE (5, as deploy/run.sh sets it), so PostgreSQL
# gets the cores first while both are busy. playclock-feed stands in for
# ESPN's and Kalshi's servers, which do not share the node's cores: its own
# session's group runs at nice PLAYCLOCK_BENCH_FEED_NICE (19), so serving a
# poll's 1.4 MB scoreboard gives way to both (0 runs it as an equal).
set -euo pipefail
# shellcheck source=deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"

games=${1:?usage: bench/alerts_latency.sh GAMES [WINDOW_S] [SPEED] [SPIKE_PTS]}
window=${2:-120}
speed=${3:-1}
spike=${4:-3}
pregame=10
pg_port=${PLAYCLOCK_BENCH_PG_PORT:-55434}
build=${PLAYCLOCK_BENCH_BUILD:-$PC_ROOT/build}

log() { printf '[bench] %s\n' "$*" >&2; }

if [[ ! -x $build/app/playclockd || ! -x $build/app/playclock-feed || ! -x $build/app/playclock-sink ]]; then
  pc_build --target playclockd --target playclock-feed --target playclock-sink "$build" \
    -DCMAKE_BUILD_TYPE=Release >&2
fi

url=$(pc_pg_start pg-bench "$pg_port" fast)
db=bench_alerts_$games
psql "$url" -qXc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
db_url=${url%/*}/$db

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  if [[ -n ${PLAYCLOCK_BENCH_KEEP:-} ]]; then log "logs kept in $work"; else rm -rf "$work"; fi
  pc_pg_stop pg-bench >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_listening() { # file
  for _ in $(seq 100); do
    grep -q 'listening on' "$1" 2>/dev/null && break
    sleep 0.1
  done
  sed -n 's/^.*listening on \(.*\)$/\1/p' "$1" | head -1
}

setsid "$build/app/playclock-feed" --listen 127.0.0.1:0 --games "$games" --speed "$speed" \
  --pregame "$pregame" --threads 1 >"$work/feed.out" 2>"$work/feed.err" &
feed_pid=$!
pids+=("$feed_pid")
feed=$(wait_listening "$work/feed.out")
[[ -n $feed ]] || { log "playclock-feed did not start: $(cat "$work/feed.err")"; exit 1; }
# Listening, so in its own session by now (before that, this would lower
# the benchmark's own group).
echo "${PLAYCLOCK_BENCH_FEED_NICE:-19}" >"/proc/$feed_pid/autogroup" ||
  log "cannot lower the feed's scheduling group; it shares the cores as an equal"
"$build/app/playclock-sink" --listen 127.0.0.1:0 --quiet >"$work/sink.out" 2>&1 &
pids+=($!)
sink=$(wait_listening "$work/sink.out")
[[ -n $sink ]] || { log "playclock-sink did not start"; exit 1; }

http_port=${PLAYCLOCK_BENCH_HTTP_PORT:-18991}
DATABASE_URL=$db_url \
  PLAYCLOCK_HTTP__LISTEN=127.0.0.1:$http_port \
  PLAYCLOCK_LOG__LEVEL=warn \
  PLAYCLOCK_TENANTS='[{"id":"bench","daily_alert_limit":1000000,"token":"bench-tenant-token"}]' \
  PLAYCLOCK_SOURCES__ESPN__BASE_URL=http://$feed \
  PLAYCLOCK_SOURCES__WEATHER__BASE_URL='' \
  PLAYCLOCK_SOURCES__KALSHI__BASE_URL=http://$feed \
  PLAYCLOCK_SOURCES__ESPN__RATE_LIMIT_PER_S=0 \
  PLAYCLOCK_SOURCES__KALSHI__RATE_LIMIT_PER_S=0 \
  PLAYCLOCK_SOURCES__ESPN__TIMEOUT_MS=10000 \
  PLAYCLOCK_MARKETS__SPIKE_THRESHOLD_PTS=$spike \
  PLAYCLOCK_DATABASE__POOL_SIZE=8 \
  PLAYCLOCK_NODE__SESSION_GROUP_NICE=${PLAYCLOCK_BENCH_GROUP_NICE:-5} \
  setsid "$build/app/playclockd" --profile production >"$work/node.out" 2>&1 &
node_pid=$!
pids=("$node_pid" "${pids[@]}")
for _ in $(seq 200); do
  curl -sf "127.0.0.1:$http_port/api/system/health" >/dev/null && break
  sleep 0.1
done
for type in price_spike correlation; do
  curl -sf -H 'Content-Type: application/json' -H 'Authorization: Bearer bench-tenant-token' \
    -X POST "127.0.0.1:$http_port/api/tenants/bench/alert-rules" \
    -d "{\"type\":\"$type\",\"channel\":\"webhook\",\"target\":\"http://$sink/hook\",\"cooldown_s\":0}" \
    >/dev/null || { log "cannot add a rule: $(tail -3 "$work/node.out")"; exit 1; }
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
sleep $((pregame + 20))
kill -0 "$node_pid" || { log "playclockd exited: $(tail -5 "$work/node.out")"; exit 1; }
# Count only what happens in the window.
curl -s -X DELETE "$sink/received" >/dev/null
t0=$(date +%s.%N)
n0=$(cpu_ticks "$node_pid")
log "$games games ($((games * 2)) markets) at ${speed}x: measuring for ${window}s"
sleep "$window"
t1=$(date +%s.%N)
n1=$(cpu_ticks "$node_pid")
after=$(curl -s "$sink/received")
metrics=$(curl -s "127.0.0.1:$http_port/metrics")
tracked=$(grep '^playclock_markets_tracked ' <<<"$metrics" | awk '{print $2}')
python3 - "$games" "$speed" "$tracked" "$t0" "$t1" "$n0" "$n1" "$hz" <<PY
import json, sys
games, speed, tracked, t0, t1, n0, n1, hz = sys.argv[1:]
a = json.loads('''$after''')
wall = float(t1) - float(t0)
lat = a["latency_ms"]
alerts = a["alerts"]
print(f"| {games} | {float(tracked or 0):.0f} | {speed}x | {alerts} ({alerts / wall:.1f}/s) | "
      f"{lat['p50']:.1f} / {lat['p99']:.1f} / {lat['max']:.1f} ms | {a['duplicates']} | "
      f"{(int(n1) - int(n0)) / int(hz) / wall:.2f} |")
PY
