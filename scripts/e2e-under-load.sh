#!/usr/bin/env bash
# Runs the end-to-end suite RUNS times in a row (default 5) while the machine is kept busy, and prints for
# each run its counts, its duration and the load average it ran at. Proof that the suite waits for state,
# not for time, and that long tests have budgets that hold on a loaded machine. Build first (`next build`).
#   bash scripts/e2e-under-load.sh [RUNS] [playwright args…]
# LOAD says what keeps the machine busy, joined with "+":
#   cpu   HOGS busy loops (default: one per core)
#   unit  the unit tests, over and over (on VITEST_EMULATOR_PORT, so it does not collide with another checkout's)
#   e.g. LOAD=cpu+unit HOGS=3. Default: LOAD=cpu.
# SAMPLE_SECONDS (default 5): how often the 1-minute load average is read from /proc/loadavg during a run.
# Every run goes to the end; the script fails if any run did. Each run's log: .data/e2e-run-N.log.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
runs=${1:-5}
shift || true
load=${LOAD:-cpu}
sample_seconds=${SAMPLE_SECONDS:-5}

# Each background helper leads a process group of its own, so stopping it stops what it started too (a vitest
# run and its workers). A script's background child never leads a group, so setsid does not fork: $! is the group.
helpers=()
stop_helpers() { for pid in "${helpers[@]}"; do kill -- "-$pid" 2>/dev/null || true; done; }
trap stop_helpers EXIT
in_background() {
  setsid "$@" &
  helpers+=($!)
}

for part in ${load//+/ }; do
  case $part in
    cpu)
      hogs=${HOGS:-$(nproc)}
      for _ in $(seq "$hogs"); do in_background node -e "for (;;) {}"; done
      ;;
    unit)
      in_background bash -c 'while true; do node_modules/.bin/vitest run >/dev/null 2>&1 || true; done'
      ;;
    *)
      echo "LOAD: unknown part '$part' (cpu, unit)" >&2
      exit 2
      ;;
  esac
done
echo "load: $load (hogs: ${HOGS:-$(nproc)} on $(nproc) cores); 1-minute load average sampled every ${sample_seconds} s"

mkdir -p .data
failed=0
for run in $(seq "$runs"); do
  rm -rf .data/e2e-pglite
  log=.data/e2e-run-$run.log
  samples=.data/e2e-run-$run.load
  in_background bash -c "while true; do cut -d' ' -f1 /proc/loadavg; sleep $sample_seconds; done >$samples"
  started=$(date +%s)
  status=passed
  node_modules/.bin/playwright test --reporter=list "$@" >"$log" 2>&1 || status=FAILED
  seconds=$(( $(date +%s) - started ))
  kill -- "-${helpers[-1]}" 2>/dev/null || true
  unset 'helpers[-1]'
  load_figures=$(awk 'NR == 1 || $1 < min { min = $1 } NR == 1 || $1 > max { max = $1 } { sum += $1 }
    END { if (NR) printf "min %.2f, mean %.2f, max %.2f over %d samples", min, sum / NR, max, NR }' "$samples")
  counts=$(grep -Eo '^ +[0-9]+ (passed|failed|flaky|skipped|did not run|interrupted)' "$log" | sed 's/^ *//' | paste -sd, - | sed 's/,/, /g')
  echo "run $run/$runs: $status in $((seconds / 60)) min $((seconds % 60)) s (${counts:-no counts: see $log}); load average $load_figures"
  if [ "$status" = FAILED ]; then
    failed=$((failed + 1))
    grep -E "✘" "$log" >&2 || true
  fi
done
echo "$((runs - failed)) passed, $failed failed"
[ "$failed" = 0 ]
