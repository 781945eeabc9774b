# shellcheck shell=bash
# deploy/lib.sh: helpers shared by the deploy scripts. Source it from a bash
# script that runs with `set -euo pipefail`:
#
#     source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Functions
#   pc_root                       print the project root (the folder above deploy/)
#   pc_say / pc_warn / pc_die     log to stderr, prefixed "[playclock]"; pc_die exits 1
#   pc_ensure_packages            install the missing Debian packages (as root), or
#                                 print the command to run and exit 1 (not root)
#   pc_build [--target T]... DIR [cmake args...]
#                                 configure and build into DIR (relative to the root)
#   pc_pg_start NAME PORT MODE    start the private PostgreSQL cluster var/NAME on
#                                 127.0.0.1:PORT, MODE durable|fast; prints its URL
#                                 postgresql://playclock@127.0.0.1:PORT/playclock
#   pc_pg_stop NAME               stop that cluster if it runs
#   pc_pg_bindir                  print the newest /usr/lib/postgresql/*/bin
#
# Environment knobs
#   DATABASE_URL              an external PostgreSQL (libpq URI): run.sh, test.sh
#                             and backup.sh then start no private cluster
#   PLAYCLOCK_PG_PORT         port of the run cluster var/pg        (default 55432)
#   PLAYCLOCK_TEST_PG_PORT    port of the test cluster var/pg-test  (default 55433)
#   PLAYCLOCK_SKIP_INSTALL=1  skip the Debian package step
#   CI=true                   builds with -DPLAYCLOCK_WERROR=ON
#
# Everything the scripts create lives under var/ (ignored by git): ccache/,
# pg/ and pg-test/ (data, run/ = unix socket, postgresql.log), log/, backups/.

shopt -s inherit_errexit

PC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
readonly PC_ROOT

# The Debian 12 packages a build, the tests and the private cluster need.
PC_PACKAGES=(build-essential cmake pkg-config git ccache libcaf-dev libboost-dev
  libboost-system-dev libpqxx-dev libpq-dev rapidjson-dev libspdlog-dev libfmt-dev
  prometheus-cpp-dev catch2 postgresql prometheus curl libssl-dev openssl)

pc_root() { printf '%s\n' "$PC_ROOT"; }
pc_say() { printf '[playclock] %s\n' "$*" >&2; }
pc_warn() { printf '[playclock] warning: %s\n' "$*" >&2; }
pc_die() {
  printf '[playclock] error: %s\n' "$*" >&2
  exit 1
}
pc_is_root() { [[ $(id -u) -eq 0 ]]; }

# --- Debian packages ---------------------------------------------------------

# Prints the packages of PC_PACKAGES that are not installed, one a line.
pc_missing_packages() {
  local p status
  for p in "${PC_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}\n' "$p" 2>/dev/null) || status=""
    if [[ $'\n'$status$'\n' != *$'\n'installed$'\n'* ]]; then
      printf '%s\n' "$p"
    fi
  done
}

