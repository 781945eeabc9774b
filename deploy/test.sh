#!/usr/bin/env bash
# deploy/test.sh: set up (packages, build/), start the private test PostgreSQL
# var/pg-test (fsync off) unless DATABASE_URL is set, run every test with
# ctest, then build build-asan/ with AddressSanitizer+UBSan and run them again.
# Safe to run again: it reuses the packages, both build folders and the cluster.
#
# Usage: deploy/test.sh [--no-asan] [-R REGEX]
#   --no-asan   skip the sanitizer pass (quick local runs)
#   -R REGEX    run only the tests whose names match (ctest -R)
# Environment: DATABASE_URL (external database; the tests create and drop a
#   database per test there, so its role needs CREATEDB), PLAYCLOCK_TEST_PG_PORT
#   (55433), PLAYCLOCK_REALDATA_DIR (default ../shared/realdata if present),
#   PLAYCLOCK_SKIP_INSTALL=1, CI=true (-Werror; stops the test cluster at the end).
# Exit status 0 only if everything passed; the last line is the summary of
# both passes, counted from ctest's own totals, e.g.
#   tests: 246 passed, 0 failed
set -euo pipefail
# shellcheck source=deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

asan=1
filter=()
while (($#)); do
  case $1 in
    --no-asan)
      asan=0
      shift
      ;;
    -R)
      (($# >= 2)) || pc_die "-R needs a regular expression"
      filter=(-R "$2")
      shift 2
      ;;
    -h | --help)
      sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *) pc_die "unknown option '$1' (see deploy/test.sh --help)" ;;
  esac
done

ctest_args=(--output-on-failure -j2 --timeout 300 --no-tests=error "${filter[@]}")
timings=()
passes=0
failed=0
problems=()
tests_passed=0
tests_failed=0
own_cluster=0
total_start=$SECONDS

# timed NAME COMMAND...: runs COMMAND, records its duration, returns its status.
timed() {
  local name=$1 start=$SECONDS rc=0 result=ok
  shift
  pc_say "=== $name"
  "$@" || rc=$?
  ((rc == 0)) || result="FAILED (exit $rc)"
  timings+=("$(printf '  %-12s %5d s  %s' "$name" $((SECONDS - start)) "$result")")
  pc_say "=== $name: $((SECONDS - start)) s, $result"
  return "$rc"
}

# Prints the phase timings and the summary (the last line), then exits.
finish() {
  if [[ ${CI:-} == true ]] && ((own_cluster)); then
    (pc_pg_stop pg-test) || true
  fi
  {
    echo "[playclock] phases:"
    printf '%s\n' "${timings[@]}"
    printf '  %-12s %5d s\n' total $((SECONDS - total_start))
  } >&2
  local noun=passes
  ((passes == 1)) && noun=pass
  if ((${#problems[@]})); then
    printf '[playclock] problems: %s\n' "${problems[@]}" >&2
  fi
  # A build or set-up failure ran no test: count it as a failure.
  ((failed > 0 && tests_failed == 0)) && tests_failed=$failed
  echo "[playclock] $passes $noun" >&2
  printf 'tests: %d passed, %d failed\n' "$tests_passed" "$tests_failed"
  ((failed == 0)) && exit 0
  exit 1
}

# run_ctest DIR: runs the suite built in DIR and adds ctest's totals to
# tests_passed / tests_failed; returns ctest's status.
run_ctest() {
  local dir=$1 log rc=0 line total nfail
  log=$(mktemp)
  ctest --test-dir "$dir" "${ctest_args[@]}" 2>&1 | tee "$log" || rc=$?
  line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)
  if [[ -n $line ]]; then
    nfail=$(sed -E 's/.* ([0-9]+) tests? failed out of.*/\1/' <<<"$line")
    total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
    tests_passed=$((tests_passed + total - nfail))
    tests_failed=$((tests_failed + nfail))
  elif ((rc != 0)); then
    tests_failed=$((tests_failed + 1))
  fi
  rm -f "$log"
  return "$rc"
}

# shellcheck disable=SC2317 # (called through timed)
start_test_cluster() {
  test_url=$(pc_pg_start pg-test "${PLAYCLOCK_TEST_PG_PORT:-55433}" fast)
}

# shellcheck disable=SC2317 # (called through timed)
build_asan() (
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # -O0 with line tables only (-g1): the sanitized build compiles about 2.5x
  # faster than at -O1 -g, which is what keeps CI in its budget; stack traces
  # still name files and lines. Only what the tests run (the benchmarks are
  # not built twice).
  local -a targets=()
  local t
  for t in tests_config tests_adapters tests_messages tests_supervisors tests_actors \
    tests_integration playclockd playclock-feed playclock-sink; do
    targets+=(--target "$t")
  done
  pc_build "${targets[@]}" build-asan -DPLAYCLOCK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -g1"
)

# --- pass 1: release build -----------------------------------------------------
passes=1
if ! timed setup bash "$PC_ROOT/deploy/setup.sh"; then
  failed=1
  problems+=("release: setup or build failed")
  finish
fi

test_url=""
if [[ -n ${DATABASE_URL:-} ]]; then
  pc_say "DATABASE_URL is set: the tests use that server, no private cluster"
  test_url=$DATABASE_URL
elif timed database start_test_cluster; then
  own_cluster=1
else
  failed=1
  problems+=("the test database did not start")
  finish
fi
export PLAYCLOCK_TEST_DATABASE_URL=$test_url
export PLAYCLOCK_TEST_REQUIRE_DB=1
if [[ -z ${PLAYCLOCK_REALDATA_DIR:-} && -d $PC_ROOT/../shared/realdata ]]; then
  PLAYCLOCK_REALDATA_DIR=$(cd "$PC_ROOT/../shared/realdata" && pwd -P)
  export PLAYCLOCK_REALDATA_DIR
fi
pc_say "real data: ${PLAYCLOCK_REALDATA_DIR:-none (those tests skip)}"

if ! timed tests run_ctest "$PC_ROOT/build"; then
  failed=$((failed + 1))
  problems+=("release: tests failed")
fi

# --- pass 2: AddressSanitizer + UBSan --------------------------------------------
if ((asan)); then
  passes=2
  if ! timed "asan build" build_asan; then
    failed=$((failed + 1))
    problems+=("asan: build failed")
  elif ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    LSAN_OPTIONS=suppressions=$PC_ROOT/deploy/lsan.supp:print_suppressions=0 \
    timed "asan tests" run_ctest "$PC_ROOT/build-asan"; then
    failed=$((failed + 1))
    problems+=("asan: tests failed")
  fi
else
  pc_say "--no-asan: sanitizer pass skipped"
fi

finish
