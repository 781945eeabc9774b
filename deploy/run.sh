#!/usr/bin/env bash
# deploy/run.sh: set up (packages, build), start a private PostgreSQL unless
# DATABASE_URL is set, then run the node playclockd in the foreground
# (demo profile: the development defaults plus the tenant "demo"; HTTP on
# 127.0.0.1:8080). Safe to run again: it reuses
# the packages, build/ and the cluster in var/pg.
#
# Usage: deploy/run.sh [playclockd args...]     (Ctrl-C stops the node)
#   playclockd's own options: build/app/playclockd --help
# Environment: DATABASE_URL (external database), PLAYCLOCK_PG_PORT (55432),
#   PLAYCLOCK_SKIP_INSTALL=1; see deploy/lib.sh.
set -euo pipefail
# shellcheck source=deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case ${1:-} in
  -h | --help)
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
    exit 0
    ;;
esac

bash "$PC_ROOT/deploy/setup.sh" --target playclockd --target playclock-feed --target playclock-sink

if [[ -n ${DATABASE_URL:-} ]]; then
  # Say where, never the password.
  db_note="external: $(printf '%s' "$DATABASE_URL" | sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#')"
else
  DATABASE_URL=$(pc_pg_start pg "${PLAYCLOCK_PG_PORT:-55432}" durable)
  export DATABASE_URL
  # The cluster runs in a session (a scheduling group) of its own: weigh the
  # node's below it, so the writes of the node's alerts get the cores first
  # during a poll's burst (README, node.session_group_nice).
  export PLAYCLOCK_NODE__SESSION_GROUP_NICE=${PLAYCLOCK_NODE__SESSION_GROUP_NICE:-5}
  db_note="$DATABASE_URL (private cluster var/pg; it keeps running after"
  db_note+=" Ctrl-C: stop it with  bash -c '. deploy/lib.sh && pc_pg_stop pg')"
fi

{
  echo
  echo "[playclock] playclockd (demo profile) runs in the foreground"
  echo "  HTTP      http://127.0.0.1:8080  (unless your arguments say otherwise)"
  echo "  health    curl -s http://127.0.0.1:8080/api/system/health"
  echo "  metrics   curl -s http://127.0.0.1:8080/metrics"
  echo "  tenant    demo: -H 'Authorization: Bearer demo-tenant-token' (admin: demo-admin-token-change-me)"
  echo "  database  $db_note"
  echo "  logs      $PC_ROOT/var/log/"
  echo "  stop      Ctrl-C (graceful shutdown)"
  echo
} >&2

cd "$PC_ROOT"
# In a session of its own, so that its scheduling group is not this
# terminal's; Ctrl-C (and TERM, HUP) is handed on for a graceful shutdown.
setsid "$PC_ROOT/build/app/playclockd" --profile "${PLAYCLOCK_PROFILE:-demo}" "$@" &
node=$!
trap 'kill -INT "$node" 2>/dev/null || true' INT TERM HUP
rc=0
while kill -0 "$node" 2>/dev/null; do
  wait "$node" && rc=0 || rc=$?
done
exit "$rc"
