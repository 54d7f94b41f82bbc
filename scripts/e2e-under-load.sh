#!/usr/bin/env bash
# Runs the end-to-end suite RUNS times in a row (default 5) while both cores are kept busy, and fails on
# the first red run. Proof that the suite waits for state, not for time. Build first (`next build`).
#   bash scripts/e2e-under-load.sh [RUNS] [playwright args…]
# LOAD=unit keeps the unit tests running alongside instead of a plain CPU hog on every core.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
runs=${1:-5}
shift || true

hogs=()
stop_hogs() { for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop_hogs EXIT
if [ "${LOAD:-cpu}" = unit ]; then
  (while true; do VITEST_EMULATOR_PORT=28080 node_modules/.bin/vitest run >/dev/null 2>&1 || true; done) &
  hogs+=($!)
else
  for _ in $(seq "$(nproc)"); do
    node -e "for (;;) {}" &
    hogs+=($!)
  done
fi

mkdir -p .data
for run in $(seq "$runs"); do
  rm -rf .data/e2e-pglite
  started=$(date +%s)
  if node_modules/.bin/playwright test --reporter=list "$@" >".data/e2e-run-$run.log" 2>&1; then
    echo "run $run/$runs: passed in $(( $(date +%s) - started )) s ($(grep -Eo '[0-9]+ passed' ".data/e2e-run-$run.log" | tail -1))"
  else
    echo "run $run/$runs: FAILED — see .data/e2e-run-$run.log" >&2
    grep -E "✘|[0-9]+ (failed|flaky)" ".data/e2e-run-$run.log" >&2 || true
    exit 1
  fi
done
echo "$runs passed, 0 failed"
