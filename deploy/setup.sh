#!/usr/bin/env bash
# deploy/setup.sh: install the missing Debian packages, then build into build/
# (RelWithDebInfo, through ccache). Used by run.sh and test.sh; callable alone.
#
# Usage: deploy/setup.sh [--target NAME]... [extra cmake args...]
#   --target NAME   build only this target (repeatable; default: everything)
#   extra args      passed to cmake when configuring, e.g. -DPLAYCLOCK_TESTS=OFF
# Environment: see deploy/lib.sh (PLAYCLOCK_SKIP_INSTALL=1, CI=true).
set -euo pipefail
# shellcheck source=deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

targets=()
while (($#)); do
  case $1 in
    --target)
      (($# >= 2)) || pc_die "--target needs a name"
      targets+=(--target "$2")
      shift 2
      ;;
    -h | --help)
      sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *) break ;;
  esac
done

pc_ensure_packages
pc_build "${targets[@]}" build "$@"
