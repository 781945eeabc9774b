#!/usr/bin/env bash
# deploy/backup.sh: dump the playclock database (pg_dump -Fc) into
# var/backups/playclock-<UTC timestamp>.dump, keep the newest N dumps, print
# the file name; or restore a dump.
#
# Usage: deploy/backup.sh [--keep N]         back up (default N=14)
#        deploy/backup.sh --restore FILE     restore FILE into the database:
#            pg_restore --clean --if-exists in one transaction (all or nothing);
#            objects in the dump replace their namesakes, others stay;
#            stop playclockd first
# Database: DATABASE_URL if set, else the private cluster var/pg of run.sh
#   (started if it is stopped; PLAYCLOCK_PG_PORT, default 55432).
# Environment: PLAYCLOCK_BACKUP_DIR (default var/backups).
set -euo pipefail
# shellcheck source=deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

keep=14
restore=""
while (($#)); do
  case $1 in
    --keep)
      [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || pc_die "--keep needs a number >= 1"
      keep=$2
      shift 2
      ;;
    --restore)
      [[ -n ${2:-} ]] || pc_die "--restore needs a dump file"
      restore=$2
      shift 2
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) pc_die "unknown option '$1' (see deploy/backup.sh --help)" ;;
  esac
done

if [[ -n $restore ]]; then
  [[ -f $restore && -r $restore ]] || pc_die "cannot read $restore"
fi
umask 077 # dumps hold everything the database holds
bin=$(pc_pg_bindir) || pc_die "no PostgreSQL client tools under /usr/lib/postgresql/*/bin"
if [[ -n ${DATABASE_URL:-} ]]; then
  url=$DATABASE_URL
else
  [[ -f $PC_ROOT/var/pg/data/PG_VERSION ]] ||
    pc_die "DATABASE_URL is not set and there is no private cluster var/pg yet (deploy/run.sh makes one)"
  url=$(pc_pg_start pg "${PLAYCLOCK_PG_PORT:-55432}" durable)
fi

if [[ -n $restore ]]; then
  pc_say "restoring $restore (pg_restore --clean --if-exists, one transaction)"
  "$bin/pg_restore" --clean --if-exists --no-owner --single-transaction --exit-on-error \
    -d "$url" "$restore" || pc_die "restore failed: the database is unchanged"
  pc_say "restored $restore"
  exit 0
fi

dir=${PLAYCLOCK_BACKUP_DIR:-$PC_ROOT/var/backups}
mkdir -p "$dir"
chmod 0700 "$dir"
file="$dir/playclock-$(date -u +%Y%m%dT%H%M%SZ).dump"
[[ -e $file ]] && pc_die "$file exists already (one backup per second at most)"
# Into a temporary name first, so that a failed dump never counts as a backup.
tmp="$file.partial"
trap 'rm -f "$tmp"' EXIT
pc_say "pg_dump -Fc into $file"
"$bin/pg_dump" -Fc -f "$tmp" -d "$url" || pc_die "pg_dump failed"
mv "$tmp" "$file"
trap - EXIT

# Keep the newest $keep dumps (the timestamps sort by name).
mapfile -t dumps < <(find "$dir" -maxdepth 1 -type f -name 'playclock-*.dump' | sort)
if ((${#dumps[@]} > keep)); then
  for old in "${dumps[@]:0:${#dumps[@]}-keep}"; do
    pc_say "removing old backup $old"
    rm -f "$old"
  done
fi
printf '%s\n' "$file"
