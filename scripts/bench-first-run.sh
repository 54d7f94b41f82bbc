#!/usr/bin/env bash
# `npm run bench:first-run`: the README's first command on a fresh copy of this checkout's HEAD, timed from
# `npm install` to the app's first answer (`npm run demo` builds, then starts the emulator and the app).
# npm's cache is whatever this machine has (warm after any earlier install). Prints one JSON line.
# BENCH_PORT moves the demo's ports (app, then sign-in and Management API at +1 and +2), off the usual ones.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-3700}
work=$(mktemp -d)
demo_pid=
cleanup() {
  # npm, tsx and the server: the whole process group, or the server outlives its deleted folder.
  if [ -n "$demo_pid" ]; then kill -TERM -- "-$demo_pid" 2>/dev/null || true; wait "$demo_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

git clone -q . "$work/app"
cd "$work/app"
load_before=$(cut -d' ' -f1 /proc/loadavg)
start=$(date +%s.%N)
npm install --no-audit --no-fund >"$work/install.log" 2>&1
installed=$(date +%s.%N)
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "Port $port already answers: stop what runs there, or set BENCH_PORT." >&2; exit 1; fi
PORT=$port EMULATOR_SIGNIN_PORT=$((port + 1)) EMULATOR_API_PORT=$((port + 2)) setsid npm run demo >"$work/demo.log" 2>&1 &
demo_pid=$!
until curl -s -o /dev/null "http://127.0.0.1:$port/api/health"; do
  if ! kill -0 "$demo_pid" 2>/dev/null; then cat "$work/demo.log" >&2; exit 1; fi
  sleep 0.2
done
answered=$(date +%s.%N)
load_after=$(cut -d' ' -f1 /proc/loadavg)
awk -v s="$start" -v i="$installed" -v a="$answered" -v lb="$load_before" -v la="$load_after" 'BEGIN {
  printf "{\"install_s\":%.1f,\"build_and_start_s\":%.1f,\"first_answer_s\":%.1f,\"target_s\":75,\"load_before\":%s,\"load_after\":%s}\n", i - s, a - i, a - s, lb, la
}'
