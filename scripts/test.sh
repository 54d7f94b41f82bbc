#!/usr/bin/env bash
# `npm test`: type check and lint, unit and contract tests (vitest), then end-to-end tests in Debian's Chromium (Playwright).
# With a PostgreSQL server reachable (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test),
# the store-dependent suites run against it as well as against the embedded store. Last, the self-hosting
# checks: the standalone server, and two instances on one PostgreSQL server (skipped without one, except in CI).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the end-to-end tests…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The end-to-end tests need Chromium at /usr/bin/chromium. Install it with: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

node_modules/.bin/tsx e2e/auth0-emulator/certificate.ts >/dev/null
node_modules/.bin/tsc --noEmit
node_modules/.bin/eslint . --max-warnings 0
node_modules/.bin/vitest run
# tsc has just checked the types: the build need not check them again (next.config.mjs).
BUILD_WITHOUT_TYPECHECK=1 node_modules/.bin/next build
# The first-load JavaScript budget per page (README, "Tests and benchmarks").
node_modules/.bin/tsx scripts/size.ts

echo "== End-to-end on the embedded store (PGlite)"
rm -rf .data/e2e-pglite
node_modules/.bin/playwright test "$@"

server_url=$(node_modules/.bin/tsx lib/testing/server-database.ts inviter_e2e)
if [ -n "$server_url" ]; then
  echo "== End-to-end on the PostgreSQL server ($server_url)"
  E2E_DATABASE_URL="$server_url" node_modules/.bin/playwright test "$@"
elif [ -n "${CI:-}" ]; then
  echo "CI must exercise the PostgreSQL server too, and none answered at 127.0.0.1:5432." >&2
  exit 1
else
  echo "== No PostgreSQL server reachable: end-to-end ran on the embedded store only."
fi

echo "== Our own email: the app sends invitation emails through the emulator's SMTP sink"
rm -rf .data/e2e-own-email-pglite
node_modules/.bin/playwright test -c playwright.own-email.config.ts

echo "== Self-hosting: the standalone server, and two instances behind one address"
node_modules/.bin/playwright test -c playwright.selfhost.config.ts