pc_ensure_packages() {
  if [[ ${PLAYCLOCK_SKIP_INSTALL:-} == 1 ]]; then
    pc_say "PLAYCLOCK_SKIP_INSTALL=1: not checking Debian packages"
    return 0
  fi
  command -v dpkg-query >/dev/null 2>&1 ||
    pc_die "dpkg-query not found: these scripts install packages on Debian 12 only;" \
      "install the equivalents of '${PC_PACKAGES[*]}' and set PLAYCLOCK_SKIP_INSTALL=1"
  local -a missing
  mapfile -t missing < <(pc_missing_packages)
  ((${#missing[@]} == 0)) && return 0
  pc_say "missing Debian packages: ${missing[*]}"
  if ! pc_is_root; then
    pc_warn "not root: install them with these two commands, then run this script again:"
    printf '    sudo apt-get update\n' >&2
    printf '    sudo apt-get install -y --no-install-recommends %s\n' "${missing[*]}" >&2
    exit 1
  fi
  _pc_apt_install "${missing[@]}" || pc_die "apt-get failed (see above)"
  mapfile -t missing < <(pc_missing_packages)
  ((${#missing[@]} == 0)) || pc_die "still not installed after apt-get: ${missing[*]}"
  pc_say "Debian packages installed"
}

# apt-get update + install, in a subshell so that its traps stay local. Installing
# postgresql or prometheus would start their system services (invoke-rc.d, and
# deb-systemd-invoke where systemd runs, both ask /usr/sbin/policy-rc.d first):
# a policy answering 101 ("action forbidden") keeps them stopped, so no system
# cluster competes with the private one. The policy file is removed afterwards
# only if it did not exist before (container images often ship one).
_pc_apt_install() (
  local policy=/usr/sbin/policy-rc.d
  if [[ ! -e $policy ]]; then
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    trap 'exit 130' INT TERM HUP
    printf '#!/bin/sh\n# Written by playclock deploy/lib.sh for the time of apt-get install:\n# start no services.\nexit 101\n' >"$policy" &&
      chmod 0755 "$policy" || exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  pc_say "apt-get update"
  apt-get -o DPkg::Lock::Timeout=300 -q update || exit 1
  pc_say "apt-get install $*"
  apt-get -o DPkg::Lock::Timeout=300 -q install -y --no-install-recommends "$@" || exit 1
)

# --- build -------------------------------------------------------------------

# pc_build [--target T]... DIR [cmake args...]
# Configures DIR (cmake re-configures only what changed) and builds it with all
# cores, through ccache (var/ccache, 5 GB). Extra cmake args come last and win.
pc_build() {
  local -a targets=()
  while [[ ${1:-} == --target ]]; do
    (($# >= 2)) || pc_die "pc_build: --target needs a name"
    targets+=(--target "$2")
    shift 2
  done
  (($# >= 1)) || pc_die "usage: pc_build [--target T]... DIR [cmake args...]"
  local dir=$1
  shift
  [[ $dir == /* ]] || dir="$PC_ROOT/$dir"
  local werror=OFF
  [[ ${CI:-} == true ]] && werror=ON
  local -a args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DPLAYCLOCK_WERROR=$werror" "$@")

  export CCACHE_DIR="$PC_ROOT/var/ccache"
  mkdir -p "$CCACHE_DIR" || return
  if command -v ccache >/dev/null 2>&1; then
    ccache --max-size=5G >/dev/null || return
  fi
  pc_say "configuring ${dir#"$PC_ROOT"/}: ${args[*]}"
  cmake -S "$PC_ROOT" -B "$dir" -G "Unix Makefiles" "${args[@]}" || return
  pc_say "building ${dir#"$PC_ROOT"/} with $(nproc) jobs ${targets[*]}"
  cmake --build "$dir" -j "$(nproc)" "${targets[@]}" || return
}

# --- private PostgreSQL cluster ----------------------------------------------
#
# A private cluster is a development/test convenience: it listens on 127.0.0.1
# and on a unix socket under var/NAME/run only, and trusts every local and
# loopback connection (no password). That is acceptable only because nothing
# outside this machine can reach it; never copy this set-up to a server.
# As root, the server runs as the unprivileged `postgres` user (initdb and
# postgres refuse root) and var/NAME belongs to it; otherwise to the caller.

# Prints the newest server bin directory (/usr/lib/postgresql/<version>/bin).
pc_pg_bindir() {
  local d
  while IFS= read -r d; do
    if [[ -x $d/initdb && -x $d/pg_ctl && -x $d/postgres ]]; then
      printf '%s\n' "$d"
      return 0
    fi
  done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV)
  return 1
}

# The OS user the server runs as.
_pc_pg_user() {
  if pc_is_root; then printf 'postgres\n'; else id -un; fi
}

# Runs a command as the server user, from / (initdb and pg_ctl look at the
# current directory, which postgres may not be allowed to enter).
_pc_as_pg() {
  if pc_is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Can the server user enter DIR (every parent traversable)?
_pc_pg_can_enter() { _pc_as_pg test -x "$1" 2>/dev/null; }

# Prints the first directory on the way to DIR that the server user cannot enter.
_pc_pg_blocking_dir() {
  local path=$1 prefix="" part
  local -a parts
  IFS=/ read -r -a parts <<<"${path#/}"
  for part in "${parts[@]}"; do
    prefix="$prefix/$part"
    if ! _pc_pg_can_enter "$prefix"; then
      printf '%s\n' "$prefix"
      return 0
    fi
  done
  return 1
}

# Prints the real directory of cluster NAME, creating it (and giving it to the
# server user) if needed. Normally var/NAME. As root, when the postgres user
# cannot reach the project (say it lies under /root, mode 700), the cluster goes
# to /var/lib/playclock-dev/<hash of the project path>/NAME and var/NAME becomes
# a symbolic link to it, so every later run finds the same cluster.
_pc_pg_prepare_dir() {
  local name=$1
  local want="$PC_ROOT/var/$name" dir
  mkdir -p "$PC_ROOT/var" || return
  if [[ -L $want ]]; then
    dir=$(readlink -f "$want") || return
    mkdir -p "$dir" || return
  else
    dir=$want
    if pc_is_root; then
      id postgres >/dev/null 2>&1 ||
        pc_die "user 'postgres' does not exist: install the postgresql package"
      chmod go+x "$PC_ROOT/var" # ours; a umask of 077 would lock postgres out
      if ! _pc_pg_can_enter "$PC_ROOT/var"; then
        local blocking
        blocking=$(_pc_pg_blocking_dir "$PC_ROOT/var") || blocking="$PC_ROOT/var"
        if [[ -e $want ]]; then
          pc_die "the postgres user cannot enter $blocking ($(stat -c '%A %U' "$blocking"))," \
            "so it cannot run the cluster in $want. Make it traversable" \
            "(chmod o+x '$blocking'), or set DATABASE_URL to an external database."
        fi
        dir="/var/lib/playclock-dev/$(printf '%s' "$PC_ROOT" | cksum | cut -d' ' -f1)/$name"
        pc_warn "the postgres user cannot enter $blocking ($(stat -c '%A %U' "$blocking"));" \
          "the cluster '$name' lives in $dir instead ($want links to it)." \
          "To keep it in the project, make that directory traversable (chmod o+x)."
        mkdir -p "$dir" && chmod 0755 "$(dirname "$dir")" "$(dirname "$(dirname "$dir")")" &&
          ln -s "$dir" "$want" || return
      fi
    fi
    mkdir -p "$dir" || return
  fi
  mkdir -p "$dir/run" || return
  if pc_is_root; then
    chown postgres: "$dir" "$dir/run" || return
    _pc_pg_can_enter "$dir" ||
      pc_die "the postgres user cannot enter $dir: check the permissions of its parents"
  fi
  chmod 0700 "$dir/run" || return
  printf '%s\n' "$dir"
}

# The real directory of an existing cluster NAME (empty if none).
_pc_pg_dir() {
  local want="$PC_ROOT/var/$1"
  [[ -e $want ]] || return 0
  readlink -f "$want"
}

# The bin directory matching an existing data directory's version, else newest.
_pc_pg_bindir_for() {
  local data=$1 version
  if [[ -f $data/PG_VERSION ]]; then
    version=$(<"$data/PG_VERSION")
    if [[ -x /usr/lib/postgresql/$version/bin/pg_ctl ]]; then
      printf '%s\n' "/usr/lib/postgresql/$version/bin"
      return 0
    fi
  fi
  pc_pg_bindir
}

# The settings lib.sh owns, rewritten on every start (postgresql.conf includes it).
_pc_pg_settings() {
  local port=$1 mode=$2 socket_dir=$3
  printf '%s\n' "# Written by deploy/lib.sh (pc_pg_start) on every start: edit that, not this."
  printf '%s\n' "# A private loopback-only cluster (see pg_hba.conf)."
  printf "listen_addresses = '127.0.0.1'\n"
  printf 'port = %s\n' "$port"
  printf "unix_socket_directories = '%s'\n" "$socket_dir"
  printf 'max_connections = 200\n'
  printf 'logging_collector = off\n'
  if [[ $mode == fast ]]; then
    printf '%s\n' "# MODE=fast (tests): a crash may lose or corrupt data; tests do not care."
    printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n'
  else
    printf '%s\n' "# MODE=durable (run command)."
    printf 'fsync = on\nsynchronous_commit = on\nfull_page_writes = on\n'
  fi
}

# Prints the last lines a server wrote to LOG after it had SIZE bytes.
_pc_log_tail() {
  pc_say "last lines of $1:"
  tail -c +$(($2 + 1)) "$1" 2>/dev/null | tail -n 30 >&2 || true
}

# pc_pg_start NAME PORT MODE: see the header. Logs go to stderr, the URL to stdout.
pc_pg_start() {
  (($# == 3)) || pc_die "usage: pc_pg_start NAME PORT durable|fast"
  local name=$1 port=$2 mode=$3
  [[ $name =~ ^[A-Za-z0-9._-]+$ ]] || pc_die "pc_pg_start: bad cluster name '$name'"
  if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1024 || port > 65535)); then
    pc_die "pc_pg_start: bad port '$port' (1024-65535)"
  fi
  [[ $mode == durable || $mode == fast ]] ||
    pc_die "pc_pg_start: MODE must be durable or fast, not '$mode'"
  command -v runuser >/dev/null 2>&1 || ! pc_is_root || pc_die "runuser not found"

  local dir
  dir=$(_pc_pg_prepare_dir "$name") || pc_die "cannot prepare the directory of cluster '$name'"
  local data="$dir/data" run="$dir/run" log="$dir/postgresql.log" bin
  bin=$(_pc_pg_bindir_for "$data") ||
    pc_die "no PostgreSQL server under /usr/lib/postgresql/*/bin: install the postgresql" \
      "package, or set DATABASE_URL to an external database"
  local user
  user=$(_pc_pg_user)

  # initdb, once.
  if [[ ! -f $data/PG_VERSION ]]; then
    if [[ -e $data ]] && [[ -n $(ls -A "$data") ]]; then
      pc_die "$data exists but holds no cluster (no PG_VERSION): a failed initdb?" \
        "Remove it (rm -rf '$data') and run again."
    fi
    pc_say "initdb: new $(basename "$(dirname "$bin")") cluster '$name' in $data (owner $user)"
    local -a sync=()
    [[ $mode == fast ]] && sync=(--no-sync)
    _pc_as_pg "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-locale \
      "${sync[@]}" >"$dir/initdb.log" 2>&1 || {
      tail -n 20 "$dir/initdb.log" >&2
      pc_die "initdb failed (full log: $dir/initdb.log)"
    }
    # Trust, but for the unix socket and loopback only: see the note above.
    _pc_as_pg tee "$data/pg_hba.conf" >/dev/null <<'EOF' || pc_die "cannot write pg_hba.conf"
# Written by playclock deploy/lib.sh. A private development/test cluster that
# listens on 127.0.0.1 and a unix socket only: every local and loopback
# connection is trusted (no password), nothing else may connect at all.
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 trust
host    all       all   127.0.0.1/32  trust
host    all       all   ::1/128       trust
EOF
    printf "\n# playclock (deploy/lib.sh)\ninclude_if_exists = 'playclock.conf'\n" |
      _pc_as_pg tee -a "$data/postgresql.conf" >/dev/null || pc_die "cannot edit postgresql.conf"
  fi

  # The unix socket path must fit in sockaddr_un (107 bytes).
  local socket_dir=$run
  if ((${#run} + ${#port} + 11 > 107)); then
    pc_warn "$run is too long a path for a unix socket: TCP on 127.0.0.1:$port only"
    socket_dir=""
  fi
  local conf="$data/playclock.conf" settings old=""
  settings=$(_pc_pg_settings "$port" "$mode" "$socket_dir")
  [[ -f $conf ]] && old=$(<"$conf")
  if [[ $settings != "$old" ]]; then
    printf '%s\n' "$settings" | _pc_as_pg tee "$conf" >/dev/null ||
      pc_die "cannot write $conf"
  fi

  # Start (or restart when the settings changed), unless it already runs.
  local status=0 action=""
  _pc_as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 || status=$?
  if ((status != 0)); then
    action=start
  elif [[ $settings != "$old" ]]; then
    action=restart
  fi
  local log_size=0
  [[ -f $log ]] && log_size=$(stat -c %s "$log")
  if [[ -n $action ]]; then
    pc_say "pg_ctl $action: cluster '$name' on 127.0.0.1:$port ($mode), log $log"
    local -a stop_mode=()
    [[ $action == restart ]] && stop_mode=(-m fast)
    if ! _pc_as_pg "$bin/pg_ctl" -D "$data" -l "$log" -w -t 30 -s "${stop_mode[@]}" \
      "$action" >&2; then
      _pc_log_tail "$log" "$log_size"
      pc_die "PostgreSQL cluster '$name' did not start (log: $log)"
    fi
  else
    pc_say "cluster '$name' already runs on 127.0.0.1:$port"
  fi

  local deadline=$((SECONDS + 30))
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -t 2; do
    if ((SECONDS >= deadline)); then
      _pc_log_tail "$log" "$log_size"
      pc_die "PostgreSQL cluster '$name' does not answer on 127.0.0.1:$port after 30 s (log: $log)"
    fi
    sleep 0.5
  done

  # Role and database, if missing.
  "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    >/dev/null <<'EOF' || pc_die "cannot create role/database playclock in cluster '$name'"
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'playclock') THEN
    CREATE ROLE playclock LOGIN CREATEDB;
  END IF;
END
$$;
SELECT 'CREATE DATABASE playclock OWNER playclock'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'playclock')\gexec
EOF
  printf 'postgresql://playclock@127.0.0.1:%s/playclock\n' "$port"
}

# pc_pg_stop NAME: stops cluster var/NAME if it runs (fast shutdown).
pc_pg_stop() {
  (($# == 1)) || pc_die "usage: pc_pg_stop NAME"
  local dir data bin
  dir=$(_pc_pg_dir "$1")
  data="$dir/data"
  if [[ -z $dir || ! -f $data/PG_VERSION ]]; then
    pc_say "no cluster '$1' in $PC_ROOT/var/$1"
    return 0
  fi
  bin=$(_pc_pg_bindir_for "$data") || pc_die "no PostgreSQL binaries to stop cluster '$1'"
  if _pc_as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    pc_say "stopping cluster '$1'"
    _pc_as_pg "$bin/pg_ctl" -D "$data" -m fast -w -t 60 -s stop >&2 ||
      pc_die "pg_ctl stop failed for cluster '$1' (log: $dir/postgresql.log)"
  else
    pc_say "cluster '$1' is not running"
  fi
}
